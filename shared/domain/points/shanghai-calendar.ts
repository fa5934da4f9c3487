import { localParts, SHANGHAI_OFFSET_MS, shanghaiDayKey } from '../reminders/shanghai-time';

/**
 * Points expiry on the Asia/Shanghai calendar. The day, month and year keys for caps and usage are
 * the project's own (shanghaiDayKey, shanghaiMonthKey, shanghaiYearKey in
 * shared/domain/reminders/shanghai-time.ts); only the expiry rule is points'.
 */

/**
 * Points earned at `atMs` stay valid until the end of the `months`-th Shanghai month after the
 * month of earning. Returns the first millisecond they are no longer valid (exclusive bound),
 * i.e. 00:00 Shanghai on the 1st of the following month.
 */
export function expiryAfterMonths(atMs: number, months: number): number {
  const { year, month } = localParts(atMs);
  // Date.UTC takes a 0-based month and rolls a month past December into the next year.
  return Date.UTC(year, month + months, 1) - SHANGHAI_OFFSET_MS;
}

/** The last Shanghai day on which points with this exclusive expiry can still be spent. */
export function lastValidDay(expiresAtMs: number): string {
  return shanghaiDayKey(expiresAtMs - 1);
}
