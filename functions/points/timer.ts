import { servicesOf } from './wiring';
import type { AppDeps } from '../../shared/runtime/deps';

/** Redemptions older than this with a step still open were interrupted (a crash or a timeout). */
const INTERRUPTED_AFTER_MS = 60_000;

/**
 * Every 5 minutes: finish or compensate redemptions a crash left half-done (no debit without a
 * reservation, no reservation without a debit), then write off expired points so each member's
 * history explains every point that disappeared.
 */
export async function pointsTimer(_event: unknown, deps: AppDeps) {
  const service = servicesOf(deps).points;
  const recovered = await service.recover({ olderThanMs: INTERRUPTED_AFTER_MS });
  const expired = await service.sweepExpired();
  return { recovered, expired };
}
