import type { AppDeps } from '../../runtime/deps';
import type { IntakeDeps } from './deps';
import { cancelPlanReminders, schedulePlanReminders } from './plan-scheduling';
import { awardPoints, createMemberPointsService } from '../points/wiring';
import { completeByEvidence } from '../plan-tasks/complete-by-data';
import { createPlanTaskDeps } from '../plan-tasks/wiring';
import { createMoments } from '../offers/moments';
import { evaluatePlan } from './plan-adaptation';

const cache = new WeakMap<AppDeps, IntakeDeps>();

/** Intake's dependencies for one AppDeps (built once per cold start). */
export function intakeDepsOf(app: AppDeps): IntakeDeps {
  let deps = cache.get(app);
  if (!deps) {
    const award = { points: createMemberPointsService(app), members: app.members };
    const planTasks = createPlanTaskDeps(app, award);
    const built: IntakeDeps = {
      ...app,
      scheduleReminders: (memberId, entries, opts) => schedulePlanReminders(app, memberId, entries, opts),
      cancelReminders: (ids, reason) => cancelPlanReminders(app, ids, reason),
      awardPoints: async (memberId, rule, sourceRef, idempotencyKey) => {
        const earned = await awardPoints(award, { memberId, rule, sourceRef, idempotencyKey });
        return earned.duplicate || earned.status !== 'applied' ? 0 : earned.points;
      },
      completePlanTask: async (memberId, evidence, atMs) => {
        await completeByEvidence(planTasks, memberId, evidence, atMs);
      },
      onMoment: async (moment) => {
        // An offer is never worth failing the reading for: log and go on.
        try {
          await createMoments(app).onMoment(moment);
        } catch (err) {
          app.log.warn('offer for a moment of care failed', { event: moment.event, error: err instanceof Error ? err.message : 'unknown' });
        }
      },
      evaluatePlan: (memberId) => evaluatePlan(built, memberId),
    };
    deps = built;
    cache.set(app, deps);
  }
  return deps;
}
