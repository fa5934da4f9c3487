import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from '../../../shared/adapters/crypto/field-cipher';
import { createLogger } from '../../../shared/adapters/log/logger';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import { ManualClock } from '../../../shared/ports/clock';
import type { Collection, DocumentStore } from '../../../shared/ports/document-store';
import { createCallbackInbox, INBOX_COLLECTION, type InboxEntry } from '../../../shared/services/callback-inbox/inbox';

const cipher = createFieldCipher(`k1:${randomBytes(32).toString('base64')}`);
const log = createLogger({ level: 'silent' });
const callback = (dedupKey: string) => ({ dedupKey, source: 'welcome', kind: 'change_external_contact', plaintext: `<xml><Id>${dedupKey}</Id></xml>` });
/** Real time: the store's TTL index drops entries whose expireAt is past by the wall clock. */
const T0 = Date.now();
const WRITES = new Set(['insert', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany']);

/** The embedded store, counting the writes the inbox makes to its collection. */
function countingStore() {
  const inner = createEmbeddedStore({ inMemory: true });
  const writes: string[] = [];
  const store = {
    kind: inner.kind,
    close: () => inner.close(),
    collection(name: string) {
      const col = inner.collection(name) as unknown as Collection<InboxEntry>;
      if (name !== INBOX_COLLECTION) return col;
      return new Proxy(col, {
        get(target, prop: keyof Collection<InboxEntry>) {
          const fn = target[prop] as (...args: unknown[]) => Promise<unknown>;
          return (...args: unknown[]) => {
            if (WRITES.has(prop)) writes.push(prop);
            return fn.apply(target, args);
          };
        },
      });
    },
  } as unknown as DocumentStore;
  return { store, writes, entries: () => inner.collection<InboxEntry>(INBOX_COLLECTION) };
}

describe('callback inbox writes', () => {
  it('stores an event without work done in one write; replays, also concurrent ones, are duplicates and the sweep leaves it', async () => {
    const { store, writes, entries } = countingStore();
    const inbox = createCallbackInbox({ store, clock: new ManualClock(T0), cipher, log });
    expect(await inbox.accept(callback('ignored'))).toBe('processed');
    expect(writes).toEqual(['insert']);
    expect(await entries().get('ignored')).toMatchObject({ status: 'done', attempts: 0, doneAtMs: T0 });
    expect(await Promise.all([inbox.accept(callback('ignored')), inbox.accept(callback('ignored'))])).toEqual(['duplicate', 'duplicate']);
    let ran = 0;
    expect(await inbox.retryFailed('welcome', async () => void (ran += 1))).toEqual({ retried: 0, failed: 0 });
    expect(ran).toBe(0);
  });

  it('runs an event with work between two writes, once however many deliveries race', async () => {
    const { store, writes } = countingStore();
    const inbox = createCallbackInbox({ store, clock: new ManualClock(T0), cipher, log });
    let ran = 0;
    const work = async () => void (ran += 1);
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => inbox.accept(callback('join'), work)));
    expect(outcomes.filter((o) => o === 'processed')).toHaveLength(1);
    expect(ran).toBe(1);
    expect(writes.slice(0, 2)).toEqual(['insert', 'insert']);
  });

  it('leaves an entry whose work crashed before its done write to the sweep', async () => {
    const { store, entries } = countingStore();
    const clock = new ManualClock(T0);
    const inbox = createCallbackInbox({ store, clock, cipher, log, leaseMs: 30_000 });
    // A process that died mid-work: the entry stays claimed until its lease ends.
    void inbox.accept(callback('crashed'), () => new Promise<void>(() => undefined));
    await new Promise((r) => setTimeout(r, 10));
    expect((await entries().get('crashed'))?.status).toBe('processing');
    let ran = 0;
    expect(await inbox.retryFailed('welcome', async () => void (ran += 1))).toEqual({ retried: 0, failed: 0 });
    clock.advance(30_001);
    expect(await inbox.retryFailed('welcome', async () => void (ran += 1))).toEqual({ retried: 1, failed: 0 });
    expect(ran).toBe(1);
    expect((await entries().get('crashed'))?.status).toBe('done');
  });
});
