import type { AppDeps } from '../../runtime/deps';
import type { IntakeDeps } from './deps';
import { cancelPlanReminders, schedulePlanReminders, type PlanReminders } from './plan-scheduling';
import { awardPoints, creditedPoints, type AwardDeps } from '../points/member-points';
import { completeByEvidence } from '../plan-tasks/complete-by-data';
import type { PlanTaskDeps } from '../plan-tasks/deps';
import type { Moments } from '../offers/moments';
import { evaluatePlan } from './plan-adaptation';

/** The other capabilities intake hands work to, built once by the function's composition root (functions/intake/wiring.ts). */
export interface IntakePorts {
  reminders: PlanReminders;
  award: AwardDeps;
  planTasks: PlanTaskDeps;
  moments: Pick<Moments, 'onMoment'>;
}

/** Intake's dependencies: the platform's, plus the hand-offs to reminders, points, plan tasks and offers. */
export function createIntakeDeps(app: AppDeps, ports: IntakePorts): IntakeDeps {
  const deps: IntakeDeps = {
    ...app,
    scheduleReminders: (memberId, entries, opts) => schedulePlanReminders(ports.reminders, memberId, entries, opts),
    cancelReminders: (ids, reason) => cancelPlanReminders(ports.reminders, ids, reason),
    awardPoints: async (memberId, rule, sourceRef, idempotencyKey) => creditedPoints(await awardPoints(ports.award, { memberId, rule, sourceRef, idempotencyKey })),
    completePlanTask: async (memberId, evidence, atMs) => {
      await completeByEvidence(ports.planTasks, memberId, evidence, atMs);
    },
    onMoment: async (moment) => {
      // An offer is never worth failing the reading for: log and go on.
      try {
        await ports.moments.onMoment(moment);
      } catch (err) {
        app.log.warn('offer for a moment of care failed', { event: moment.event, error: err instanceof Error ? err.message : 'unknown' });
      }
    },
    evaluatePlan: (memberId) => evaluatePlan(deps, memberId),
  };
  return deps;
}
