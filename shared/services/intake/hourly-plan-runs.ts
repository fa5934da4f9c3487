import { runMonthlyScores, type ScoreRun } from './behaviour-scores';
import type { IntakeDeps } from './deps';
import { runDailyPlanEvaluations, type PlanEvaluationRun } from './plan-evaluation-run';
import { planMemberIds } from './plan-members';

/**
 * The intake timer's two runs over every plan, the daily plan evaluation then the monthly behaviour
 * scores, from one read of the plans collection (it holds every member's whole plan). The evaluation
 * changes plans but never adds or removes one, so both runs see the members they would have read
 * themselves.
 */
export async function runHourlyPlanRuns(deps: IntakeDeps, opts: { batch?: number } = {}): Promise<{ plans: PlanEvaluationRun; scores: ScoreRun }> {
  const planMembers = await planMemberIds(deps.store);
  const plans = await runDailyPlanEvaluations(deps, { ...opts, planMembers });
  const scores = await runMonthlyScores(deps, { ...opts, planMembers });
  return { plans, scores };
}
