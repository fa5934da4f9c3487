import { Db } from '@cloudbase/database';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from '../../shared/adapters/store';

/**
 * A CloudBase cold start makes no control-plane call: the index check is the ops command
 * `cloudbase indexes`, not something each function runs. Any use of the index lister, or any fetch
 * (the TC3 signer's transport), fails this test.
 */
const listerCalls = vi.hoisted(() => [] as unknown[]);
vi.mock('../../shared/adapters/store/cloudbase-index-lister', () => ({
  cloudbaseIndexLister: (options: unknown) => {
    listerCalls.push(options);
    throw new Error('the index lister ran on a cold start');
  },
}));

const original = Object.getOwnPropertyDescriptor(Db, 'reqClass');
afterEach(() => {
  if (original) Object.defineProperty(Db, 'reqClass', original);
  vi.unstubAllGlobals();
});

describe('createStore with STORE=cloudbase', () => {
  it('loads the adapter and answers without reading the console’s indexes', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string | URL | Request) => {
      fetched.push(String(url));
      throw new Error(`fetch on a cold start: ${String(url)}`);
    });
    // The SDK's data-plane requester, answered offline; the adapter installs the SDK's own on load, which is ignored here.
    const sent: string[] = [];
    class Recorder {
      async send(action: string) {
        sent.push(action);
        return { requestId: 'r', data: { total: 0 } };
      }
    }
    Object.defineProperty(Db, 'reqClass', { configurable: true, get: () => Recorder, set: () => undefined });

    const store = createStore({
      STORE: 'cloudbase',
      DATA_DIR: '.data',
      CLOUDBASE_ENV_ID: 'env-1',
      TENCENTCLOUD_SECRETID: 'AKID',
      TENCENTCLOUD_SECRETKEY: 'key',
      TENCENTCLOUD_SESSIONTOKEN: 'token',
    });
    expect(await store.collection('members').count({})).toBe(0);
    // What ran in the background before would have started by now.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toEqual(['database.calculateDocument']);
    expect(listerCalls).toEqual([]);
    expect(fetched).toEqual([]);
    await store.close();
  });
});
