import { ConflictError, DuplicateKeyError, type AppError } from '../../errors';
import type { Collection, Doc, DocumentStore, Filter, Scalar, SortSpec } from '../../ports/document-store';
import { onceUntilFailure } from '../../once-until-failure';

/**
 * A per-stream append-only journal written with conditional inserts only (no multi-document
 * transactions, which not every backend has). Used for a member's points, a right's stock and an
 * activity's seats.
 *
 * Write path (one attempt): two store calls when this instance knows the stream's head, three
 * when it does not:
 *   1. the head: the one this instance last read or wrote (kept in memory; at or behind the truth,
 *      never ahead), else the newest entry — `seq` and the post-state `after` it carries;
 *   2. look the idempotency key up in this stream (an indexed read): found → it was applied
 *      once; return it (or 409 idempotency_key_reused if it was a different request);
 *   3. plan the entry from the state (pure domain code), including the post-state `after`;
 *   4. insert entry `_id = ${streamId}:${seq+1}`. The insert IS the commit and the lock: a
 *      DuplicateKeyError means another writer took that seq first → read the entries after seq
 *      (one read), check them for the key, re-plan. Two writers can never both extend seq N, so
 *      two redemptions can never both spend the same points and a key can never apply twice. A
 *      refusal planned on a remembered head is final only after that read finds nothing newer.
 *      Only `_id` uniqueness is relied on (CloudBase enforces other unique indexes only when they
 *      were created in its console).
 *
 * Why the key check is sound: an entry for seq s is only inserted by a writer that saw s-1, so
 * every entry up to a head we have seen already existed when we saw it, and step 2 (which follows
 * step 1, never precedes it) covers them all; an entry with our key added after step 2 sits above
 * our head, so seq+1 exists by then and our insert fails. After a lost race the entries read
 * since the old head complete the check.
 * Crash recovery: if the process dies after step 4 the entry is committed and every later reader
 * starts from it; if it dies before, nothing happened and a retry starts over.
 *
 * Head docs `{_id: streamId, seq, state}` are checkpoints for scans across streams (the expiry
 * sweep), written only when the stream's `checkpoint` rule says the new state matters to such a
 * scan, and only forward. A head is always the true state at its own seq, possibly behind.
 */
export interface StreamRecord<S, E> {
  _id: string;
  streamId: string;
  seq: number;
  key: string;
  streamKey: string;
  fingerprint: string;
  after: S;
  effect: E;
}

export type StreamPlan<S, E> =
  /** An entry the stream needs before the op itself (expiry write-off, seeding); plan again after. */
  | { kind: 'housekeeping'; effect: E; after: S }
  | { kind: 'append'; effect: E; after: S }
  | { kind: 'reject'; error: AppError };

export interface AppendResult<S, E> {
  record: StreamRecord<S, E>;
  duplicate: boolean;
  housekeeping: StreamRecord<S, E>[];
}

export interface StreamOptions<S> {
  /** When to write the head doc after an entry (default never): see the class comment. */
  checkpoint?: (before: S, after: S) => boolean;
  hooks?: StreamHooks;
  /** Further entry indexes, for reads across streams (findAcross). */
  indexes?: string[][];
}

export interface StreamHooks {
  /** Test hook: runs after a journal insert, before the head update (throw to simulate a crash). */
  afterEntryInsert?(stream: string, streamId: string, seq: number): void | Promise<void>;
}

interface HeadDoc<S> extends Doc {
  seq: number;
  state: S;
  updatedAtMs: number;
}

type EntryDoc<S, E> = StreamRecord<S, E> & Doc;

const MAX_ATTEMPTS = 400;
/** Streams whose last seen head an instance keeps (a few MB at most). */
const KNOWN_HEADS = 5000;
const pause = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * Math.min(attempt, 8))));

export class SerialStream<S, E> {
  private readonly heads: Collection<HeadDoc<S>>;
  private readonly entries: Collection<EntryDoc<S, E>>;
  /** Once per instance; a failed attempt must not disable the stream for the instance's life. */
  private readonly indexes = onceUntilFailure(() => this.createIndexes());
  private readonly hooks: StreamHooks;
  /**
   * Heads this instance has seen or written, most recent last: at or behind the truth, never
   * ahead. A stream whose head is known is written with two calls, the key lookup and the insert.
   */
  private readonly known = new Map<string, { seq: number; state: S }>();
  private readonly checkpoint: (before: S, after: S) => boolean;
  private readonly extraIndexes: string[][];

  constructor(
    store: DocumentStore,
    readonly name: string,
    private readonly initial: () => S,
    private readonly nowMs: () => number,
    options: StreamOptions<S> = {},
  ) {
    this.heads = store.collection<HeadDoc<S>>(`${name}_heads`);
    this.entries = store.collection<EntryDoc<S, E>>(`${name}_entries`);
    this.hooks = options.hooks ?? {};
    this.checkpoint = options.checkpoint ?? (() => false);
    this.extraIndexes = options.indexes ?? [];
  }

