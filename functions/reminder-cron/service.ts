import type { AppDeps } from '../../shared/runtime/deps';
import { createReminderService, type ReminderService } from '../../shared/services/reminders/reminder-service';

const services = new WeakMap<AppDeps, ReminderService>();

/** One service per deps object (warm invocations share it; tests swap deps). */
export function reminderServiceFor(deps: AppDeps): ReminderService {
  let service = services.get(deps);
  if (!service) services.set(deps, (service = createReminderService(deps)));
  return service;
}
