import type { ScheduleEntry } from '../../domain/schedule/recurrence';
import type { ReminderService } from '../reminders/reminder-service';

/**
 * THE call site between intake and the reminder capability: the personal plan and the intake nudges
 * become reminders through `createFromPlan` (idempotent: keys `${prefix}:${index}`), and a replaced
 * plan's reminders are cancelled. Intake never stores reminders itself, and never builds a reminder
 * service either: it gets the one its function's composition root built (functions/intake/wiring.ts).
 */
export type PlanReminders = Pick<ReminderService, 'createFromPlan' | 'cancel'>;

/** Returns the ids of the reminders (new or already there). */
export async function schedulePlanReminders(reminders: PlanReminders, memberId: string, entries: ScheduleEntry[], opts: { idempotencyKeyPrefix: string }): Promise<string[]> {
  return (await reminders.createFromPlan(memberId, entries, opts)).ids;
}

/** Stops reminders of a plan that a newer profile version replaced (already-sent one-offs are left as they are). */
export async function cancelPlanReminders(reminders: PlanReminders, reminderIds: readonly string[], reason: string): Promise<void> {
  for (const id of reminderIds) await reminders.cancel(id, reason);
}