  /**
   * The unique key index is defence in depth (the key check in append() already guarantees it);
   * `streamId, seq` serves head() on MongoDB without sorting the stream in memory, `streamId`
   * serves the embedded store (nedb uses a compound index only for equality on every field).
   */
  ensureIndexes(): Promise<void> {
    return this.indexes();
  }

  private async createIndexes(): Promise<void> {
    await Promise.all([
      this.entries.ensureIndex({ fields: ['streamKey'], unique: true }),
      this.entries.ensureIndex({ fields: ['streamId'] }),
      this.entries.ensureIndex({ fields: ['streamId', 'seq'] }),
      ...this.extraIndexes.map((fields) => this.entries.ensureIndex({ fields })),
    ]);
  }

  /** Current seq and state: those of the newest entry (one read). */
  async head(streamId: string): Promise<{ seq: number; state: S }> {
    await this.ensureIndexes();
    const last = await this.entries.findOne({ streamId }, { sort: { seq: -1 } });
    return last ? { seq: last.seq, state: last.after } : { seq: 0, state: this.initial() };
  }

  async byKey(streamId: string, key: string): Promise<StreamRecord<S, E> | null> {
    await this.ensureIndexes();
    return this.entries.findOne({ streamKey: `${streamId}|${key}` });
  }

  /** Newest first; `beforeSeq` pages back. */
  async list(streamId: string, opts: { limit: number; beforeSeq?: number }): Promise<StreamRecord<S, E>[]> {
    await this.ensureIndexes();
    const filter = opts.beforeSeq === undefined ? { streamId } : { streamId, seq: { $lt: opts.beforeSeq } };
    return this.entries.find(filter, { sort: { seq: -1 }, limit: opts.limit });
  }

  /** The whole journal of one stream, or of all streams, in seq order. */
  async all(streamId?: string): Promise<StreamRecord<S, E>[]> {
    await this.ensureIndexes();
    return this.entries.find(streamId === undefined ? {} : { streamId }, { sort: { streamId: 1, seq: 1 } });
  }

  async headDocs(streamId?: string): Promise<{ _id: string; seq: number; state: S }[]> {
    return streamId === undefined ? this.heads.find({}) : this.heads.find({ _id: streamId });
  }

  findEntries(streamId: string, where: Record<string, Scalar>): Promise<StreamRecord<S, E>[]> {
    return this.findAcross(where, { streamId, sort: { seq: 1 } });
  }

  /**
   * Entries of any stream (or of `streamId` / `streamIds` only) whose effect matches `where`; give the stream an
   * index on the effect field it is read by (options.indexes).
   */
  async findAcross(
    where: Record<string, Scalar>,
    opts: { streamId?: string; streamIds?: string[]; sort?: SortSpec; limit?: number } = {},
  ): Promise<StreamRecord<S, E>[]> {
    await this.ensureIndexes();
    const filter: Filter = { streamId: opts.streamIds ? { $in: opts.streamIds } : opts.streamId };
    for (const [k, v] of Object.entries(where)) filter[`effect.${k}`] = v;
    return this.entries.find(filter, { sort: opts.sort ?? { streamId: 1, seq: 1 }, ...(opts.limit ? { limit: opts.limit } : {}) });
  }

