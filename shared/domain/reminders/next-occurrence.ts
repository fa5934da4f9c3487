import { ValidationError } from '../../errors';
import type { Recurrence } from '../schedule/recurrence';
import {
  atLocalTime,
  dayNumberOf,
  daysInMonth,
  isoWeekdayOfDay,
  localDayNumber,
  localParts,
  parseLocalTime,
  type LocalClock,
} from './shanghai-time';

function invalid(field: string, message: string): never {
  throw new ValidationError(`recurrence.${field} ${message}`, [{ field: `recurrence.${field}`, message }]);
}

function positiveInt(value: number, field: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < 1 || value > max) invalid(field, `must be an integer from 1 to ${max}`);
  return value;
}

function finite(ms: number, field: string): number {
  if (!Number.isFinite(ms)) throw new ValidationError(`${field} must be epoch ms`, [{ field, message: 'must be a finite number' }]);
  return ms;
}

/** Rejects recurrences the scheduler could not honour (bad "HH:mm", empty weekly days, n < 1 …). */
export function validateRecurrence(recurrence: Recurrence): void {
  switch (recurrence.type) {
    case 'once':
      return;
    case 'daily':
      parseLocalTime(recurrence.time, 'recurrence.time');
      return;
    case 'weekly': {
      parseLocalTime(recurrence.time, 'recurrence.time');
      if (recurrence.days.length === 0) invalid('days', 'must list at least one ISO weekday');
      for (const d of recurrence.days) positiveInt(d, 'days', 7);
      return;
    }
    case 'every_n_days':
    case 'every_n_weeks':
      parseLocalTime(recurrence.time, 'recurrence.time');
      positiveInt(recurrence.n, 'n', 366);
      return;
    case 'monthly':
      parseLocalTime(recurrence.time, 'recurrence.time');
      positiveInt(recurrence.day, 'day', 31);
      return;
    default: {
      const never: never = recurrence;
      invalid('type', `is unknown: ${JSON.stringify(never)}`);
    }
  }
}

/** First instant on or after `fromDay` (a local day number) in a fixed n-day cycle from `anchorDay`. */
function nextInCycle(anchorDay: number, periodDays: number, clock: LocalClock, afterMs: number): number {
  const fromDay = localDayNumber(afterMs);
  const elapsed = fromDay - anchorDay;
  let day = elapsed <= 0 ? anchorDay : anchorDay + Math.ceil(elapsed / periodDays) * periodDays;
  let at = atLocalTime(day, clock);
  while (at <= afterMs) {
    day += periodDays;
    at = atLocalTime(day, clock);
  }
  return at;
}

function monthlyOn(year: number, month: number, wantedDay: number, clock: LocalClock): number {
  const day = Math.min(wantedDay, daysInMonth(year, month));
  return atLocalTime(dayNumberOf({ year, month, day }), clock);
}

/**
 * The next due instant strictly after `afterMs`, or null for a one-off.
 *
 * - daily / weekly / monthly fire at `time` Shanghai wall clock; weekly uses ISO weekdays.
 * - every_n_days counts n local days from the anchor's local date; every_n_weeks is the same with
 *   7n days, so it fires on the anchor's weekday. Without `anchorMs` the cycle starts at `afterMs`
 *   (pass the previous occurrence and the result is one period later).
 * - monthly clamps `day` to the month's end per month, so 31 → 28/29 Feb → 31 Mar (no drift).
 */
export function nextOccurrence(recurrence: Recurrence, afterMs: number, anchorMs?: number): number | null {
  finite(afterMs, 'afterMs');
  if (anchorMs !== undefined) finite(anchorMs, 'anchorMs');
  validateRecurrence(recurrence);
  if (recurrence.type === 'once') return null;

  const clock = parseLocalTime(recurrence.time, 'recurrence.time');
  switch (recurrence.type) {
    case 'daily':
      return nextInCycle(localDayNumber(afterMs), 1, clock, afterMs);
    case 'weekly': {
      const days = new Set(recurrence.days);
      const from = localDayNumber(afterMs);
      for (let day = from; day <= from + 7; day += 1) {
        const at = atLocalTime(day, clock);
        if (days.has(isoWeekdayOfDay(day)) && at > afterMs) return at;
      }
      /* c8 ignore next */
      throw new Error('unreachable: a non-empty weekday set repeats within 8 days');
    }
    case 'every_n_days':
      return nextInCycle(localDayNumber(anchorMs ?? afterMs), recurrence.n, clock, afterMs);
    case 'every_n_weeks':
      return nextInCycle(localDayNumber(anchorMs ?? afterMs), recurrence.n * 7, clock, afterMs);
    case 'monthly': {
      const { year, month } = localParts(afterMs);
      let y = year;
      let m = month;
      for (;;) {
        const at = monthlyOn(y, m, recurrence.day, clock);
        if (at > afterMs) return at;
        m += 1;
        if (m > 12) {
          m = 1;
          y += 1;
        }
      }
    }
  }
}

/**
 * The first due instant not before `startMs` (a ScheduleEntry's `startAtMs`). The start is also the
 * anchor of every_n_days / every_n_weeks cycles. A one-off is due at its start.
 */
export function firstOccurrence(recurrence: Recurrence, startMs: number): number {
  finite(startMs, 'startMs');
  if (recurrence.type === 'once') return startMs;
  const at = nextOccurrence(recurrence, startMs - 1, startMs);
  /* c8 ignore next */
  if (at === null) throw new Error('unreachable: only one-offs have no next occurrence');
  return at;
}
