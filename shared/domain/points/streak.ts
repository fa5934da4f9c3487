import { shanghaiMonthKey } from '../reminders/shanghai-time';

/**
 * Tasks like "每月运动≥20次" (exercise on 20 days of a month; the product-design paper 慢病预防的健康保险
 * 产品设计). Days are counted once however many activities they hold.
 */
export const DEFAULT_STREAK_MIN_DAYS = 20;

/** Distinct Shanghai days in `month` ('YYYY-MM') with at least one activity. */
export function activeDaysInMonth(activityAtMs: readonly number[], month: string): number {
  const days = new Set<string>();
  for (const at of activityAtMs) {
    if (shanghaiMonthKey(at) !== month) continue;
    days.add(new Date(at + 8 * 3_600_000).toISOString().slice(0, 10));
  }
  return days.size;
}

/** Whether a member earned the monthly streak award for `month`. */
export function qualifiesForMonthlyStreak(
  activityAtMs: readonly number[],
  month: string,
  minDays = DEFAULT_STREAK_MIN_DAYS,
): boolean {
  return activeDaysInMonth(activityAtMs, month) >= minDays;
}

/** The sourceRef that makes a month's streak award unique. */
export const streakSourceRef = (month: string): string => `streak:${month}`;
