import { compositionRoot } from '../../shared/runtime/composition';
import type { AppDeps } from '../../shared/runtime/deps';
import { createIntakeDeps } from '../../shared/services/intake/intake-deps';
import { createMoments } from '../../shared/services/offers/moments';
import { createPlanTaskDeps, planTaskDueHook } from '../../shared/services/plan-tasks/plan-task-deps';
import { createMemberPointsService } from '../../shared/services/points/member-points';
import { createPrivacyService } from '../../shared/services/privacy/privacy-service';
import { createReminderService } from '../../shared/services/reminders/reminder-service';

/**
 * The intake function's composition root: its routes, callFunction actions and timer read services
 * from here. One reminder service serves the plan's reminders, the butler's task for a new link and
 * the privacy capability's cancellations; one points service credits forms, readings and plan tasks.
 */
export const servicesOf = compositionRoot((deps: AppDeps) => {
  const reminders = createReminderService({ ...deps, onOccurrenceDue: planTaskDueHook(deps) });
  const points = createMemberPointsService(deps);
  const award = { points, members: deps.members };
  const planTasks = createPlanTaskDeps(deps, award);
  return {
    reminders,
    points,
    intake: createIntakeDeps(deps, { reminders, award, planTasks, moments: createMoments(deps) }),
    privacy: createPrivacyService(deps, { reminders }),
  };
});
