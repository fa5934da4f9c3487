import { DuplicateKeyError, NotFoundError, ValidationError } from '../../errors';
import {
  behaviourScore,
  lastMonthScorable,
  previousShanghaiMonth,
  recommendedPremiumAdjustment,
  shanghaiMonthRange,
  MONTH_PATTERN,
  type BehaviourScore,
} from '../../domain/health/behaviour-score';
import { shanghaiMonthKey } from '../../domain/reminders/shanghai-time';
import type { AuditActor } from '../../ports/audit-log';
import type { Doc } from '../../ports/document-store';
import { createOptionalConsents } from '../members/optional-consents';
import type { IntakeDeps } from './deps';
import { adherenceOf } from './plan-adaptation';
import { planMemberIds } from './plan-members';
import { readingsSummaryBetween } from './readings-summary';

/**
 * Monthly behaviour scores (shared/domain/health/behaviour-score.ts): computed once per member per
 * Shanghai month by the intake timer, stored, shown to the member with how to raise it, and handed
 * to the policy system only for members who granted behaviour_score_sharing — each disclosure
 * audited (score.disclosed).
 */
export const BEHAVIOUR_SCORES = 'behaviour_scores';
/** The score, its components and tips: derived from health data, so encrypted like it. */
export const SCORE_ENCRYPTED = ['result'] as const;

interface ScoreDoc extends Doc {
  /** `${memberId}:${month}` */
  _id: string;
  memberId: string;
  month: string;
  computedAtMs: number;
  result: unknown;
}

export interface MonthScore extends BehaviourScore {
  month: string;
  computedAtMs: number;
  /** False: the month is still running (a preview, not stored). */
  final: boolean;
}

type Deps = Pick<IntakeDeps, 'store' | 'cipher' | 'clock'>;

const idOf = (memberId: string, month: string) => `${memberId}:${month}`;

/** The score of `month` from the data as it stands (until `untilMs` for a running month). */
export async function computeMonthScore(deps: Deps, memberId: string, month: string, untilMs?: number): Promise<BehaviourScore> {
  const { startMs, endMs } = shanghaiMonthRange(month);
  const end = Math.min(endMs, untilMs ?? endMs);
  const before = shanghaiMonthRange(previousShanghaiMonth(startMs));
  const [adherence, thisMonth, lastMonth] = await Promise.all([
    adherenceOf(deps, memberId, startMs, end, deps.clock.nowMs()),
    readingsSummaryBetween(deps, memberId, startMs, end),
    readingsSummaryBetween(deps, memberId, before.startMs, before.endMs),
  ]);
  return behaviourScore({ adherence, thisMonth, lastMonth });
}

function openDoc(deps: Deps, doc: ScoreDoc): MonthScore {
  const result = deps.cipher.decryptFields(doc, SCORE_ENCRYPTED, doc.memberId).result as BehaviourScore;
  return { ...result, month: doc.month, computedAtMs: doc.computedAtMs, final: true };
}

/** Stores the month's score once; a second run for the same month keeps the first. */
export async function storeMonthScore(deps: Deps, memberId: string, month: string): Promise<boolean> {
  const result = await computeMonthScore(deps, memberId, month);
  const doc: ScoreDoc = { _id: idOf(memberId, month), memberId, month, computedAtMs: deps.clock.nowMs(), result };
  try {
    await deps.store.collection<ScoreDoc>(BEHAVIOUR_SCORES).insert(deps.cipher.encryptFields(doc, SCORE_ENCRYPTED, memberId));
    return true;
  } catch (err) {
    if (err instanceof DuplicateKeyError) return false;
    throw err;
  }
}

export interface ScoreRun {
  month: string;
  computed: number;
  remaining: number;
}

/**
 * Members the monthly run passed over for a month (not active) or failed to score: recorded so the
 * next tick moves on to the members after them instead of taking the same ones again.
 */
export const BEHAVIOUR_SCORE_RUNS = 'behaviour_score_runs';

