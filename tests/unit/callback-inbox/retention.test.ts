import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from '../../../shared/adapters/crypto/field-cipher';
import { createLogger } from '../../../shared/adapters/log/logger';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import { ManualClock } from '../../../shared/ports/clock';
import type { Collection, DocumentStore, IndexSpec } from '../../../shared/ports/document-store';
import { createCallbackInbox, INBOX_COLLECTION, INBOX_RETENTION_MS, type InboxEntry } from '../../../shared/services/callback-inbox/inbox';

const cipher = createFieldCipher(`k1:${randomBytes(32).toString('base64')}`);
const log = createLogger({ level: 'silent' });
const callback = (dedupKey: string) => ({ dedupKey, source: 'welcome', kind: 'change_external_contact', plaintext: `<xml><MsgId>${dedupKey}</MsgId></xml>` });
const noop = async () => {};

/** The embedded store, recording what the inbox asks of its collection, in order. */
function recordingStore(failIndexOnce = false) {
  const inner = createEmbeddedStore({ inMemory: true });
  const calls: string[] = [];
  let fail = failIndexOnce;
  const store: DocumentStore = {
    kind: inner.kind,
    close: () => inner.close(),
    collection<T extends InboxEntry>(name: string) {
      const col = inner.collection(name) as unknown as Collection<T>;
      if (name !== INBOX_COLLECTION) return col;
      return new Proxy(col, {
        get(target, prop: keyof Collection<T>) {
          const fn = target[prop] as (...args: unknown[]) => Promise<unknown>;
          return (...args: unknown[]) => {
            calls.push(prop === 'ensureIndex' ? `ensureIndex:${JSON.stringify(args[0] as IndexSpec)}` : prop);
            if (prop === 'ensureIndex' && fail) {
              fail = false;
              return Promise.reject(new Error('index build failed'));
            }
            return fn.apply(target, args);
          };
        },
      });
    },
  } as DocumentStore;
  return { store, calls };
}

describe('callback inbox retention', () => {
  it('stamps every entry with expireAt = received + 30 days', async () => {
    const store = createEmbeddedStore({ inMemory: true });
    const clock = new ManualClock(Date.now());
    const inbox = createCallbackInbox({ store, clock, cipher, log });
    await inbox.accept(callback('k-1'), noop);
    const entry = await store.collection<InboxEntry>(INBOX_COLLECTION).get('k-1');
    expect(INBOX_RETENTION_MS).toBe(30 * 86_400_000);
    expect(entry?.expireAt).toBeInstanceOf(Date);
    expect(entry?.expireAt.getTime()).toBe(clock.nowMs() + INBOX_RETENTION_MS);
  });

  it('lets the store delete entries past retention (TTL index), keeping recent ones', async () => {
    const store = createEmbeddedStore({ inMemory: true });
    // The embedded store expires by the real clock: one entry received just over 30 days ago, one now.
    const clock = new ManualClock(Date.now() - INBOX_RETENTION_MS - 60_000);
    const inbox = createCallbackInbox({ store, clock, cipher, log });
    await inbox.accept(callback('old'), noop);
    clock.set(Date.now());
    await inbox.accept(callback('new'), noop);
    const left = await store.collection(INBOX_COLLECTION).find({}, { sort: { _id: 1 } });
    expect(left.map((e) => e._id)).toEqual(['new']);
  });

  it('ensures the TTL index once per inbox, before its first write, and again after a failed attempt', async () => {
    const { store, calls } = recordingStore(true);
    const inbox = createCallbackInbox({ store, clock: new ManualClock(Date.now()), cipher, log });
    await expect(inbox.accept(callback('a'), noop)).rejects.toThrow('index build failed');
    await inbox.accept(callback('a'), noop);
    await inbox.accept(callback('b'), noop);
    await inbox.accept(callback('b'), noop);
    await inbox.retryFailed('welcome', noop);
    const index = 'ensureIndex:{"fields":["expireAt"],"expireAfterSeconds":0}';
    expect(calls.filter((c) => c.startsWith('ensureIndex'))).toEqual([index, index]);
    expect(calls.indexOf('insert')).toBeGreaterThan(calls.lastIndexOf(index));
    expect(calls[0]).toBe(index);
  });
});
