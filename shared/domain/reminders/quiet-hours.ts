import type { ReminderKind } from '../schedule/recurrence';
import { QUIET_HOURS } from './policy';
import { atLocalTime, localDayNumber, localMsOfDay, MINUTE_MS, HOUR_MS, type LocalClock } from './shanghai-time';

export interface QuietHoursWindow {
  /** Local wall-clock start of the quiet period (inclusive). */
  start: LocalClock;
  /** Local wall-clock end of the quiet period (exclusive): the first allowed minute. */
  end: LocalClock;
}

const msOfClock = (c: LocalClock): number => c.hour * HOUR_MS + c.minute * MINUTE_MS;

/** True when the instant falls in the night window (default 21:30 ≤ t < 08:00 Shanghai). */
export function isQuietHour(ms: number, window: QuietHoursWindow = QUIET_HOURS): boolean {
  const t = localMsOfDay(ms);
  const start = msOfClock(window.start);
  const end = msOfClock(window.end);
  // A window that wraps midnight (21:30 → 08:00) is "after start OR before end".
  return start > end ? t >= start || t < end : t >= start && t < end;
}

/**
 * Moves a customer push out of the night window to the window's end (08:00 Shanghai) — the same
 * local morning when due after midnight, the next morning when due in the evening. Exempt pushes
 * (emergencies, staff escalations) keep their instant.
 */
export function applyQuietHours(dueMs: number, opts: { exempt: boolean; window?: QuietHoursWindow }): number {
  const window = opts.window ?? QUIET_HOURS;
  if (opts.exempt || !isQuietHour(dueMs, window)) return dueMs;
  const today = localDayNumber(dueMs);
  const endToday = atLocalTime(today, window.end);
  return dueMs < endToday ? endToday : atLocalTime(today + 1, window.end);
}

/**
 * Who may be reached at night: anything flagged an emergency and SLA escalations to staff.
 * Routine staff reminders are deferred too — a doctor's follow-up list can wait for the morning.
 */
export function isQuietHoursExempt(input: { kind: ReminderKind; emergency?: boolean }): boolean {
  return input.emergency === true || input.kind === 'sla_escalation';
}
