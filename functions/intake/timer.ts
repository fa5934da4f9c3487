import { runDueFollowUps } from '../../shared/services/intake/follow-ups';
import { intakeDepsOf } from '../../shared/services/intake/wiring';
import type { AppDeps } from '../../shared/runtime/deps';

/** Hourly: nudge members who have not filled in the health form, and mark low cooperation after three weeks. */
export function intakeTimer(_event: unknown, deps: AppDeps) {
  return runDueFollowUps(intakeDepsOf(deps));
}
