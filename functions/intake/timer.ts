import { runDueFollowUps } from '../../shared/services/intake/follow-ups';
import { runHourlyPlanRuns } from '../../shared/services/intake/hourly-plan-runs';
import { servicesOf } from './wiring';
import type { AppDeps } from '../../shared/runtime/deps';

/**
 * Hourly: nudge members who have not filled in the health form and mark low cooperation after three
 * weeks; evaluate each plan's adjustments once a Shanghai day; score the previous Shanghai month's
 * behaviour once per member (both from one read of the plans). Each step is idempotent on its own.
 */
export async function intakeTimer(_event: unknown, deps: AppDeps) {
  const { intake } = servicesOf(deps);
  const followUps = await runDueFollowUps(intake);
  const { plans, scores } = await runHourlyPlanRuns(intake);
  return { ...followUps, plans, scores };
}
