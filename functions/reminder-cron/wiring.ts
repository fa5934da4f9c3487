import { compositionRoot } from '../../shared/runtime/composition';
import type { AppDeps } from '../../shared/runtime/deps';
import { createContentCalendar } from '../../shared/services/content/calendar';
import { createContentLibrary } from '../../shared/services/content/library';
import { createOfferMeasures } from '../../shared/services/offers/measures';
import { createMoments } from '../../shared/services/offers/moments';
import { createPlanTaskDeps, planTaskDueHook } from '../../shared/services/plan-tasks/plan-task-deps';
import { createMemberPointsService } from '../../shared/services/points/member-points';
import { createReminderRequests } from '../../shared/services/reminders/caller-requests';
import { createReminderService } from '../../shared/services/reminders/reminder-service';
import { createTicketSlaSource } from '../../shared/services/triage/sla-source';

/**
 * The reminder-cron function's composition root: its routes, callFunction actions and timer read
 * services from here. Triage's open tickets feed the SLA escalation through the reminder
 * capability's port; a plan task falling due is recorded by the plan-task capability's hook, and one
 * done credits points through the points service built here.
 */
export const servicesOf = compositionRoot((deps: AppDeps) => {
  const reminders = createReminderService({ ...deps, slaTickets: createTicketSlaSource(deps.store, deps.config.PUBLIC_BASE_URL), onOccurrenceDue: planTaskDueHook(deps) });
  const points = createMemberPointsService(deps);
  const contentLibrary = createContentLibrary(deps);
  return {
    reminders,
    /** Callers' requests (staff, machines, members) judged by the access policy before the service runs. */
    requests: createReminderRequests(deps, reminders),
    planTasks: createPlanTaskDeps(deps, { points, members: deps.members }),
    contentLibrary,
    contentCalendar: createContentCalendar(deps, contentLibrary),
    offerMeasures: createOfferMeasures(deps),
    moments: createMoments(deps),
  };
});
