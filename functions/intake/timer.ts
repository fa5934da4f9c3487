import { runDueFollowUps } from '../../shared/services/intake/follow-ups';
import { runDailyPlanEvaluations } from '../../shared/services/intake/plan-evaluation-run';
import { runMonthlyScores } from '../../shared/services/intake/behaviour-scores';
import { servicesOf } from './wiring';
import type { AppDeps } from '../../shared/runtime/deps';

/**
 * Hourly: nudge members who have not filled in the health form and mark low cooperation after three
 * weeks; evaluate each plan's adjustments once a Shanghai day; score the previous Shanghai month's
 * behaviour once per member. Each step is idempotent on its own.
 */
export async function intakeTimer(_event: unknown, deps: AppDeps) {
  const { intake } = servicesOf(deps);
  const followUps = await runDueFollowUps(intake);
  const plans = await runDailyPlanEvaluations(intake);
  const scores = await runMonthlyScores(intake);
  return { ...followUps, plans, scores };
}
