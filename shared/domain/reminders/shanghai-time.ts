import { ValidationError } from '../../errors';

/**
 * Asia/Shanghai wall-clock arithmetic by plain offset math.
 *
 * Why not @date-fns/tz: China has used a fixed UTC+8 with no daylight saving since 1991, so a
 * constant offset is exact for every instant this system handles, costs nothing at cold start and
 * cannot disagree with the runtime's ICU data. Every function here takes or returns UTC epoch ms;
 * a "day number" is the count of Shanghai calendar days since 1970-01-01 (local).
 */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface LocalClock {
  hour: number;
  minute: number;
}

export interface LocalDate {
  year: number;
  /** 1 = January … 12 = December. */
  month: number;
  day: number;
}

export interface LocalParts extends LocalDate, LocalClock {
  second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Strict "HH:mm" (00:00–23:59, two digits each). Anything else is a caller fault. */
export function parseLocalTime(value: string, field = 'time'): LocalClock {
  const match = HH_MM.exec(value);
  if (!match) {
    throw new ValidationError(`${field} must be "HH:mm" (00:00–23:59)`, [
      { field, message: 'must be "HH:mm" (00:00–23:59)' },
    ]);
  }
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function assertInstant(ms: number, field: string): void {
  if (!Number.isFinite(ms)) {
    throw new ValidationError(`${field} must be a finite epoch ms`, [{ field, message: 'must be a finite number' }]);
  }
}

export function localDayNumber(ms: number): number {
  assertInstant(ms, 'instant');
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** Milliseconds since local midnight. */
export function localMsOfDay(ms: number): number {
  return ms + SHANGHAI_OFFSET_MS - localDayNumber(ms) * DAY_MS;
}

export function localMinuteOfDay(ms: number): number {
  return Math.floor(localMsOfDay(ms) / MINUTE_MS);
}

export function localParts(ms: number): LocalParts {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    isoWeekday: isoWeekdayOfDay(localDayNumber(ms)),
  };
}

/** 1970-01-01 was a Thursday (ISO 4). */
export function isoWeekdayOfDay(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

export function dayNumberOf(date: LocalDate): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / DAY_MS);
}

export function dateOfDayNumber(dayNumber: number): LocalDate {
  const d = new Date(dayNumber * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The UTC instant of a Shanghai wall-clock time on a given local day. */
export function atLocalTime(dayNumber: number, clock: LocalClock): number {
  return dayNumber * DAY_MS + clock.hour * HOUR_MS + clock.minute * MINUTE_MS - SHANGHAI_OFFSET_MS;
}

/** The next instant (at or after `ms`) showing this Shanghai wall-clock time: today's if still ahead, else tomorrow's. */
export function nextLocalTime(ms: number, clock: LocalClock): number {
  const today = atLocalTime(localDayNumber(ms), clock);
  return today >= ms ? today : atLocalTime(localDayNumber(ms) + 1, clock);
}

export function shanghaiInstant(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return atLocalTime(dayNumberOf({ year, month, day }), { hour, minute });
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "YYYY-MM-DD" of the Shanghai calendar day: the key for per-day counters. */
export function shanghaiDayKey(ms: number): string {
  const { year, month, day } = localParts(ms);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "YYYY-MM" of the Shanghai calendar month: the key for per-month counters. */
export function shanghaiMonthKey(ms: number): string {
  const { year, month } = localParts(ms);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** "YYYY" of the Shanghai calendar year: the key for per-year counters. */
export function shanghaiYearKey(ms: number): string {
  return String(localParts(ms).year).padStart(4, '0');
}

export function startOfShanghaiDay(ms: number): number {
  return localDayNumber(ms) * DAY_MS - SHANGHAI_OFFSET_MS;
}
