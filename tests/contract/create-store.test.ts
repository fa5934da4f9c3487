import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmbeddedStore } from '../../shared/adapters/store/embedded';
import { createStore, type StoreConfig } from '../../shared/adapters/store';
import { lazyStore } from '../../shared/adapters/store/lazy-store';

const base: StoreConfig = { STORE: 'embedded', DATA_DIR: '.data' };

describe('createStore', () => {
  it('STORE=embedded writes one file per collection under DATA_DIR', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'create-store-'));
    try {
      const store = createStore({ ...base, DATA_DIR: join(dir, 'nested') });
      expect(store.kind).toBe('embedded');
      await store.collection('members').insert({ _id: 'm1' });
      await store.close();
      expect(existsSync(join(dir, 'nested', 'members.db'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the missing setting for the remote backends', () => {
    expect(() => createStore({ ...base, STORE: 'mongodb' })).toThrow(/MONGODB_URI/);
    expect(() => createStore({ ...base, STORE: 'cloudbase' })).toThrow(/CLOUDBASE_ENV_ID/);
  });

  it('returns a store of the requested remote kind (the adapter itself loads on first use)', () => {
    expect(createStore({ ...base, STORE: 'mongodb', MONGODB_URI: 'mongodb://127.0.0.1:1/none' }).kind).toBe('mongodb');
    expect(createStore({ ...base, STORE: 'cloudbase', CLOUDBASE_ENV_ID: 'env-1' }).kind).toBe('cloudbase');
  });
});

describe('lazyStore', () => {
  it('loads the adapter on first use only, once, and retries a failed load', async () => {
    let loads = 0;
    const inner = createEmbeddedStore({ inMemory: true });
    const store = lazyStore('mongodb', async () => {
      loads += 1;
      if (loads === 1) throw new Error('layer missing');
      return inner;
    });
    const c = store.collection('things');
    expect(loads).toBe(0);
    await expect(c.insert({ _id: 'a' })).rejects.toThrow('layer missing');
    await c.insert({ _id: 'a', n: 1 });
    await c.updateOne({ _id: 'a' }, { $inc: { n: 1 } });
    expect(await store.collection('things').get('a')).toEqual({ _id: 'a', n: 2 });
    expect(await inner.collection('things').count({})).toBe(1);
    expect(loads).toBe(2);
    await store.close();
  });

  it('validates collection names before loading anything', () => {
    const store = lazyStore('cloudbase', async () => createEmbeddedStore({ inMemory: true }));
    expect(() => store.collection('bad/name')).toThrow(/invalid collection name/);
  });
});
