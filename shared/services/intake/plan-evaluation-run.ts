import { shanghaiDayKey } from '../../domain/reminders/shanghai-time';
import type { Doc } from '../../ports/document-store';
import type { IntakeDeps } from './deps';
import { evaluatePlan } from './plan-adaptation';
import { planMemberIds } from './plan-members';

/** Per member: the Shanghai day their plan was last evaluated by the daily run. */
export const PLAN_EVALUATIONS = 'plan_evaluations';

interface PlanEvaluationDoc extends Doc {
  /** The member id. */
  _id: string;
  day: string;
  atMs: number;
  /** The day's evaluation failed (logged): tried again the next day, or by the member's next reading. */
  failed?: boolean;
}

export interface PlanEvaluationRun {
  day: string;
  evaluated: number;
  changed: number;
  /** Members left for the next tick (the batch was full). */
  remaining: number;
}

/** One hourly tick evaluates at most this many plans; a large population spreads over the day's ticks. */
const BATCH = 500;

/**
 * The daily evaluation of plan adjustments (readings stop arriving too: the adherence and the
 * two-month recovery rules need the clock, not a new reading). Run from the intake timer every hour,
 * it evaluates each member with a plan once per Shanghai day and records the day; a tick that
 * crashes half-way leaves the rest to the next tick, and evaluating twice changes nothing
 * (evaluatePlan writes only when the evidence changed). A failed evaluation is recorded for the day
 * as well (and logged), so the next tick moves on to the members after it. `planMembers`: the
 * members with a plan already read by the caller (planMemberIds), so the timer reads them once.
 */
export async function runDailyPlanEvaluations(deps: IntakeDeps, opts: { batch?: number; planMembers?: readonly string[] } = {}): Promise<PlanEvaluationRun> {
  const nowMs = deps.clock.nowMs();
  const day = shanghaiDayKey(nowMs);
  const marks = deps.store.collection<PlanEvaluationDoc>(PLAN_EVALUATIONS);
  const done = new Set((await marks.find({ day })).map((d) => d._id));
  const todo = (opts.planMembers ?? (await planMemberIds(deps.store))).filter((id) => !done.has(id));
  const batch = todo.slice(0, opts.batch ?? BATCH);
  let changed = 0;
  for (const memberId of batch) {
    try {
      if ((await evaluatePlan(deps, memberId)).changed) changed += 1;
      await marks.updateOne({ _id: memberId }, { $set: { day, atMs: nowMs, failed: false } }, { upsert: true });
    } catch (err) {
      deps.log.warn('daily plan evaluation failed', { memberId, error: err instanceof Error ? err.message : 'unknown' });
      // Recorded for the day too, so a member whose evaluation keeps failing does not hold up those after them.
      await marks.updateOne({ _id: memberId }, { $set: { day, atMs: nowMs, failed: true } }, { upsert: true }).catch(() => undefined);
    }
  }
  return { day, evaluated: batch.length, changed, remaining: todo.length - batch.length };
}
