import { AppError, NotFoundError } from '../../errors';
import { isPlanTask, mayMarkDone, type CompletedBy } from '../../domain/health/plan-tasks';
import { reminderById } from '../reminders/reminder-doc';
import { completeTask } from './complete-task';
import type { PlanTaskDeps } from './deps';
import { seriesOccurrences } from './occurrences';
import { createTaskLog } from './task-log';

export interface MarkDoneResult {
  reminderId: string;
  occurrenceAtMs: number;
  /** Who completed it first (a reading may have done so before the member pressed 「完成」). */
  by: CompletedBy;
  doneAtMs: number;
  pointsAwarded: number;
  /** True when it was already done: nothing new was recorded. */
  replayed: boolean;
}

const refuse = (code: string, field: string, message: string, messageZh: string) => new AppError(code, message, 422, { fields: [{ field, message, messageZh }] });

/**
 * The member's 「完成」 on one occurrence of their own plan task. Idempotent: pressing twice (or
 * after a reading answered it) records nothing new and credits nothing more. Someone else's reminder
 * is answered like one that does not exist. `via`: the member's credential, kept on the event so an
 * adherence reader can tell a claim made through the forwardable link from one made signed in.
 */
export async function markDoneByMember(deps: PlanTaskDeps, input: { memberId: string; reminderId: string; occurrenceAtMs: number; via: string }): Promise<MarkDoneResult> {
  const doc = await reminderById(deps.store, input.reminderId);
  if (!doc || doc.memberId !== input.memberId) throw new NotFoundError('reminder');
  if (!isPlanTask(doc)) throw refuse('not_a_plan_task', 'reminderId', 'only the member reminders of the personal plan are tasks', '这条提醒不是健康计划任务，不需要标记完成');
  const nowMs = deps.clock.nowMs();
  const decision = mayMarkDone(doc.kind, input.occurrenceAtMs, seriesOccurrences(doc, nowMs), nowMs);
  if (!decision.ok) throw refuse(decision.code, 'occurrenceAtMs', decision.message, decision.messageZh);
  const task = { memberId: input.memberId, reminderId: doc._id, kind: doc.kind, occurrenceAtMs: input.occurrenceAtMs };
  const { recorded, pointsAwarded } = await completeTask(deps, task, 'member', nowMs, input.via);
  const done = recorded ? { by: 'member' as const, atMs: nowMs } : await createTaskLog(deps.store).doneBy(input.memberId, doc._id, input.occurrenceAtMs);
  return { reminderId: doc._id, occurrenceAtMs: input.occurrenceAtMs, by: done?.by ?? 'member', doneAtMs: done?.atMs ?? nowMs, pointsAwarded, replayed: !recorded };
}
