import type { ScheduleEntry } from '../../domain/schedule/recurrence';
import type { AppDeps } from '../../runtime/deps';
import { createReminderService, type ReminderService } from '../reminders/reminder-service';

/**
 * THE call site between intake and the reminder capability: the personal plan and the intake nudges
 * become reminders through `createFromPlan` (idempotent: keys `${prefix}:${index}`), and a replaced
 * plan's reminders are cancelled. Intake never stores reminders itself.
 */
const services = new WeakMap<AppDeps, ReminderService>();

export function reminderService(deps: AppDeps): ReminderService {
  let service = services.get(deps);
  if (!service) services.set(deps, (service = createReminderService({ ...deps, config: deps.config })));
  return service;
}

/** Returns the ids of the reminders (new or already there). */
export async function schedulePlanReminders(deps: AppDeps, memberId: string, entries: ScheduleEntry[], opts: { idempotencyKeyPrefix: string }): Promise<string[]> {
  return (await reminderService(deps).createFromPlan(memberId, entries, opts)).ids;
}

/** Stops reminders of a plan that a newer profile version replaced (already-sent one-offs are left as they are). */
export async function cancelPlanReminders(deps: AppDeps, reminderIds: readonly string[], reason: string): Promise<void> {
  const service = reminderService(deps);
  for (const id of reminderIds) await service.cancel(id, reason);
}
