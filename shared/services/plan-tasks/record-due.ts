import { isPlanTask } from '../../domain/health/plan-tasks';
import type { DocumentStore } from '../../ports/document-store';
import type { Logger } from '../../ports/logger';
import type { ReminderDoc } from '../reminders/reminder-doc';
import { createTaskLog } from './task-log';

/**
 * The dispatcher took up an occurrence of a reminder: a plan task fell due. What "due" means is the
 * completion rate's denominator (docs/prd.md §8.1 健康计划完成率 = done / due), so:
 *
 * - Due is when the occurrence *falls due*, not when it was sent: a send that failed, waited out
 *   quiet hours or the member's daily cap still asked something of the member, who sees it in
 *   「我的提醒」 and can mark it done; counting only sends would make our channel failures look like
 *   better adherence.
 * - An occurrence the member paused does not fall due: a pause moves the series past those
 *   occurrences (shared/services/reminders/member-controls.ts), so they are never shown as tasks
 *   and could never be marked done — counting them would make the rate measure something the member
 *   was not asked to do. Pauses last at most 30 days and each one is in the audit log
 *   (`reminders.pause`), where an adherence reader can count them.
 * - The event's instant is the occurrence's, whenever it is recorded; recording it again (a
 *   deferred occurrence comes back, a completion records due first) changes nothing.
 *
 * A store failure here is logged and the reminder goes out all the same: completing the task
 * records its due event too.
 */
export async function recordTaskDue(store: DocumentStore, log: Logger, doc: ReminderDoc): Promise<void> {
  if (!doc.memberId || !isPlanTask(doc)) return;
  try {
    await createTaskLog(store).due({ memberId: doc.memberId, reminderId: doc._id, kind: doc.kind, occurrenceAtMs: doc.occurrenceAtMs });
  } catch (err) {
    log.warn('plan task due not recorded', { reminderId: doc._id, error: err instanceof Error ? err.message : 'unknown' });
  }
}
