import type { AppDeps } from '../../runtime/deps';
import { awardPoints } from '../points/wiring';
import type { PlanTaskDeps } from './deps';

/** Plan tasks over the platform's dependencies, crediting `plan_task_completed` in-process. */
export function planTaskDepsOf(app: AppDeps): PlanTaskDeps {
  return {
    store: app.store,
    clock: app.clock,
    cipher: app.cipher,
    log: app.log,
    awardPoints: async (memberId, sourceRef, idempotencyKey) => {
      const earned = await awardPoints(app, { memberId, rule: 'plan_task_completed', sourceRef, idempotencyKey });
      return earned.duplicate || earned.status !== 'applied' ? 0 : earned.points;
    },
  };
}
