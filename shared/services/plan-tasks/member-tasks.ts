import { completionWindowMs, isPlanTask, type CompletedBy } from '../../domain/health/plan-tasks';
import { DAY_MS, startOfShanghaiDay } from '../../domain/reminders/shanghai-time';
import type { ReminderKind } from '../../domain/schedule/recurrence';
import { decryptText } from '../reminders/content';
import { ensureReminderIndexes, REMINDERS, type ReminderDoc } from '../reminders/reminder-doc';
import type { PlanTaskDeps } from './deps';
import { seriesOccurrences } from './occurrences';
import { createTaskLog } from './task-log';

export interface MemberTask {
  reminderId: string;
  kind: ReminderKind;
  title: string;
  occurrenceAtMs: number;
  /** Later today (Shanghai): shown, not yet markable. */
  upcoming: boolean;
  /** Until when 「完成」 is accepted. */
  openUntilMs: number;
  done: { by: CompletedBy; atMs: number } | null;
}

/** The first instant of the next Shanghai day: what falls at it is tomorrow's task, not today's. */
const endOfShanghaiDay = (ms: number) => startOfShanghaiDay(ms) + DAY_MS;

/**
 * The member's tasks for 「我的提醒」: each plan task occurrence that fell due and is still open,
 * done or not, newest first; then those still to come today, soonest first.
 */
export async function listMemberTasks(deps: PlanTaskDeps, memberId: string): Promise<MemberTask[]> {
  await ensureReminderIndexes(deps.store);
  const nowMs = deps.clock.nowMs();
  // memberId last: the embedded store plans with the last indexed equality field (reminder-doc.ts).
  const docs = (await deps.store.collection<ReminderDoc>(REMINDERS).find({ source: 'plan', audience: 'member', memberId })).filter(isPlanTask);
  const log = createTaskLog(deps.store);
  const tasks: MemberTask[] = [];
  for (const doc of docs) {
    const window = completionWindowMs(doc.kind);
    const occs = seriesOccurrences(doc, nowMs).filter((occ) => nowMs - occ <= window && occ < endOfShanghaiDay(nowMs));
    if (occs.length === 0) continue;
    const { title } = decryptText(deps.cipher, doc);
    for (const occ of occs) {
      tasks.push({ reminderId: doc._id, kind: doc.kind, title, occurrenceAtMs: occ, upcoming: occ > nowMs, openUntilMs: occ + window, done: await log.doneBy(memberId, doc._id, occ) });
    }
  }
  const order = (a: MemberTask, b: MemberTask) => (a.upcoming ? a.occurrenceAtMs - b.occurrenceAtMs : b.occurrenceAtMs - a.occurrenceAtMs);
  return tasks.sort((a, b) => Number(a.upcoming) - Number(b.upcoming) || order(a, b) || a.reminderId.localeCompare(b.reminderId));
}
