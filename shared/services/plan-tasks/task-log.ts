import { outcomeEventId } from '../../domain/outcomes/events';
import { taskKey, type CompletedBy } from '../../domain/health/plan-tasks';
import type { ReminderKind } from '../../domain/schedule/recurrence';
import type { DocumentStore } from '../../ports/document-store';
import { createOutcomeEventLog, OUTCOME_EVENTS, type OutcomeEventDoc } from '../outcomes/outcome-events';

/** One task occurrence: the series, its kind and the occurrence's instant. */
export interface TaskRef {
  memberId: string;
  reminderId: string;
  kind: ReminderKind;
  occurrenceAtMs: number;
}

/**
 * The plan-task steps in the outcome event log (shared/domain/outcomes/events.ts): plan_task_due
 * and plan_task_done, keyed by occurrence, with the kind code and who completed it — nothing about
 * what was measured.
 */
export function createTaskLog(store: DocumentStore) {
  const log = createOutcomeEventLog(store);
  const events = store.collection<OutcomeEventDoc>(OUTCOME_EVENTS);
  const key = (t: TaskRef) => taskKey(t.reminderId, t.occurrenceAtMs);
  return {
    /** The occurrence fell due (its instant, whenever it is recorded). True when new. */
    due: (t: TaskRef): Promise<boolean> => log.record({ type: 'plan_task_due', memberId: t.memberId, key: key(t), atMs: t.occurrenceAtMs, data: { kind: t.kind } }),
    /** Done, once: the first completion wins (a reading after the member's 「完成」 changes nothing). True when new. */
    done: (t: TaskRef, by: CompletedBy, atMs: number, via?: string): Promise<boolean> =>
      log.record({ type: 'plan_task_done', memberId: t.memberId, key: key(t), atMs, data: { kind: t.kind, by, ...(via && { via }) } }),
    /** How it was done, or null while it is not. */
    async doneBy(memberId: string, reminderId: string, occurrenceAtMs: number): Promise<{ by: CompletedBy; atMs: number } | null> {
      const doc = await events.get(outcomeEventId({ type: 'plan_task_done', memberId, key: taskKey(reminderId, occurrenceAtMs) }));
      return doc ? { by: doc.data?.by as CompletedBy, atMs: doc.atMs } : null;
    },
  };
}

export type TaskLog = ReturnType<typeof createTaskLog>;
