import { READING_EVIDENCE, type Evidence } from '../../domain/health/plan-tasks';
import type { IntakeDeps } from './deps';

/**
 * Hands a new reading or report to the plan tasks it may answer. Only the first time it is stored:
 * a resent reading id must not complete a second task. A failure here is logged, never the
 * member's: the reading is stored, and the member can still press 「完成」.
 */
export async function answerPlanTask(deps: IntakeDeps, memberId: string, evidence: Evidence | undefined, atMs: number): Promise<void> {
  if (!deps.completePlanTask || evidence === undefined) return;
  try {
    await deps.completePlanTask(memberId, evidence, atMs);
  } catch (err) {
    // Never what the member measures (it says something about their health), only who and why.
    deps.log.warn('plan task not completed from data', { memberId, error: err instanceof Error ? err.message : 'unknown' });
  }
}

export const readingEvidence = (type: string): Evidence | undefined => READING_EVIDENCE[type];
