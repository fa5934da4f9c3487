import type { ScheduleEntry } from '../../domain/schedule/recurrence';
import type { AppDeps } from '../../runtime/deps';

/**
 * THE call site between intake and the reminder capability: the personal plan and intake nudges are
 * handed to `createReminderService(deps).createFromPlan` (idempotent per key prefix). Intake never
 * stores reminders itself.
 */
interface ReminderServiceLike {
  createFromPlan(memberId: string, entries: ScheduleEntry[], opts: { idempotencyKeyPrefix: string }): Promise<unknown>;
}

const services = new WeakMap<AppDeps, Promise<ReminderServiceLike>>();

// PENDING WIRING: the reminder service is being written in parallel; replaced by a static import once it exists.
const REMINDER_MODULE = '../reminders/reminder-service';

function reminderService(deps: AppDeps): Promise<ReminderServiceLike> {
  let service = services.get(deps);
  if (!service) {
    service = (import(REMINDER_MODULE) as Promise<{ createReminderService(d: AppDeps): ReminderServiceLike }>).then((m) => m.createReminderService(deps));
    services.set(deps, service);
  }
  return service;
}

export async function schedulePlanReminders(deps: AppDeps, memberId: string, entries: ScheduleEntry[], opts: { idempotencyKeyPrefix: string }): Promise<void> {
  await (await reminderService(deps)).createFromPlan(memberId, entries, opts);
}
