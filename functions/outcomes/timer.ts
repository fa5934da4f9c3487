import type { OutcomesDeps } from './deps';
import { recomputeRecent } from '../../shared/services/outcomes/aggregation';

/**
 * Daily at 01:00 (Shanghai): recomputes the aggregate rows of every day whose windows may still be
 * open (shared/domain/outcomes/metrics.ts RECOMPUTE_DAYS). Each day is replaced whole, so a run cut
 * short by the timeout or a crash is finished by the next one, with the same numbers.
 */
export async function outcomesTimer(_event: unknown, deps: OutcomesDeps) {
  const result = await recomputeRecent(deps);
  deps.log.info('outcome aggregates recomputed', { ...result });
  return result;
}
