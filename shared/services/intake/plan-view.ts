import { NotFoundError } from '../../errors';
import { planChangesView, type PlanChangesView } from '../../domain/health/plan-change-text';
import type { ScheduleEntry } from '../../domain/schedule/recurrence';
import type { IntakeDeps } from './deps';
import { createPlanStore } from './plans';

/**
 * The member's current plan and why it is what it is (GET /api/intake/plan for the member,
 * /api/intake/members/:id/plan for their clinicians): the entries in force, the adjustments and
 * doctors' holds behind them, and every version with its reasons.
 */
export interface PlanView {
  memberId: string;
  version: number;
  revision: number;
  builtAtMs: number;
  scheduled: boolean;
  entries: ScheduleEntry[];
  changes: PlanChangesView;
}

export async function readPlanChanges(deps: Pick<IntakeDeps, 'store' | 'cipher' | 'clock'>, memberId: string, limit = 50): Promise<PlanChangesView | null> {
  const plans = createPlanStore(deps.store, deps.cipher);
  const [plan, history] = await Promise.all([plans.get(memberId), plans.history(memberId, limit)]);
  return plan && planChangesView(plan.adjustments, plan.holds, history, deps.clock.nowMs());
}

export async function readPlanView(deps: Pick<IntakeDeps, 'store' | 'cipher' | 'clock'>, memberId: string): Promise<PlanView> {
  const plans = createPlanStore(deps.store, deps.cipher);
  const [plan, history] = await Promise.all([plans.get(memberId), plans.history(memberId)]);
  if (!plan) throw new NotFoundError('plan');
  return {
    memberId,
    version: plan.version,
    revision: plan.revision,
    builtAtMs: plan.builtAtMs,
    scheduled: plan.scheduledAtMs !== undefined,
    entries: plan.entries,
    changes: planChangesView(plan.adjustments, plan.holds, history, deps.clock.nowMs()),
  };
}
