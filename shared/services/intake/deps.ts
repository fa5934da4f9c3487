import type { AppDeps } from '../../runtime/deps';
import type { ScheduleEntry } from '../../domain/schedule/recurrence';
import type { Evidence } from '../../domain/health/plan-tasks';

/** Hands plan entries to the reminder capability; idempotent per key prefix. Resolves to the reminder ids. */
export type ScheduleReminders = (memberId: string, entries: ScheduleEntry[], opts: { idempotencyKeyPrefix: string }) => Promise<string[]>;
/** Cancels reminders that have not gone out yet (a replaced plan's). */
export type CancelReminders = (reminderIds: readonly string[], reason: string) => Promise<void>;

/** Credits the points rule for a healthy action; idempotent per key. Resolves to the points credited. */
export type AwardPoints = (memberId: string, rule: 'form_completed' | 'reading_uploaded', sourceRef: string, idempotencyKey: string) => Promise<number>;

/**
 * Data that answers a plan task completes it (shared/services/plan-tasks/complete-by-data.ts): a
 * reading its monitoring task, an exam report the check-up. `atMs`: when it was measured or uploaded.
 */
export type CompletePlanTask = (memberId: string, evidence: Evidence, atMs: number) => Promise<void>;
/** Tells the offers capability a moment of care happened (shared/services/offers/moments.ts); never throws. */
export type OnMoment = (moment: { memberId: string; event: 'glucose_high_reading'; ref: string }) => Promise<void>;

/** What intake services use: the platform's dependencies plus the reminder and points hand-offs. */
export type IntakeDeps = Pick<AppDeps, 'config' | 'store' | 'clock' | 'log' | 'cipher' | 'audit' | 'wecom' | 'members' | 'tokens'> & {
  scheduleReminders: ScheduleReminders;
  cancelReminders: CancelReminders;
  awardPoints?: AwardPoints;
  completePlanTask?: CompletePlanTask;
  onMoment?: OnMoment;
  /** Re-evaluates the member's plan adjustments after new data (plan-adaptation.ts); absent: readings change no plan. */
  evaluatePlan?: (memberId: string) => Promise<unknown>;
};
