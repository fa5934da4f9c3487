import { ConflictError, DuplicateKeyError, type AppError } from '../../errors';
import type { Collection, Doc, DocumentStore } from '../../ports/document-store';

/**
 * A per-stream append-only journal written with conditional inserts only (no multi-document
 * transactions, which not every backend has). Used for a member's points, a right's stock and an
 * activity's seats.
 *
 * Write path (one attempt):
 *   1. head(): read the head doc {_id: streamId, seq, state} and roll it forward by probing
 *      `${streamId}:${seq+1}`, `:${seq+2}`… — the journal is the truth, the head is a cache;
 *   2. look the idempotency key up in this stream: found → it was applied once; return it
 *      (or 409 idempotency_key_reused if it was a different request);
 *   3. plan the entry from the state (pure domain code), including the post-state `after`;
 *   4. insert entry `_id = ${streamId}:${seq+1}`. The insert IS the commit and the lock: a
 *      DuplicateKeyError means another writer took that seq (or this key) first → back off,
 *      re-read, re-check the key, re-plan. Two writers can never both extend seq N, so two
 *      redemptions can never both spend the same points and a key can never apply twice;
 *   5. move the head forward (conditional `seq < new`), best effort.
 *
 * Why the key check is sound: an entry for seq s is only inserted by a writer that saw s-1, so
 * when a writer has seen seq T every entry ≤ T is already visible; an entry at T+1 added after our
 * check makes our own insert at T+1 fail. Crash recovery: if the process dies after step 4, the
 * entry is committed and the next reader of the stream rolls the head forward from it (step 1);
 * if it dies before, nothing happened and a retry starts over.
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
const pause = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * Math.min(attempt, 8))));

export class SerialStream<S, E> {
  private readonly heads: Collection<HeadDoc<S>>;
  private readonly entries: Collection<EntryDoc<S, E>>;
  private indexes: Promise<void> | undefined;

  constructor(
    store: DocumentStore,
    readonly name: string,
    private readonly initial: () => S,
    private readonly nowMs: () => number,
    private readonly hooks: StreamHooks = {},
  ) {
    this.heads = store.collection<HeadDoc<S>>(`${name}_heads`);
    this.entries = store.collection<EntryDoc<S, E>>(`${name}_entries`);
  }

  /** Unique key index as defence in depth: the key check in append() already guarantees it. */
  ensureIndexes(): Promise<void> {
    this.indexes ??= Promise.all([
      this.entries.ensureIndex({ fields: ['streamKey'], unique: true }),
      this.entries.ensureIndex({ fields: ['streamId'] }),
    ]).then(
      () => undefined,
      (err: unknown) => {
        this.indexes = undefined; // a failed attempt must not disable the stream for the instance's life
        throw err;
      },
    );
    return this.indexes;
  }

  /** Current seq and state, repairing a lagging head from the journal. */
  async head(streamId: string): Promise<{ seq: number; state: S }> {
    await this.ensureIndexes();
    const doc = await this.heads.get(streamId);
    let seq = doc?.seq ?? 0;
    let state = doc?.state ?? this.initial();
    for (;;) {
      const next = await this.entries.get(`${streamId}:${seq + 1}`);
      if (!next) break;
      seq = next.seq;
      state = next.after;
    }
    if (seq > (doc?.seq ?? 0)) await this.advanceHead(streamId, seq, state);
    return { seq, state };
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

  async findEntries(streamId: string, where: Record<string, string | number | boolean>): Promise<StreamRecord<S, E>[]> {
    await this.ensureIndexes();
    const filter: Record<string, string | number | boolean> = { streamId };
    for (const [k, v] of Object.entries(where)) filter[`effect.${k}`] = v;
    return this.entries.find(filter, { sort: { seq: 1 } });
  }

  /**
   * Applies the op planned by `plan` exactly once per (streamId, key). `plan` may be called many
   * times (once per lost race) and must be pure apart from reads.
   */
  async append(
    streamId: string,
    key: string,
    fingerprint: string,
    plan: (state: S, seq: number) => StreamPlan<S, E> | Promise<StreamPlan<S, E>>,
  ): Promise<AppendResult<S, E>> {
    const housekeeping: StreamRecord<S, E>[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      let { seq, state } = await this.head(streamId);
      const existing = await this.byKey(streamId, key);
      if (existing) {
        if (existing.fingerprint !== fingerprint) throw keyReused(key);
        return { record: existing, duplicate: true, housekeeping };
      }
      for (;;) {
        const p = await plan(state, seq);
        if (p.kind === 'reject') throw p.error;
        const housekeepingEntry = p.kind === 'housekeeping';
        const record = this.record(
          streamId,
          seq + 1,
          housekeepingEntry ? `sys:housekeeping:${seq + 1}` : key,
          housekeepingEntry ? 'housekeeping' : fingerprint,
          p.effect,
          p.after,
        );
        if (!(await this.commit(record))) break;
        if (p.kind === 'append') return { record, duplicate: false, housekeeping };
        housekeeping.push(record);
        seq = record.seq;
        state = record.after;
      }
      await pause(attempt);
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
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      let { seq, state } = await this.head(streamId);
      for (;;) {
        const p = plan(state, seq);
        if (!p) return written;
        const record = this.record(streamId, seq + 1, `sys:housekeeping:${seq + 1}`, 'housekeeping', p.effect, p.after);
        if (!(await this.commit(record))) break;
        written.push(record);
        seq = record.seq;
        state = record.after;
      }
      await pause(attempt);
    }
    throw new ConflictError('stream_contention', `too many concurrent writes to ${this.name}; retry`, { retryable: true });
  }

  private record(streamId: string, seq: number, key: string, fingerprint: string, effect: E, after: S): StreamRecord<S, E> {
    return { _id: `${streamId}:${seq}`, streamId, seq, key, streamKey: `${streamId}|${key}`, fingerprint, after, effect };
  }

  /** Inserts the entry (false = lost the race for this seq or key), then moves the head. */
  private async commit(record: StreamRecord<S, E>): Promise<boolean> {
    try {
      await this.entries.insert(record as EntryDoc<S, E>);
    } catch (e) {
      if (e instanceof DuplicateKeyError) return false;
      throw e;
    }
    await this.hooks.afterEntryInsert?.(this.name, record.streamId, record.seq);
    await this.advanceHead(record.streamId, record.seq, record.after);
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
