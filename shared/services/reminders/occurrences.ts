import { nextOccurrence } from '../../domain/reminders/next-occurrence';
import { applyQuietHours, isQuietHoursExempt } from '../../domain/reminders/quiet-hours';
import type { ReminderDoc } from './reminder-doc';

/** A catch-up after an outage never walks further than this many missed occurrences. */
const MAX_CATCH_UP_STEPS = 1000;

export const quietExempt = (doc: Pick<ReminderDoc, 'kind' | 'emergency'>): boolean => isQuietHoursExempt({ kind: doc.kind, emergency: doc.emergency });

/** When an occurrence may go out: its instant, moved out of the night unless exempt. */
export const dueFor = (doc: Pick<ReminderDoc, 'kind' | 'emergency'>, occurrenceAtMs: number): number =>
  applyQuietHours(occurrenceAtMs, { exempt: quietExempt(doc) });

/**
 * The newest occurrence of a recurring series that is already due. After an outage or a long
 * deferral a daily reminder sends today's occurrence once, not every missed day in a burst.
 */
export function latestDueOccurrence(doc: Pick<ReminderDoc, 'recurrence' | 'anchorAtMs' | 'occurrenceAtMs' | 'endsAtMs' | 'cadence'>, nowMs: number): number {
  if (doc.cadence || doc.recurrence.type === 'once') return doc.occurrenceAtMs;
  let occ = doc.occurrenceAtMs;
  for (let i = 0; i < MAX_CATCH_UP_STEPS; i += 1) {
    const next = nextOccurrence(doc.recurrence, occ, doc.anchorAtMs);
    if (next === null || next > nowMs || (doc.endsAtMs !== undefined && next > doc.endsAtMs)) break;
    occ = next;
  }
  return occ;
}

/** The occurrence after the one just handled; null when the series is over. */
export function followingOccurrence(
  doc: Pick<ReminderDoc, 'recurrence' | 'anchorAtMs' | 'occurrenceAtMs' | 'endsAtMs' | 'cadence' | 'kind' | 'emergency'>,
  nowMs: number,
  cadenceNextAtMs?: number,
): { occurrenceAtMs: number; dueAtMs: number } | null {
  const occ = doc.cadence ? (cadenceNextAtMs ?? null) : nextOccurrence(doc.recurrence, Math.max(doc.occurrenceAtMs, nowMs), doc.anchorAtMs);
  if (occ === null || (doc.endsAtMs !== undefined && occ > doc.endsAtMs)) return null;
  return { occurrenceAtMs: occ, dueAtMs: dueFor(doc, occ) };
}
