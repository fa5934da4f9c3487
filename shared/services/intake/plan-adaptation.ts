import { NotFoundError } from '../../errors';
import {
  adjustedEntries,
  evaluateAdjustments,
  ruleOf,
  ADHERENCE_RULE,
  DAY_MS,
  READING_RULE,
  type ActiveAdjustment,
  type Adherence,
  type AdjustmentCode,
  type ReadingsSummary,
} from '../../domain/health/plan-adjustments';
import { completionWindowMs, EARLY_EVIDENCE_MS } from '../../domain/health/plan-tasks';
import type { ReminderKind } from '../../domain/schedule/recurrence';
import type { AuditActor } from '../../ports/audit-log';
import { createOutcomeEventLog } from '../outcomes/outcome-events';
import type { IntakeDeps } from './deps';
import { carriedOneOffIds, createPlanStore, planKeyPrefix, revisionEntriesToSchedule, type PlanDoc, type PlanRevision, type PlanVersionView } from './plans';
import { readingsSummaryBetween } from './readings-summary';

/**
 * Plans that respond to data: evaluates the adjustment rules (shared/domain/health/plan-adjustments.ts)
 * for one member and turns a change into a new plan revision with its reasons (plans.ts `revise`).
 * The old revision's reminders are retired and the new ones scheduled exactly as a profile-driven
 * replacement does (submit-form.ts); the one-off work an adjustment hands the team (a doctor's
 * follow-up, the butler's cadence) is scheduled once per adjustment, keyed by its start, so a later
 * revision does not send it again.
 */

const SYSTEM: AuditActor = { kind: 'system', id: 'plan-adjustments' };
/** A revision that lost the compare-and-set to another writer is evaluated again on the moved plan. */
const MAX_EVALUATIONS = 3;

export interface EvaluationResult {
  /** The plan revision now in force (null: the member has no plan). */
  revision: number | null;
  changed: boolean;
  changes: PlanVersionView['changes'];
}


/** The key prefix of an adjustment's one-off actions: one set per adjustment start. */
const actionPrefix = (memberId: string, a: ActiveAdjustment) => `adj:${memberId}:${a.code}:${a.sinceMs}`;
const actionIds = (memberId: string, a: ActiveAdjustment) => ruleOf(a.code).actions(a).map((_, i) => `${actionPrefix(memberId, a)}:${i}`);

/** BP and fasting glucose over the recovery window (the longest any rule looks back). */
export const readingsSummary = (deps: Pick<IntakeDeps, 'store' | 'cipher'>, memberId: string, nowMs: number): Promise<ReadingsSummary> =>
  readingsSummaryBetween(deps, memberId, nowMs - READING_RULE.recoverDays * DAY_MS);

/**
 * Plan tasks that fell due in [sinceMs, untilMs) and how many of those were done (plan_task_due /
 * plan_task_done outcome events share their key: `${reminderId}@${occurrenceAtMs}`). Only occurrences
 * whose completion window (shared/domain/health/plan-tasks.ts, completionWindowMs) has closed by
 * `nowMs` count: one the member can still complete is not missed yet, and counting it as not done
 * would make adherence look lower than it is.
 */
export async function adherenceOf(deps: Pick<IntakeDeps, 'store'>, memberId: string, sinceMs: number, untilMs: number, nowMs: number): Promise<Adherence> {
  // Only events from EARLY_EVIDENCE_MS before `sinceMs` on: a due event's `atMs` is its occurrence, and
  // an occurrence is done no earlier than that before it (a reading up to an hour early, the member's
  // 「完成」 only once due: occurrenceForEvidence and mayMarkDone, shared/domain/health/plan-tasks.ts).
  // Done events after `untilMs` still count (a task is done up to its completion window later).
  const events = await createOutcomeEventLog(deps.store).ofMember(memberId, ['plan_task_due', 'plan_task_done'], { fromMs: sinceMs - EARLY_EVIDENCE_MS });
  const closed = (e: (typeof events)[number]) => nowMs - e.atMs > completionWindowMs((e.data?.kind as ReminderKind | undefined) ?? 'monitoring');
  const due = new Set(events.filter((e) => e.type === 'plan_task_due' && e.atMs >= sinceMs && e.atMs < untilMs && closed(e)).map((e) => e.key));
  const done = new Set(events.filter((e) => e.type === 'plan_task_done' && due.has(e.key)).map((e) => e.key));
  return { due: due.size, done: done.size };
}

/**
 * Moves the plan to its next revision and switches the reminders: the read revision's are retired
 * (cancelled, then settled), the new entries scheduled under the new revision's prefix; when a newer
 * plan replaced this revision before its ids were recorded, they are cancelled here. Null when the
 * plan moved meanwhile (the caller evaluates again).
 */
