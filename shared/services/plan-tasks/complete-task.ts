import type { CompletedBy } from '../../domain/health/plan-tasks';
import type { PlanTaskDeps } from './deps';
import { createTaskLog, type TaskRef } from './task-log';

export interface Completion {
  /** False when the occurrence was already done (by anyone): nothing new was recorded. */
  recorded: boolean;
  /** Points this call credited (0 when capped, already credited or points are not wired). */
  pointsAwarded: number;
}

/**
 * Records an occurrence done, and its points. Due first (an occurrence a reading answers before the
 * dispatcher took it up fell due all the same), then done, then the points: the award is asked for
 * even when the done event was already there, so a crash between the two is mended by the retry —
 * the points' idempotency key (one per occurrence) makes that ask a no-op otherwise, and the daily
 * cap is the points rule's (shared/domain/points/earning-rules.ts, plan_task_completed).
 */
export async function completeTask(deps: PlanTaskDeps, task: TaskRef, by: CompletedBy, atMs: number, via?: string): Promise<Completion> {
  const log = createTaskLog(deps.store);
  await log.due(task);
  const recorded = await log.done(task, by, atMs, via);
  let pointsAwarded = 0;
  if (deps.awardPoints) {
    try {
      pointsAwarded = await deps.awardPoints(task.memberId, `plan_task:${task.reminderId}@${task.occurrenceAtMs}`, `plan_task:${task.reminderId}:${task.occurrenceAtMs}`);
    } catch (err) {
      // The task is done whatever points say (a member whose consent is withdrawn earns none).
      deps.log.warn('plan task points not awarded', { memberId: task.memberId, reminderId: task.reminderId, error: err instanceof Error ? err.message : 'unknown' });
    }
  }
  return { recorded, pointsAwarded };
}
