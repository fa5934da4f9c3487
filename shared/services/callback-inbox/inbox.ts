import { DuplicateKeyError } from '../../errors';
import type { Clock } from '../../ports/clock';
import type { Collection, Doc, DocumentStore } from '../../ports/document-store';
import type { Logger } from '../../ports/logger';
import type { FieldCipher, EncryptedField } from '../../ports/field-cipher';
import { onceUntilFailure } from '../../once-until-failure';

/**
 * Every decrypted callback is kept here before anything acts on it, so nothing WeCom sent is lost
 * when processing fails, and a redelivery (WeCom retries 3× within seconds, sometimes
 * concurrently) is recognised by its dedup key and has no second effect.
 *
 * States: received → processing (leased) → done | failed. A failed or lease-expired entry is
 * claimed again by the next redelivery or by `retryFailed`. A callback its function has nothing to
 * do with is stored done at once, and one whose work is replay-safe is stored once its work has run
 * (see `accept`).
 */
export const INBOX_COLLECTION = 'wecom_inbox';

/**
 * How long a callback is kept after it arrived, whatever its state. WeCom redelivers within minutes
 * (3× within seconds), so dedup needs far less; the rest is for ops: a failed entry must survive long
 * enough to be noticed, its handler fixed and the entry replayed. After that the decrypted payloads
 * (customer free text, contact ids) have no purpose left (PIPL art. 19: kept no longer than needed).
 */
export const INBOX_RETENTION_MS = 30 * 86_400_000;

export type InboxStatus = 'received' | 'processing' | 'done' | 'failed';

export interface InboxEntry extends Doc {
  _id: string;
  source: string;
  kind: string;
  /**
   * The decrypted XML, kept only while the entry may still need running (received, processing,
   * failed): it can carry free text from customers, so it is stored encrypted. A done entry keeps
   * only what dedups redeliveries and what ops count (source, kind, state, instants): the payload
   * has no purpose left once its work has run (PIPL art. 19), and not encrypting and writing it
   * is most of what a first delivery costs.
   */
  plaintext?: EncryptedField;
  status: InboxStatus;
  attempts: number;
  receivedAtMs: number;
  /** receivedAtMs + INBOX_RETENTION_MS; the store's TTL index deletes the entry then. */
  expireAt: Date;
  leaseUntilMs?: number;
  doneAtMs?: number;
  lastError?: string;
}

export type ProcessOutcome = 'processed' | 'duplicate' | 'in_progress' | 'failed';

export interface CallbackInput {
  dedupKey: string;
  source: string;
  kind: string;
  plaintext: string;
}

export interface AcceptOptions {
  /**
   * The work has no effect that running it twice would repeat (it reads, and writes only values
   * that a second run writes again, or records keyed events): it runs first, then one write stores
   * the entry done, or failed for the sweep. The callback is answered only after that write, so a
   * process that dies before it leaves WeCom to redeliver. A redelivery runs the work again (no
   * second effect, by the above) and finds the entry stored: 'duplicate'. Looking the entry up
   * first would cost every first delivery a read, and would not stop the redelivery WeCom sends
   * while the first is still working (it retries after 5 s without an answer).
   */
  replaySafe?: boolean;
}

export interface CallbackInbox {
  /**
   * Stores the callback (once) and processes it unless another delivery already did or is doing so;
   * replay-safe work (AcceptOptions.replaySafe) runs on every delivery before the one write. Without `work` (the function ignores this kind of event) the first delivery is stored done in one
   * write: there is no effect to guard and nothing for the sweep to re-run.
   */
  accept(input: CallbackInput, work?: (plaintext: string) => Promise<void>, options?: AcceptOptions): Promise<ProcessOutcome>;
  /** Re-runs failed and stalled entries of one callback source (its function's timer sweeps them). */
  retryFailed(source: string, work: (entry: { kind: string; plaintext: string }) => Promise<void>, limit?: number): Promise<{ retried: number; failed: number }>;
}

export interface InboxDeps {
  store: DocumentStore;
  clock: Clock;
  cipher: FieldCipher;
  log: Logger;
  /** How long one processing attempt may hold the entry before another delivery may take over. */
  leaseMs?: number;
  maxAttempts?: number;
}

