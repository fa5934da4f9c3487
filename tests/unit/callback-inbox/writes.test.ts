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

  it('keeps the decrypted payload only while an entry may still need running: never on a done entry', async () => {
    const { store, entries } = countingStore();
    const inbox = createCallbackInbox({ store, clock: new ManualClock(T0), cipher, log });
    const payloadOf = async (id: string) => (await entries().get(id))?.plaintext;
    // Ignored, replay-safe and run-once entries that succeed are stored (or left) without it.
    await inbox.accept(callback('ignored'));
    await inbox.accept(callback('edit'), async () => undefined, { replaySafe: true });
    await inbox.accept(callback('join'), async () => undefined);
    for (const id of ['ignored', 'edit', 'join']) {
      expect(await entries().get(id)).toMatchObject({ status: 'done' });
      expect(await payloadOf(id)).toBeUndefined();
    }
    // A failed entry keeps it, encrypted, for the sweep; once the sweep has run it, it goes.
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      if (calls === 1) throw new Error('WeCom timed out');
    };
    await inbox.accept(callback('retry-me'), flaky);
    const stored = await payloadOf('retry-me');
    expect(stored).toBeDefined();
    expect(JSON.stringify(stored)).not.toContain('<Id>retry-me</Id>');
    const seen: string[] = [];
    expect(await inbox.retryFailed('welcome', async (entry) => void seen.push(entry.plaintext))).toEqual({ retried: 1, failed: 0 });
    expect(seen).toEqual([callback('retry-me').plaintext]);
    expect(await entries().get('retry-me')).toMatchObject({ status: 'done' });
    expect(await payloadOf('retry-me')).toBeUndefined();
  });

  it('gives up, with an error logged, a failed entry that has no payload to run, so it stops taking the sweep', async () => {
    const { store, entries } = countingStore();
    const errors: string[] = [];
    const inbox = createCallbackInbox({ store, clock: new ManualClock(T0), cipher, log: { ...log, error: (msg: string) => void errors.push(msg) } });
    await entries().insert({ _id: 'orphan', source: 'welcome', kind: 'change_external_contact', status: 'failed', attempts: 1, receivedAtMs: T0, expireAt: new Date(T0 + 86_400_000) });
    let ran = 0;
    expect(await inbox.retryFailed('welcome', async () => void (ran += 1))).toEqual({ retried: 0, failed: 0 });
    expect(ran).toBe(0);
    expect(errors).toEqual(['callback without its payload given up; replay it by hand']);
    expect(await entries().get('orphan')).toMatchObject({ attempts: 5, lastError: 'no payload kept' });
    expect(await inbox.retryFailed('welcome', async () => void (ran += 1))).toEqual({ retried: 0, failed: 0 });
    expect(errors).toHaveLength(1);
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

  it('runs replay-safe work first and stores the entry done in one write; a redelivery is a duplicate and leaves the entry', async () => {
    const { store, writes, entries } = countingStore();
    const inbox = createCallbackInbox({ store, clock: new ManualClock(T0), cipher, log });
    let ran = 0;
    const work = async (plaintext: string) => {
      // The work runs before anything is stored: a crash here leaves no entry and no answer, so WeCom redelivers.
      expect(await entries().get('edit')).toBeNull();
      expect(plaintext).toBe(callback('edit').plaintext);
      ran += 1;
    };
    expect(await inbox.accept(callback('edit'), work, { replaySafe: true })).toBe('processed');
    expect(writes).toEqual(['insert']);
    expect(await entries().get('edit')).toMatchObject({ status: 'done', attempts: 1, doneAtMs: T0 });
    // The redelivery runs the (replay-safe) work again: its store write finds the entry and changes nothing.
    const again = async () => void (ran += 1);
    expect(await inbox.accept(callback('edit'), again, { replaySafe: true })).toBe('duplicate');
    expect(ran).toBe(2);
    expect(await entries().get('edit')).toMatchObject({ status: 'done', attempts: 1, doneAtMs: T0 });
    expect(await inbox.retryFailed('welcome', again)).toEqual({ retried: 0, failed: 0 });
    expect(ran).toBe(2);
  });

  it('stores replay-safe work that failed as failed, in one write, for the sweep (or a redelivery) to run again', async () => {
    const { store, writes, entries } = countingStore();
    const inbox = createCallbackInbox({ store, clock: new ManualClock(T0), cipher, log });
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      if (calls === 1) throw new Error('WeCom timed out');
    };
    expect(await inbox.accept(callback('edit'), flaky, { replaySafe: true })).toBe('failed');
    expect(writes).toEqual(['insert']);
    expect(await entries().get('edit')).toMatchObject({ status: 'failed', attempts: 1, lastError: 'Error: WeCom timed out' });
    expect(await inbox.retryFailed('welcome', flaky)).toEqual({ retried: 1, failed: 0 });
    expect(await entries().get('edit')).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('reports a replay-safe redelivery that fails again as failed (logged), not as a duplicate', async () => {
    const { store, entries } = countingStore();
    const warnings: string[] = [];
    const recording = { ...log, warn: (msg: string) => void warnings.push(msg) };
    const inbox = createCallbackInbox({ store, clock: new ManualClock(T0), cipher, log: recording });
    const broken = async () => {
      throw new Error('WeCom timed out');
    };
    expect(await inbox.accept(callback('edit'), broken, { replaySafe: true })).toBe('failed');
    expect(await inbox.accept(callback('edit'), broken, { replaySafe: true })).toBe('failed');
    expect(warnings).toEqual(['callback processing failed', 'callback processing failed']);
    expect(await entries().get('edit')).toMatchObject({ status: 'failed' });
    // Once a delivery succeeds the entry is done, and a later failing one is the duplicate it is.
    expect(await inbox.accept(callback('edit'), async () => undefined, { replaySafe: true })).toBe('duplicate');
    expect(await inbox.accept(callback('edit'), broken, { replaySafe: true })).toBe('duplicate');
    expect(await entries().get('edit')).toMatchObject({ status: 'done' });
  });

  it('keeps one entry when replay-safe deliveries race, done if any of them succeeded', async () => {
    const { store, entries } = countingStore();
    const inbox = createCallbackInbox({ store, clock: new ManualClock(T0), cipher, log });
    let calls = 0;
    const firstFails = async () => {
      calls += 1;
      if (calls === 1) throw new Error('first one failed');
    };
    const outcomes = await Promise.all([1, 2, 3].map(() => inbox.accept(callback('edit'), firstFails, { replaySafe: true })));
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(2);
    expect(await entries().count({})).toBe(1);
    expect(await entries().get('edit')).toMatchObject({ status: 'done' });
  });

  it('lets a failed store write after replay-safe work fail the delivery, so WeCom sends it again', async () => {
    const { store, entries } = countingStore();
    const inner = store.collection.bind(store);
    let failInsert = true;
    const failing = {
      ...store,
      collection: (name: string) => {
        const col = inner(name) as unknown as Collection<InboxEntry>;
        return new Proxy(col, {
          get: (target, prop: keyof Collection<InboxEntry>) =>
            prop === 'insert' && failInsert
              ? () => {
                  failInsert = false;
                  return Promise.reject(new Error('store unreachable'));
                }
              : (target[prop] as (...args: unknown[]) => unknown).bind(target),
        });
      },
    } as unknown as DocumentStore;
    const inbox = createCallbackInbox({ store: failing, clock: new ManualClock(T0), cipher, log });
    let ran = 0;
    await expect(inbox.accept(callback('edit'), async () => void (ran += 1), { replaySafe: true })).rejects.toThrow('store unreachable');
    expect(await entries().get('edit')).toBeNull();
    expect(await inbox.accept(callback('edit'), async () => void (ran += 1), { replaySafe: true })).toBe('processed');
    expect(ran).toBe(2);
  });
});
