import { runDueFollowUps } from '../../shared/services/intake/follow-ups';
import { runDailyPlanEvaluations } from '../../shared/services/intake/plan-evaluation-run';
import { intakeDepsOf } from '../../shared/services/intake/wiring';
import type { AppDeps } from '../../shared/runtime/deps';

/**
 * Hourly: nudge members who have not filled in the health form and mark low cooperation after three
 * weeks; evaluate each plan's adjustments once a Shanghai day. Each step is idempotent on its own.
 */
export async function intakeTimer(_event: unknown, deps: AppDeps) {
  const intake = intakeDepsOf(deps);
  const followUps = await runDueFollowUps(intake);
  const plans = await runDailyPlanEvaluations(intake);
  return { ...followUps, plans };
}
