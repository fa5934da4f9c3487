import { aggregateDay, type AggregateRow } from '../../domain/outcomes/aggregate';
import { addDays, daysBetween, type Dimension } from '../../domain/outcomes/dimensions';
import { shanghaiDayKey } from '../../domain/reminders/shanghai-time';
import { RECOMPUTE_DAYS, type DailyCounts } from '../../domain/outcomes/metrics';
import type { Doc, DocumentStore } from '../../ports/document-store';
import type { Clock } from '../../ports/clock';
import { OUTCOME_EVENTS } from './outcome-events';
import { loadDayJourneys } from './journeys';

/** One row per Shanghai day × dimension × value (`${day}|${dim}|${value}`): counts only, no member ids. */
export const OUTCOME_AGGREGATES = 'outcome_aggregates';

export interface AggregateDoc extends Doc {
  _id: string;
  day: string;
  dim: Dimension;
  value: string;
  counts: DailyCounts;
  /** The instant the row was computed as of (windows still open counted what had happened by then). */
  asOfMs: number;
}

export interface RecomputeResult {
  from: string;
  to: string;
  days: number;
  rows: number;
  asOfMs: number;
}

const ensured = new WeakMap<DocumentStore, Promise<void>>();

/** The reads the outcome services rely on: events by instant and by member, rows by day. */
export function ensureOutcomeIndexes(store: DocumentStore): Promise<void> {
  let done = ensured.get(store);
  if (!done) {
    done = Promise.all([
      store.collection(OUTCOME_EVENTS).ensureIndex({ fields: ['atMs'], ranged: true }),
      // A member's events: the partner's re-attribution, the member views, erasure.
      store.collection(OUTCOME_EVENTS).ensureIndex({ fields: ['memberId'] }),
      // The plan tasks of a day that were done (by the due task's key).
      store.collection(OUTCOME_EVENTS).ensureIndex({ fields: ['key'] }),
      store.collection(OUTCOME_AGGREGATES).ensureIndex({ fields: ['day'] }),
    ]).then(() => undefined);
    done.catch(() => ensured.delete(store));
    ensured.set(store, done);
  }
  return done;
}

/**
 * Replaces the stored rows of one day by `rows`: each row is written whole under its deterministic
 * id, then rows of that day no longer computed (a cell that emptied) are deleted. Whatever a crash
 * left half-written, computing the day again from the same events gives the same rows.
 */
async function replaceDay(store: DocumentStore, day: string, rows: readonly AggregateRow[], asOfMs: number): Promise<void> {
  const col = store.collection<AggregateDoc>(OUTCOME_AGGREGATES);
  for (const row of rows) {
    const { _id, ...rest } = row;
    await col.updateOne({ _id }, { $set: { ...rest, asOfMs } }, { upsert: true });
  }
  const keep = new Set(rows.map((r) => r._id));
  for (const doc of await col.find({ day })) if (!keep.has(doc._id)) await col.deleteOne({ _id: doc._id });
}

/** The rows of the days `from`…`to` computed as of `asOfMs`, without storing them (the checks' reference). */
export async function computeDays(store: DocumentStore, from: string, to: string, asOfMs: number): Promise<Map<string, AggregateRow[]>> {
  const out = new Map<string, AggregateRow[]>();
  for (const day of daysBetween(from, to)) out.set(day, aggregateDay(day, await loadDayJourneys(store, day), asOfMs));
  return out;
}

/**
 * Recomputes and stores the days `from`…`to` (Shanghai) as of now. Idempotent and restartable: a
 * day's rows depend only on the outcome events and the instant, and each day is replaced whole.
 */
export async function recomputeDays(deps: { store: DocumentStore; clock: Clock }, from: string, to: string): Promise<RecomputeResult> {
  await ensureOutcomeIndexes(deps.store);
  const asOfMs = deps.clock.nowMs();
  const days = daysBetween(from, to);
  let rows = 0;
  // One day at a time: a run holds one day's events, and a run cut short has replaced whole days only.
  for (const day of days) {
    const dayRows = aggregateDay(day, await loadDayJourneys(deps.store, day), asOfMs);
    await replaceDay(deps.store, day, dayRows, asOfMs);
    rows += dayRows.length;
  }
  return { from, to, days: days.length, rows, asOfMs };
}

/** The timer's pass: every day whose windows may still be open (the last RECOMPUTE_DAYS days and today). */
export function recomputeRecent(deps: { store: DocumentStore; clock: Clock }): Promise<RecomputeResult> {
  const today = shanghaiDayKey(deps.clock.nowMs());
  return recomputeDays(deps, addDays(today, -RECOMPUTE_DAYS), today);
}

/** Stored rows of the days `from`…`to`, in id order. */
export async function storedRows(store: DocumentStore, from: string, to: string): Promise<AggregateDoc[]> {
  return store.collection<AggregateDoc>(OUTCOME_AGGREGATES).find({ day: { $gte: from, $lte: to } }, { sort: { _id: 1 } });
}
