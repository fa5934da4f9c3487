import { evidenceOf, isPlanTask, occurrenceForEvidence, taskKey, type Evidence, type SeriesOccurrences } from '../../domain/health/plan-tasks';
import { createPlanStore, plannedReminders } from '../intake/plans';
import { REMINDERS, type ReminderDoc } from '../reminders/reminder-doc';
import { completeTask, type Completion } from './complete-task';
import type { PlanTaskDeps } from './deps';
import { seriesOccurrences } from './occurrences';
import { createTaskLog } from './task-log';

/**
 * Data that answers a task completes it (by 'reading' or 'report'): the member's current plan says
 * which of its reminders the data answers — the plan is encrypted, so what a monitoring task measures
 * is never stored in clear (shared/domain/health/plan-tasks.ts, evidenceOf) — and the domain picks the
 * one open occurrence nearest the measurement (occurrenceForEvidence). Null when nothing matched.
 */
export async function completeByEvidence(deps: PlanTaskDeps, memberId: string, evidence: Evidence, atMs: number): Promise<(Completion & { reminderId: string; occurrenceAtMs: number }) | null> {
  const plan = await createPlanStore(deps.store, deps.cipher).get(memberId);
  // Each reminder with its own entry: a revision's ids do not line up with its entries by position (plans.ts).
  const ids = plan ? plannedReminders(memberId, plan).filter((r) => evidenceOf(r.entry) === evidence).map((r) => r.reminderId) : [];
  if (ids.length === 0) return null;
  const reminders = deps.store.collection<ReminderDoc>(REMINDERS);
  const nowMs = deps.clock.nowMs();
  const log = createTaskLog(deps.store);
  const series: SeriesOccurrences[] = [];
  const kinds = new Map<string, ReminderDoc['kind']>();
  const done = new Set<string>();
  for (const id of ids) {
    const doc = await reminders.get(id);
    if (!doc || doc.memberId !== memberId || !isPlanTask(doc)) continue;
    const occurrences = seriesOccurrences(doc, nowMs);
    series.push({ reminderId: doc._id, kind: doc.kind, occurrences });
    kinds.set(doc._id, doc.kind);
    for (const occ of occurrences) if (await log.doneBy(memberId, doc._id, occ)) done.add(taskKey(doc._id, occ));
  }
  const pick = occurrenceForEvidence(series, atMs, nowMs, done);
  if (!pick) return null;
  const kind = kinds.get(pick.reminderId) as ReminderDoc['kind'];
  const completion = await completeTask(deps, { memberId, kind, ...pick }, evidence === 'exam_report' ? 'report' : 'reading', atMs);
  return { ...completion, ...pick };
}
