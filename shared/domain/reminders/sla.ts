import { ValidationError } from '../../errors';
import type { StaffRole } from '../team/roles';
import { SLA } from './policy';
import { atLocalTime, isoWeekdayOfDay, localDayNumber, MINUTE_MS, type LocalClock } from './shanghai-time';

export interface SlaTicket {
  emergency: boolean;
  /** A doctor today: its own short clock, around the clock. */
  urgent?: boolean;
  createdAtMs: number;
  /** The role that owns the first response. */
  role: StaffRole;
  acknowledgedAtMs?: number | null;
}

export interface SlaOptions {
  /** Minutes an emergency may stay unacknowledged per on-call step (default 5). */
  emergencyAckMinutes?: number;
  workingHours?: { start: LocalClock; end: LocalClock };
  /** ISO weekdays that are working days (default Monday–Friday). */
  workingDays?: readonly number[];
}

/**
 * Adds `durationMs` of working time (working days × [start, end) Shanghai) to `startMs`. Time
 * outside working hours does not count; a ticket opened at 17:30 with 2 h left is due 10:30 on the
 * next working day.
 */
export function addWorkingTime(startMs: number, durationMs: number, options: SlaOptions = {}): number {
  const hours = options.workingHours ?? SLA.workingHours;
  const days = new Set(options.workingDays ?? SLA.workingDays);
  if (days.size === 0 || [...days].some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw new ValidationError('workingDays must list ISO weekdays 1–7', [{ field: 'workingDays', message: 'must list ISO weekdays 1–7' }]);
  }
  let t = startMs;
  let remaining = durationMs;
  for (;;) {
    const day = localDayNumber(t);
    const dayStart = atLocalTime(day, hours.start);
    const dayEnd = atLocalTime(day, hours.end);
    if (!days.has(isoWeekdayOfDay(day)) || t >= dayEnd) {
      t = atLocalTime(day + 1, hours.start);
      continue;
    }
    if (t < dayStart) t = dayStart;
    if (remaining <= dayEnd - t) return t + remaining;
    remaining -= dayEnd - t;
    t = atLocalTime(day + 1, hours.start);
  }
}

function emergencyAckMs(options: SlaOptions): number {
  const minutes = options.emergencyAckMinutes ?? SLA.emergencyAckMs / MINUTE_MS;
  if (!(minutes > 0) || !Number.isFinite(minutes)) {
    throw new ValidationError('emergencyAckMinutes must be a positive number', [{ field: 'emergencyAckMinutes', message: 'must be positive' }]);
  }
  return minutes * MINUTE_MS;
}

/** When the `step`-th response window since creation ends (step 1 = the SLA due instant). */
function windowEndsAtMs(ticket: SlaTicket, step: number, options: SlaOptions): number {
  if (ticket.emergency) return ticket.createdAtMs + step * emergencyAckMs(options);
  if (ticket.urgent) return ticket.createdAtMs + step * SLA.urgentAckMs;
  if (ticket.role === 'health_butler') return ticket.createdAtMs + step * SLA.wallClockMs.health_butler;
  return addWorkingTime(ticket.createdAtMs, step * SLA.workingMinutes[ticket.role] * MINUTE_MS, options);
}

/**
 * When the first response is due. Emergencies: acknowledged within 5 minutes around the clock.
 * Routine: health butler 30 min around the clock (the 7×24 role); family doctor 2 working hours;
 * rights/insurance consultants and oversight roles 4 working hours (09:00–18:00 Mon–Fri Shanghai).
 */
export function slaDueAtMs(ticket: SlaTicket, options: SlaOptions = {}): number {
  return windowEndsAtMs(ticket, 1, options);
}

export type EscalationStep =
  | { action: 'acknowledged' }
  | { action: 'wait'; assignee: string | null; nextCheckAtMs: number }
  | { action: 'escalate'; level: number; to: string; nextCheckAtMs: number }
  | { action: 'exhausted'; level: number; notifyRole: 'supervisor' };

/**
 * Where an unacknowledged ticket stands at `nowMs`. `onCallList[0]` is notified at creation; each
 * full window without acknowledgement moves one step down the list (level 1 → onCallList[1] …);
 * past the end, the supervisor is told. The answer is level-triggered: the caller remembers the
 * highest level it has notified and sends only when `level` grows, so re-running a timer is safe.
 */
export function escalationStep(ticket: SlaTicket, nowMs: number, onCallList: readonly string[], options: SlaOptions = {}): EscalationStep {
  if (ticket.acknowledgedAtMs !== undefined && ticket.acknowledgedAtMs !== null) return { action: 'acknowledged' };

  const lastLevel = Math.max(onCallList.length, 1);
  let level = 0;
  while (level < lastLevel && windowEndsAtMs(ticket, level + 1, options) <= nowMs) level += 1;

  if (level >= onCallList.length && level > 0) return { action: 'exhausted', level, notifyRole: 'supervisor' };
  const nextCheckAtMs = windowEndsAtMs(ticket, level + 1, options);
  const assignee = onCallList[level];
  if (level === 0 || assignee === undefined) return { action: 'wait', assignee: onCallList[0] ?? null, nextCheckAtMs };
  return { action: 'escalate', level, to: assignee, nextCheckAtMs };
}
