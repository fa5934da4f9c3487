import { FOUR_R_ROLES, type FourRRole } from '../team/roles';
import { DAY_MS, isoWeekdayOfDay, localDayNumber, shanghaiDayKey } from '../reminders/shanghai-time';

/**
 * How the daily aggregates are cut. Days and weeks are Asia/Shanghai calendar days (UTC+8, no
 * daylight saving), as ops read them; instants stay UTC epoch ms.
 *
 * - `all`: everyone (value `all`);
 * - `scene`: the entry scene of the join (policy_delivery | claims_service | reactivation | unknown);
 * - `campaign`: the campaign of the 「联系我」 code (`none` without one);
 * - `team:<role>`: the member's current team member in that 4R role (staff userid);
 * - `cohort`: the join week, named by its Monday (YYYY-MM-DD);
 * - `role`: the 4R role a ticket was routed to (ticket counters only).
 */
export const TEAM_DIMS = FOUR_R_ROLES.map((r) => `team:${r}` as const);
export const DIMENSIONS = ['all', 'scene', 'campaign', ...TEAM_DIMS, 'cohort', 'role'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const isDimension = (x: unknown): x is Dimension => typeof x === 'string' && (DIMENSIONS as readonly string[]).includes(x);

export const teamDim = (role: FourRRole): Dimension => `team:${role}`;

export const UNKNOWN_SCENE = 'unknown';
export const NO_CAMPAIGN = 'none';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The instant a Shanghai day starts (00:00 +08:00). */
export function dayStartMs(day: string): number {
  if (!DAY.test(day)) throw new RangeError(`not a day: ${day}`);
  const ms = Date.parse(`${day}T00:00:00+08:00`);
  if (Number.isNaN(ms) || shanghaiDayKey(ms) !== day) throw new RangeError(`not a day: ${day}`);
  return ms;
}

export const isDay = (x: string): boolean => {
  try {
    dayStartMs(x);
    return true;
  } catch {
    return false;
  }
};

export const addDays = (day: string, n: number): string => shanghaiDayKey(dayStartMs(day) + n * DAY_MS);

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The Monday (Shanghai) of the week an instant falls in: the join-week cohort's name. */
export function weekOf(ms: number): string {
  return addDays(shanghaiDayKey(ms), 1 - isoWeekdayOfDay(localDayNumber(ms)));
}

/** The aggregate row of one day and one cell: a deterministic id, so recomputing replaces it. */
export const aggregateId = (day: string, dim: Dimension, value: string): string => `${day}|${dim}|${value}`;