async function applyRevision(deps: IntakeDeps, memberId: string, plan: PlanDoc, next: PlanRevision, started: ActiveAdjustment[], ended: ActiveAdjustment[]): Promise<number | null> {
  const plans = createPlanStore(deps.store, deps.cipher);
  const { current, revision, retired } = await plans.revise(memberId, { version: plan.version, revision: plan.revision }, next);
  if (!current) return null;
  try {
    if (retired.length) {
      await deps.cancelReminders(retired, 'plan_adjusted');
      await plans.settleRetired(memberId, retired);
    }
    // One-offs stay with the profile plan's reminders (carried): only the recurring entries are made again.
    const ids = await deps.scheduleReminders(memberId, revisionEntriesToSchedule(next.entries), { idempotencyKeyPrefix: planKeyPrefix(memberId, plan.version, revision) });
    if (!(await plans.markScheduled(memberId, plan.version, deps.clock.nowMs(), ids, revision))) await deps.cancelReminders(ids, 'plan_replaced');
    for (const a of ended) await deps.cancelReminders(actionIds(memberId, a), 'adjustment_ended');
    for (const a of started) await deps.scheduleReminders(memberId, ruleOf(a.code).actions(a), { idempotencyKeyPrefix: actionPrefix(memberId, a) });
  } catch (err) {
    // The revision stands; its reminders follow on the next evaluation's revision or profile replacement.
    deps.log.warn('adjusted plan scheduling failed', { memberId, version: plan.version, revision, error: err instanceof Error ? err.message : 'unknown' });
  }
  await deps.audit.append({
    actor: next.by,
    action: next.cause === 'override' ? 'plan.override' : 'plan.adjusted',
    subjectMemberId: memberId,
    outcome: 'done',
    // Versions and a count only: ops read the trail and see no health content (which rule fired says something about the readings).
    meta: { version: plan.version, revision, changes: next.changes.length },
  });
  return revision;
}

/**
 * Evaluates the rules for the member now: a change makes a new plan revision with its reasons. Safe
 * to call any number of times: without a change in the evidence nothing is written.
 */
export async function evaluatePlan(deps: IntakeDeps, memberId: string): Promise<EvaluationResult> {
  const plans = createPlanStore(deps.store, deps.cipher);
  for (let attempt = 0; attempt < MAX_EVALUATIONS; attempt++) {
    const plan = await plans.get(memberId);
    if (!plan) return { revision: null, changed: false, changes: [] };
    const member = await deps.members.get(memberId);
    if (!member || member.status !== 'active') return { revision: plan.revision, changed: false, changes: [] };
    const nowMs = deps.clock.nowMs();
    const [readings, adherence] = await Promise.all([
      readingsSummary(deps, memberId, nowMs),
      adherenceOf(deps, memberId, nowMs - ADHERENCE_RULE.windowDays * DAY_MS, nowMs, nowMs),
    ]);
    const outcome = evaluateAdjustments({ readings, adherence, current: plan.adjustments, holds: plan.holds, nowMs });
    if (!outcome.changes.length) return { revision: plan.revision, changed: false, changes: [] };
    const started = outcome.active.filter((a) => outcome.changes.some((c) => c.code === a.code && c.change === 'start'));
    const ended = plan.adjustments.filter((a) => outcome.changes.some((c) => c.code === a.code && c.change === 'end'));
    const revision = await applyRevision(
      deps,
      memberId,
      plan,
      {
        entries: adjustedEntries(plan.base, outcome.active),
        adjustments: outcome.active,
        holds: plan.holds.filter((h) => h.untilMs > nowMs),
        cause: 'adjustment',
        changes: outcome.changes,
        by: SYSTEM,
        atMs: nowMs,
        carry: carriedOneOffIds(memberId, plan),
      },
      started,
      ended,
    );
    if (revision !== null) return { revision, changed: true, changes: outcome.changes };
  }
  return { revision: null, changed: false, changes: [] };
}

export interface OverrideInput {
  code: AdjustmentCode;
  /** The rule is held off this many weeks (1 … MAX_HOLD_WEEKS); an active adjustment of it ends now. */
  weeks: number;
}

/**
 * A doctor's override (docs/prd.md §4.4: the doctor has the last word): ends the adjustment if it is
 * active (back to the profile's cadence) and holds the rule off for `weeks`, so the data does not
 * bring it straight back. A plan version of its own, with its reason; audited as plan.override.
 */
export async function overridePlan(deps: IntakeDeps, memberId: string, input: OverrideInput, by: AuditActor): Promise<EvaluationResult> {
  const plans = createPlanStore(deps.store, deps.cipher);
  for (let attempt = 0; attempt < MAX_EVALUATIONS; attempt++) {
    const plan = await plans.get(memberId);
    if (!plan) throw new NotFoundError('plan');
    const nowMs = deps.clock.nowMs();
    const reverted = plan.adjustments.filter((a) => a.code === input.code);
    const active = plan.adjustments.filter((a) => a.code !== input.code);
    const holds = [...plan.holds.filter((h) => h.untilMs > nowMs && h.code !== input.code), { code: input.code, untilMs: nowMs + input.weeks * 7 * DAY_MS }];
    const rule = ruleOf(input.code);
    const reasonZh = reverted.length
      ? `家庭医生复核后撤销「${rule.titleZh}」调整，${input.weeks}周内保持原来的计划`
      : `家庭医生复核后决定：${input.weeks}周内不因「${rule.titleZh}」调整计划`;
    const changes: PlanVersionView['changes'] = [{ code: input.code, change: reverted.length ? 'end' : 'hold', reasonZh, weeks: input.weeks }];
    const revision = await applyRevision(deps, memberId, plan, { entries: adjustedEntries(plan.base, active), adjustments: active, holds, cause: 'override', changes, by, atMs: nowMs, carry: carriedOneOffIds(memberId, plan) }, [], reverted);
    if (revision !== null) return { revision, changed: true, changes };
  }
  throw new Error(`plan of ${memberId}: too many concurrent revisions`);
}
