import type { AppDeps } from '../../runtime/deps';
import type { IntakeDeps } from './deps';
import { cancelPlanReminders, schedulePlanReminders } from './plan-scheduling';
import { awardPoints } from '../points/wiring';
import { evaluatePlan } from './plan-adaptation';

const cache = new WeakMap<AppDeps, IntakeDeps>();

/** Intake's dependencies for one AppDeps (built once per cold start). */
export function intakeDepsOf(app: AppDeps): IntakeDeps {
  let deps = cache.get(app);
  if (!deps) {
    const built: IntakeDeps = {
      ...app,
      scheduleReminders: (memberId, entries, opts) => schedulePlanReminders(app, memberId, entries, opts),
      cancelReminders: (ids, reason) => cancelPlanReminders(app, ids, reason),
      awardPoints: async (memberId, rule, sourceRef, idempotencyKey) => {
        const earned = await awardPoints(app, { memberId, rule, sourceRef, idempotencyKey });
        return earned.duplicate || earned.status !== 'applied' ? 0 : earned.points;
      },
      evaluatePlan: (memberId) => evaluatePlan(built, memberId),
    };
    deps = built;
    cache.set(app, deps);
  }
  return deps;
}