interface ScoreRunMark extends Doc {
  /** `${memberId}:${month}` */
  _id: string;
  memberId: string;
  month: string;
  outcome: 'skipped' | 'failed';
  attempts: number;
  atMs: number;
}

/** One hourly tick scores at most this many members; the rest follow on the next ticks. */
const BATCH = 500;
/** A member whose score failed this often is left for good for that month (the failure is in the log). */
const MAX_ATTEMPTS = 3;

/**
 * Monthly, from the intake timer's hourly tick: scores the previous Shanghai month for every member
 * with a plan who has no score for it yet, once its daily tasks can no longer be completed
 * (lastMonthScorable: from the 3rd Shanghai day). Idempotent (one document per member and month) and
 * restartable (a crashed tick leaves the rest to the next). A member who is not active is recorded
 * as passed over for the month, and one whose score fails is tried again only after everyone not
 * tried yet (at most MAX_ATTEMPTS times), so neither holds up the members after them. `planMembers`:
 * the members with a plan already read by the caller (planMemberIds), so the timer reads them once.
 */
export async function runMonthlyScores(deps: IntakeDeps, opts: { batch?: number; planMembers?: readonly string[] } = {}): Promise<ScoreRun> {
  const nowMs = deps.clock.nowMs();
  const month = previousShanghaiMonth(nowMs);
  const ready = lastMonthScorable(nowMs);
  const runs = deps.store.collection<ScoreRunMark>(BEHAVIOUR_SCORE_RUNS);
  const scored = new Set((await deps.store.collection<ScoreDoc>(BEHAVIOUR_SCORES).find({ month })).map((d) => d.memberId));
  const marks = await runs.find({ month });
  const settled = new Set(marks.filter((m) => m.outcome === 'skipped' || m.attempts >= MAX_ATTEMPTS).map((m) => m.memberId));
  const failed = new Set(marks.filter((m) => m.outcome === 'failed').map((m) => m.memberId));
  const open = (opts.planMembers ?? (await planMemberIds(deps.store))).filter((id) => !scored.has(id) && !settled.has(id));
  const todo = [...open.filter((id) => !failed.has(id)), ...open.filter((id) => failed.has(id))];
  const batch = ready ? todo.slice(0, opts.batch ?? BATCH) : [];
  const mark = (memberId: string, outcome: ScoreRunMark['outcome']) =>
    runs.updateOne({ _id: `${memberId}:${month}` }, { $set: { memberId, month, outcome, atMs: nowMs }, $inc: { attempts: 1 } }, { upsert: true });
  let computed = 0;
  for (const memberId of batch) {
    try {
      // Health data of a member who withdrew consent is not processed any further (PIPL art. 15).
      if ((await deps.members.get(memberId))?.status !== 'active') {
        await mark(memberId, 'skipped');
        continue;
      }
      if (await storeMonthScore(deps, memberId, month)) computed += 1;
    } catch (err) {
      deps.log.warn('behaviour score failed', { memberId, month, error: err instanceof Error ? err.message : 'unknown' });
      await mark(memberId, 'failed').catch(() => undefined);
    }
  }
  return { month, computed, remaining: todo.length - batch.length };
}

/** The member's own page: the last months' stored scores, newest first, and this month so far. */
export async function readOwnScores(deps: Deps, memberId: string): Promise<{ current: MonthScore; months: MonthScore[] }> {
  const docs = await deps.store.collection<ScoreDoc>(BEHAVIOUR_SCORES).find({ memberId }, { sort: { month: -1 }, limit: 6 });
  const nowMs = deps.clock.nowMs();
  const month = shanghaiMonthKey(nowMs);
  const current: MonthScore = { ...(await computeMonthScore(deps, memberId, month, nowMs)), month, computedAtMs: nowMs, final: false };
  return { current, months: docs.map((d) => openDoc(deps, d)) };
}