  /**
   * Applies the op planned by `plan` exactly once per (streamId, key). `plan` may be called many
   * times (once per lost race) and must be pure apart from reads. `likelySeen`: the caller has
   * reason to think the key was used before (a retry), so the key is looked up first and a
   * replay answered without reading the head.
   */
  async append(
    streamId: string,
    key: string,
    fingerprint: string,
    plan: (state: S, seq: number) => StreamPlan<S, E> | Promise<StreamPlan<S, E>>,
    likelySeen = false,
  ): Promise<AppendResult<S, E>> {
    const housekeeping: StreamRecord<S, E>[] = [];
    await this.ensureIndexes();
    let known = this.known.get(streamId);
    // A remembered head may be behind: a refusal planned on it is only final once the stream is read.
    let current = known === undefined;
    let existing: StreamRecord<S, E> | null = null;
    if (!known && likelySeen) existing = await this.byKey(streamId, key);
    if (!existing) {
      known ??= await this.readHead(streamId);
      // After the head is known, never before: see "Why the key check is sound".
      existing = await this.byKey(streamId, key);
    }
    let { seq, state } = known ?? { seq: 0, state: this.initial() };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (existing) {
        if (existing.fingerprint !== fingerprint) throw keyReused(key);
        return { record: existing, duplicate: true, housekeeping };
      }
      let lost = false;
      for (;;) {
        const p = await plan(state, seq);
        if (p.kind === 'reject' && current) throw p.error;
        if (p.kind === 'reject') break;
        const housekeepingEntry = p.kind === 'housekeeping';
        const record = this.record(
          streamId,
          seq + 1,
          housekeepingEntry ? `sys:housekeeping:${seq + 1}` : key,
          housekeepingEntry ? 'housekeeping' : fingerprint,
          p.effect,
          p.after,
        );
        if (!(await this.commit(record, state))) {
          lost = true;
          break;
        }
        if (p.kind === 'append') return { record, duplicate: false, housekeeping };
        current = true;
        housekeeping.push(record);
        seq = record.seq;
        state = record.after;
      }
      if (lost) await pause(attempt);
      const newer = await this.newerThan(streamId, seq);
      const last = newer[newer.length - 1];
      current = true;
      if (last) {
        // Every entry up to the old seq was covered by the key check already; these are the rest.
        existing = newer.find((r) => r.key === key) ?? null;
        ({ seq, after: state } = last);
      } else if (lost) existing = await this.byKey(streamId, key); // lost on the key itself (unique index)
    }
    throw new ConflictError('stream_contention', `too many concurrent writes to ${this.name}; retry`, { retryable: true });
  }

  /**
   * Appends housekeeping entries for as long as `plan` returns one (e.g. expiry write-offs), with
   * the same conditional-insert discipline as append(). Returns what it wrote.
   */
  async housekeep(
    streamId: string,
    plan: (state: S, seq: number) => { kind: string; effect: E; after: S } | null,
  ): Promise<StreamRecord<S, E>[]> {
    const written: StreamRecord<S, E>[] = [];
    await this.ensureIndexes();
    let { seq, state } = this.known.get(streamId) ?? (await this.readHead(streamId));
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      for (;;) {
        const p = plan(state, seq);
        if (!p) return written;
        const record = this.record(streamId, seq + 1, `sys:housekeeping:${seq + 1}`, 'housekeeping', p.effect, p.after);
        if (!(await this.commit(record, state))) break;
        written.push(record);
        seq = record.seq;
        state = record.after;
      }
      await pause(attempt);
      const last = (await this.newerThan(streamId, seq)).pop();
      if (last) ({ seq, after: state } = last);
    }
    throw new ConflictError('stream_contention', `too many concurrent writes to ${this.name}; retry`, { retryable: true });
  }

  /** The newest entry, remembered as this instance's known head of the stream. */
  private async readHead(streamId: string): Promise<{ seq: number; state: S }> {
    const head = await this.head(streamId);
    this.remember(streamId, head.seq, head.state);
    return head;
  }

  /** After losing the race for seq+1: the entries written since `seq`, oldest first, in one read. */
  private async newerThan(streamId: string, seq: number): Promise<StreamRecord<S, E>[]> {
    const found = await this.entries.find({ streamId, seq: { $gt: seq } }, { sort: { seq: 1 } });
    const last = found[found.length - 1];
    if (last) this.remember(streamId, last.seq, last.after);
    return found;
  }

  private remember(streamId: string, seq: number, state: S): void {
    const known = this.known.get(streamId);
    if (known && known.seq >= seq) return;
    this.known.delete(streamId);
    this.known.set(streamId, { seq, state });
    if (this.known.size > KNOWN_HEADS) this.known.delete(this.known.keys().next().value as string);
  }

  private record(streamId: string, seq: number, key: string, fingerprint: string, effect: E, after: S): StreamRecord<S, E> {
    return { _id: `${streamId}:${seq}`, streamId, seq, key, streamKey: `${streamId}|${key}`, fingerprint, after, effect };
  }

  /** Inserts the entry (false = lost the race for this seq or key), then checkpoints the head if due. */
  private async commit(record: StreamRecord<S, E>, before: S): Promise<boolean> {
    try {
      await this.entries.insert(record as EntryDoc<S, E>);
    } catch (e) {
      if (e instanceof DuplicateKeyError) return false;
      throw e;
    }
    this.remember(record.streamId, record.seq, record.after);
    await this.hooks.afterEntryInsert?.(this.name, record.streamId, record.seq);
    if (this.checkpoint(before, record.after)) await this.advanceHead(record.streamId, record.seq, record.after);
    return true;
  }

  /** Moves the head forward only: a slower writer can never move it back. */
  private async advanceHead(streamId: string, seq: number, state: S): Promise<void> {
    const set = { $set: { seq, state, updatedAtMs: this.nowMs() } };
    const r = await this.heads.updateOne({ _id: streamId, seq: { $lt: seq } }, set);
    if (r.matched > 0) return;
    try {
      await this.heads.insert({ _id: streamId, seq, state, updatedAtMs: this.nowMs() });
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      await this.heads.updateOne({ _id: streamId, seq: { $lt: seq } }, set);
    }
  }
}

export const keyReused = (key: string): ConflictError =>
  new ConflictError('idempotency_key_reused', 'this idempotency key was already used for a different request', {
    idempotencyKey: key,
  });