/** What the inbox's steps share: its collection, the clock, cipher and log, and its limits. */
interface InboxContext {
  readonly inbox: Collection<InboxEntry>;
  readonly deps: InboxDeps;
  readonly leaseMs: number;
  readonly maxAttempts: number;
}

const aad = (id: string) => `inbox:${id}`;
const errorText = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error').slice(0, 500);

/** Compare-and-set: only one delivery wins the right to process. */
async function claim(ctx: InboxContext, id: string): Promise<boolean> {
  const now = ctx.deps.clock.nowMs();
  const res = await ctx.inbox.updateOne(
    {
      _id: id,
      attempts: { $lt: ctx.maxAttempts },
      $or: [{ status: 'received' }, { status: 'failed' }, { status: 'processing', leaseUntilMs: { $lt: now } }],
    },
    { $set: { status: 'processing', leaseUntilMs: now + ctx.leaseMs }, $inc: { attempts: 1 } },
  );
  return res.matched === 1;
}

async function run(ctx: InboxContext, id: string, work: () => Promise<void>): Promise<'processed' | 'failed'> {
  try {
    await work();
    await ctx.inbox.updateOne({ _id: id }, { $set: { status: 'done', doneAtMs: ctx.deps.clock.nowMs() }, $unset: { leaseUntilMs: true, lastError: true, plaintext: true } });
    return 'processed';
  } catch (err) {
    const message = errorText(err);
    // Never overwrite a finished entry (the work succeeded and only the 'done' write failed before).
    await ctx.inbox.updateOne({ _id: id, status: 'processing' }, { $set: { status: 'failed', lastError: message }, $unset: { leaseUntilMs: true } });
    const entry = await ctx.inbox.get(id);
    logFailure(ctx, id, entry?.attempts ?? 0, message);
    return 'failed';
  }
}

function logFailure(ctx: InboxContext, id: string, attempts: number, message: string): void {
  if (attempts >= ctx.maxAttempts) ctx.deps.log.error('callback given up after the last attempt; replay it by hand', { inboxId: id, attempts });
  else ctx.deps.log.warn('callback processing failed', { inboxId: id, error: message });
}

/** An entry that exists already: a redelivery, or a delivery that raced ours and stored first. */
async function redelivered(ctx: InboxContext, input: CallbackInput, work: ((plaintext: string) => Promise<void>) | undefined): Promise<ProcessOutcome> {
  // A redelivery of an ignored event finds its entry done ('duplicate'). One stored with work
  // pending (by a version of the function that acted on this kind) is claimed and closed as usual.
  if (!(await claim(ctx, input.dedupKey))) {
    const existing = await ctx.inbox.get(input.dedupKey);
    return existing?.status === 'done' ? 'duplicate' : 'in_progress';
  }
  return run(ctx, input.dedupKey, () => (work ? work(input.plaintext) : Promise.resolve()));
}

/** The stored entry; its payload only when it is not done (InboxEntry.plaintext). */
function entryOf(ctx: InboxContext, input: CallbackInput, now: number, state: Pick<InboxEntry, 'status' | 'attempts'> & Partial<InboxEntry>): InboxEntry {
  return {
    _id: input.dedupKey,
    source: input.source,
    kind: input.kind,
    ...(state.status === 'done' ? {} : { plaintext: ctx.deps.cipher.encrypt(input.plaintext, aad(input.dedupKey)) }),
    receivedAtMs: now,
    expireAt: new Date(now + INBOX_RETENTION_MS),
    ...state,
  };
}