export interface SharedScore {
  memberId: string;
  month: string;
  score: number;
  /** Points per component only: no measure, trend or value leaves. */
  components: { adherencePoints: number | null; improvementPoints: number | null };
  recommendation: { premiumAdjustmentPct: number; rangePerYearPct: number; cumulativeCapPct: number; note: string };
}

const NOTE = '仅为建议：是否调整保费及调整幅度由保险公司决定。';

export function parseMonth(month: string | undefined): string {
  if (!month || !MONTH_PATTERN.test(month)) throw new ValidationError('month must be YYYY-MM', [{ field: 'month', message: 'must be YYYY-MM (a Shanghai calendar month)' }]);
  return month;
}

function shared(deps: Pick<IntakeDeps, 'config'>, s: MonthScore & { score: number }, memberId: string, appliedPct?: number): SharedScore {
  const rangePct = deps.config.BEHAVIOUR_PREMIUM_RANGE_PCT;
  const capPct = deps.config.BEHAVIOUR_PREMIUM_CAP_PCT;
  return {
    memberId,
    month: s.month,
    score: s.score,
    components: { adherencePoints: s.components.adherence?.points ?? null, improvementPoints: s.components.improvement?.points ?? null },
    recommendation: { premiumAdjustmentPct: recommendedPremiumAdjustment(s.score, { rangePct, capPct, ...(appliedPct !== undefined && { appliedPct }) }), rangePerYearPct: rangePct, cumulativeCapPct: capPct, note: NOTE },
  };
}

/** The member is active (not withdrawn or erased) and has behaviour_score_sharing granted now. */
async function sharable(deps: IntakeDeps, memberId: string): Promise<boolean> {
  if ((await deps.members.get(memberId))?.status !== 'active') return false;
  return createOptionalConsents(deps).granted(memberId, 'behaviour_score_sharing');
}

async function disclose(deps: Pick<IntakeDeps, 'audit'>, actor: AuditActor, memberId: string, month: string, requestId?: string) {
  await deps.audit.append({ actor, action: 'score.disclosed', subjectMemberId: memberId, outcome: 'done', meta: { month, purpose: 'behaviour_score_sharing' }, ...(requestId && { requestId }) });
}

/**
 * GET /api/intake/behaviour-scores?month=: the month's scores of members who have
 * behaviour_score_sharing granted now and still in the programme (a revocation or a withdrawal stops
 * every later disclosure); everyone else,
 * and any month without a score, is simply absent. Each member disclosed is audited.
 */
export async function sharedScoresOfMonth(deps: IntakeDeps, month: string, actor: AuditActor, requestId?: string): Promise<{ month: string; scores: SharedScore[] }> {
  const docs = await deps.store.collection<ScoreDoc>(BEHAVIOUR_SCORES).find({ month }, { sort: { _id: 1 } });
  const scores: SharedScore[] = [];
  for (const doc of docs) {
    if (!(await sharable(deps, doc.memberId))) continue;
    const s = openDoc(deps, doc);
    if (s.score === null) continue;
    await disclose(deps, actor, doc.memberId, month, requestId);
    scores.push(shared(deps, { ...s, score: s.score }, doc.memberId));
  }
  return { month, scores };
}

/**
 * One member's score for the policy system; `appliedPct` is the premium adjustment the insurer has
 * applied so far, so the recommendation keeps the total within the cap. Without the consent — or
 * without a score — 404: the answer does not tell which.
 */
export async function sharedScoreOf(deps: IntakeDeps, memberId: string, month: string, actor: AuditActor, appliedPct?: number, requestId?: string): Promise<SharedScore> {
  if (!(await sharable(deps, memberId))) throw new NotFoundError('behaviour score');
  const doc = await deps.store.collection<ScoreDoc>(BEHAVIOUR_SCORES).get(idOf(memberId, month));
  const s = doc && openDoc(deps, doc);
  if (!s || s.score === null) throw new NotFoundError('behaviour score');
  await disclose(deps, actor, memberId, month, requestId);
  return shared(deps, { ...s, score: s.score }, memberId, appliedPct);
}
