import type { AppDeps } from '../../runtime/deps';
import type { ScheduleEntry } from '../../domain/schedule/recurrence';

/** Hands plan entries to the reminder capability; idempotent per key prefix. Resolves to the reminder ids. */
export type ScheduleReminders = (memberId: string, entries: ScheduleEntry[], opts: { idempotencyKeyPrefix: string }) => Promise<string[]>;
/** Cancels reminders that have not gone out yet (a replaced plan's). */
export type CancelReminders = (reminderIds: readonly string[], reason: string) => Promise<void>;

/** Credits the points rule for a healthy action; idempotent per key. Resolves to the points credited. */
export type AwardPoints = (memberId: string, rule: 'form_completed' | 'reading_uploaded', sourceRef: string, idempotencyKey: string) => Promise<number>;

/** What intake services use: the platform's dependencies plus the reminder and points hand-offs. */
export type IntakeDeps = Pick<AppDeps, 'config' | 'store' | 'clock' | 'log' | 'cipher' | 'audit' | 'wecom' | 'members'> & {
  scheduleReminders: ScheduleReminders;
  cancelReminders: CancelReminders;
  awardPoints?: AwardPoints;
  /** Re-evaluates the member's plan adjustments after new data (plan-adaptation.ts); absent: readings change no plan. */
  evaluatePlan?: (memberId: string) => Promise<unknown>;
};
