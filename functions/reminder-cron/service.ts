import type { AppDeps } from '../../shared/runtime/deps';
import { createReminderService, type ReminderService } from '../../shared/services/reminders/reminder-service';
import { createTicketSlaSource } from '../../shared/services/triage/sla-source';

const services = new WeakMap<AppDeps, ReminderService>();

/**
 * One service per deps object (warm invocations share it; tests swap deps). The composition root:
 * triage's open tickets feed the SLA escalation through the reminder capability's port.
 */
export function reminderServiceFor(deps: AppDeps): ReminderService {
  let service = services.get(deps);
  if (!service) services.set(deps, (service = createReminderService({ ...deps, slaTickets: createTicketSlaSource(deps.store, deps.config.PUBLIC_BASE_URL) })));
  return service;
}
