import type { AppDeps } from '../../runtime/deps';
import { awardPoints, creditedPoints, type AwardDeps } from '../points/member-points';
import type { PlanTaskDeps } from './deps';
import { recordTaskDue } from './record-due';
import type { ReminderDoc } from '../reminders/reminder-doc';

/**
 * Plan tasks over the platform's dependencies, crediting `plan_task_completed` in-process through
 * the points service the function's composition root built (it is not built here).
 */
export function createPlanTaskDeps(app: Pick<AppDeps, 'store' | 'clock' | 'cipher' | 'log'>, award: AwardDeps): PlanTaskDeps {
  return {
    store: app.store,
    clock: app.clock,
    cipher: app.cipher,
    log: app.log,
    awardPoints: async (memberId, sourceRef, idempotencyKey) => creditedPoints(await awardPoints(award, { memberId, rule: 'plan_task_completed', sourceRef, idempotencyKey })),
  };
}

/** The reminder dispatcher's hook (DispatcherDeps.onOccurrenceDue): a plan task's occurrence fell due. */
export function planTaskDueHook(app: Pick<AppDeps, 'store' | 'log'>): (doc: ReminderDoc) => Promise<void> {
  return (doc) => recordTaskDue(app.store, app.log, doc);
}