/** Replay-safe work: run first, then one write (see AcceptOptions.replaySafe). */
async function runThenStore(ctx: InboxContext, input: CallbackInput, work: (plaintext: string) => Promise<void>): Promise<ProcessOutcome> {
  const now = ctx.deps.clock.nowMs();
  let failure: string | undefined;
  try {
    await work(input.plaintext);
  } catch (err) {
    failure = errorText(err);
  }
  const state = failure === undefined
    ? { status: 'done' as const, attempts: 1, doneAtMs: ctx.deps.clock.nowMs() }
    : { status: 'failed' as const, attempts: 1, lastError: failure };
  try {
    await ctx.inbox.insert(entryOf(ctx, input, now, state));
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    // A redelivery, or a delivery racing this one, stored first. If its work failed and ours did
    // not, the entry is done now; if ours failed too, it stays for the sweep, and this delivery says so.
    if (failure === undefined) {
      await ctx.inbox.updateOne({ _id: input.dedupKey, status: 'failed' }, { $set: { status: 'done', doneAtMs: ctx.deps.clock.nowMs() }, $unset: { lastError: true, plaintext: true } });
      return 'duplicate';
    }
    const stored = await ctx.inbox.get(input.dedupKey);
    if (stored?.status === 'done') return 'duplicate';
    logFailure(ctx, input.dedupKey, stored?.attempts ?? 1, failure);
    return 'failed';
  }
  if (failure === undefined) return 'processed';
  logFailure(ctx, input.dedupKey, 1, failure);
  return 'failed';
}

/** The first delivery of non-replay-safe work: stored already claimed, then run (or stored done with no work). */
async function storeThenRun(ctx: InboxContext, input: CallbackInput, work: ((plaintext: string) => Promise<void>) | undefined): Promise<ProcessOutcome> {
  const now = ctx.deps.clock.nowMs();
  // A first delivery is stored already claimed (one write instead of insert-then-claim), or done
  // when there is no work: the entry still dedups redeliveries and is kept for ops.
  const state = work
    ? { status: 'processing' as const, attempts: 1, leaseUntilMs: now + ctx.leaseMs }
    : { status: 'done' as const, attempts: 0, doneAtMs: now };
  try {
    await ctx.inbox.insert(entryOf(ctx, input, now, state));
    if (!work) return 'processed';
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    return redelivered(ctx, input, work);
  }
  return run(ctx, input.dedupKey, () => work(input.plaintext));
}

export function createCallbackInbox(deps: InboxDeps): CallbackInbox {
  const inbox = deps.store.collection<InboxEntry>(INBOX_COLLECTION);
  const ctx: InboxContext = { inbox, deps, leaseMs: deps.leaseMs ?? 30_000, maxAttempts: deps.maxAttempts ?? 5 };

  /** The TTL index, once per inbox instance before its first write (a failure is retried next time). */
  const indexed = onceUntilFailure(() => inbox.ensureIndex({ fields: ['expireAt'], expireAfterSeconds: 0 }));
  /** Set once the index exists, so the callbacks after the first wait for nothing. */
  let indexReady = false;
  const ready = async (): Promise<void> => {
    if (indexReady) return;
    await indexed();
    indexReady = true;
  };

  return {
    async accept(input, work, options) {
      if (!indexReady) await ready();
      if (work && options?.replaySafe) return runThenStore(ctx, input, work);
      return storeThenRun(ctx, input, work);
    },

    async retryFailed(source, work, limit = 100) {
      await ready();
      const now = deps.clock.nowMs();
      const candidates = await inbox.find(
        { source, attempts: { $lt: ctx.maxAttempts }, $or: [{ status: 'failed' }, { status: 'received' }, { status: 'processing', leaseUntilMs: { $lt: now } }] },
        { sort: { receivedAtMs: 1 }, limit },
      );
      let retried = 0;
      let failed = 0;
      for (const entry of candidates) {
        // Every entry that is not done keeps its payload (entryOf). One without cannot be run: it is given
        // up (logged, out of the sweep's way) rather than picked again on every tick.
        if (!entry.plaintext) {
          await inbox.updateOne({ _id: entry._id, status: entry.status }, { $set: { attempts: ctx.maxAttempts, lastError: 'no payload kept' } });
          deps.log.error('callback without its payload given up; replay it by hand', { inboxId: entry._id });
          continue;
        }
        if (!(await claim(ctx, entry._id))) continue;
        const plaintext = deps.cipher.decrypt<string>(entry.plaintext, aad(entry._id));
        const outcome = await run(ctx, entry._id, () => work({ kind: entry.kind, plaintext }));
        if (outcome === 'processed') retried += 1;
        else failed += 1;
      }
      return { retried, failed };
    },
  };
}
