import { latestDueOccurrence } from '../reminders/occurrences';
import type { ReminderDoc } from '../reminders/reminder-doc';

export type SeriesDoc = Pick<ReminderDoc, '_id' | 'status' | 'recurrence' | 'anchorAtMs' | 'occurrenceAtMs' | 'endsAtMs' | 'cadence' | 'lastOccurrenceAtMs' | 'sentOccurrence'>;

/** `${id}@${ms}` → ms (reminders finished before lastOccurrenceAtMs was recorded carry only this). */
function sentOccurrenceMs(doc: SeriesDoc): number | undefined {
  const at = doc.sentOccurrence?.slice(doc._id.length + 1);
  const ms = at === undefined ? NaN : Number(at);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * The occurrences of one reminder series a task can be about at `nowMs`: the one the dispatcher
 * finished last, and the pending one — already due (the dispatcher takes it up within the minute, or
 * after quiet hours) or still to come. A stopped or replaced series keeps only the occurrence that
 * went out; a finished one-off keeps its one occurrence.
 */
export function seriesOccurrences(doc: SeriesDoc, nowMs: number): number[] {
  const out = new Set<number>();
  const last = doc.lastOccurrenceAtMs ?? sentOccurrenceMs(doc);
  if (last !== undefined) out.add(last);
  if (doc.status === 'scheduled' || doc.status === 'leased') out.add(doc.occurrenceAtMs <= nowMs ? latestDueOccurrence(doc, nowMs) : doc.occurrenceAtMs);
  else if (doc.status !== 'cancelled' && doc.recurrence.type === 'once') out.add(doc.occurrenceAtMs);
  return [...out].sort((a, b) => a - b);
}
