import { daysInMonth, DAY_MS, localParts, shanghaiInstant } from '../reminders/shanghai-time';
import { BP_TARGET, GLUCOSE_TARGET, type BpReading, type GlucoseReading } from './plan-adjustments';

/**
 * The monthly behaviour score (健康行为分): what the member DID in a Shanghai calendar month — how
 * much of their plan they carried out, and whether their own readings moved toward target against
 * the month before. It is never a diagnosis: no condition, value or risk tier goes into it, and a
 * member with high readings who measures faithfully and moves toward target scores well.
 *
 * The insurance design behind it (慢病预防的健康保险产品设计, “长期健康管理激励”/“动态保费调整”): members who
 * keep up health management and improve their indicators earn incentives — premium down 5 % a
 * year, capped at 30 % — and the insurer decides any premium effect. The score is offered to the
 * policy system as a recommendation only, and only with the member's separate consent
 * (behaviour_score_sharing, shared/domain/consent/optional-consents.ts).
 *
 * Score, 0–100, two components:
 * - adherence (weight 60): plan tasks done ÷ plan tasks due in the month whose completion window
 *   has closed when it is scored (plan_task_due / plan_task_done outcome events; a reading that
 *   answers a monitoring task counts as done; see SCORE_FROM_DAY);
 * - improvement (weight 40): per measure (BP, fasting glucose) with at least MIN_READINGS readings
 *   in both this month and the month before, the month's mean excess over target against last
 *   month's: held in range 100, moved toward target 80, about the same 50, moved away 20; the
 *   measures' mean.
 * A month with no improvement data scores adherence alone (out of 100); a month with no task due and
 * no improvement data has no score ("not enough data"), rather than a zero the member did not earn.
 */

export const SCORE_WEIGHTS = { adherence: 60, improvement: 40 } as const;
/** Fewer readings than this in either month say nothing about a trend. */
export const MIN_READINGS = 3;
/** A change in mean excess smaller than this (mmHg systolic-equivalent / mmol/L) is "about the same". */
const FLAT = { bp: 2, glucose: 0.2 } as const;
const TREND_POINTS = { in_range: 100, toward: 80, flat: 50, away: 20 } as const;

export type Trend = keyof typeof TREND_POINTS;
export type Measure = 'bp' | 'glucose';

export interface MonthInput {
  adherence: { due: number; done: number };
  thisMonth: { bloodPressure: readonly BpReading[]; fastingGlucose: readonly GlucoseReading[] };
  lastMonth: { bloodPressure: readonly BpReading[]; fastingGlucose: readonly GlucoseReading[] };
}

export interface BehaviourScore {
  /** Null: not enough data this month. */
  score: number | null;
  components: {
    adherence: { due: number; done: number; points: number; maxPoints: number } | null;
    improvement: { measures: { measure: Measure; trend: Trend }[]; points: number; maxPoints: number } | null;
  };
  /** How to raise it, in Chinese, most useful first. */
  tipsZh: string[];
}

/** How far above target a BP reading is: the larger of the systolic and diastolic excess. */
const bpExcess = (r: BpReading) => Math.max(0, r.systolic - (BP_TARGET.systolicBelow - 1), r.diastolic - (BP_TARGET.diastolicBelow - 1));
const glucoseExcess = (r: GlucoseReading) => Math.max(0, r.mmolL - GLUCOSE_TARGET.mmolLBelow + 0.05);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function trendOf(now: number[], before: number[], flat: number): Trend | null {
  if (now.length < MIN_READINGS || before.length < MIN_READINGS) return null;
  const [a, b] = [mean(now), mean(before)];
  if (a === 0 && b === 0) return 'in_range';
  if (a < b - flat) return 'toward';
  if (a > b + flat) return 'away';
  return a === 0 ? 'in_range' : 'flat';
}

const TIP_MEASURE: Record<Measure, string> = {
  bp: '血压：每天盐不超过5克、按医嘱服药、规律运动；测量前静坐5分钟，每次测两遍取平均。',
  glucose: '空腹血糖：主食定时定量、少喝含糖饮料，饭后散步15分钟。',
};

export function behaviourScore(input: MonthInput): BehaviourScore {
  const { due, done } = input.adherence;
  const adherenceShare = due > 0 ? Math.min(1, done / due) : null;
  const measures: { measure: Measure; trend: Trend }[] = [];
  const bp = trendOf(input.thisMonth.bloodPressure.map(bpExcess), input.lastMonth.bloodPressure.map(bpExcess), FLAT.bp);
  if (bp) measures.push({ measure: 'bp', trend: bp });
  const glucose = trendOf(input.thisMonth.fastingGlucose.map(glucoseExcess), input.lastMonth.fastingGlucose.map(glucoseExcess), FLAT.glucose);
  if (glucose) measures.push({ measure: 'glucose', trend: glucose });
  const improvementShare = measures.length ? mean(measures.map((m) => TREND_POINTS[m.trend])) / 100 : null;

  // Without one component, the other carries the whole score.
  const weights =
    adherenceShare !== null && improvementShare !== null
      ? SCORE_WEIGHTS
      : { adherence: adherenceShare !== null ? 100 : 0, improvement: improvementShare !== null ? 100 : 0 };
  const adherence = adherenceShare === null ? null : { due, done, points: Math.round(adherenceShare * weights.adherence), maxPoints: weights.adherence };
  const improvement = improvementShare === null ? null : { measures, points: Math.round(improvementShare * weights.improvement), maxPoints: weights.improvement };
  const score = adherence || improvement ? (adherence?.points ?? 0) + (improvement?.points ?? 0) : null;

  const tipsZh: string[] = [];
  if (adherence === null) tipsZh.push('当月还没有到期的计划任务。按「我的一周计划」完成测量和运动，就能开始积累行为分。');
  else if (done < due) tipsZh.push(`按时完成计划任务：当月完成了 ${done}/${due} 项。做完后在「我的提醒」里点「完成」，或直接上传对应的测量数据，都算完成。`);
  if (improvement === null) tipsZh.push(`每月至少测量并上传 ${MIN_READINGS} 次血压或空腹血糖，行为分才能体现您的改善。`);
  for (const m of measures) if (m.trend === 'flat' || m.trend === 'away') tipsZh.push(TIP_MEASURE[m.measure]);
  if (score !== null && score >= 90) tipsZh.push('做得很好，继续保持！');
  return { score, components: { adherence, improvement }, tipsZh };
}

/**
 * The premium recommendation the policy system receives with a score: a yearly percentage within
 * ±rangePct (negative = lower premium), scaled from the score around 50 (score 100 → −range,
 * score 0 → +range), and kept so that the insurer's cumulative adjustment (`appliedPct`, what it has
 * applied so far) stays within ±capPct. A recommendation only: the insurer decides.
 */
export function recommendedPremiumAdjustment(score: number, opts: { rangePct: number; capPct: number; appliedPct?: number }): number {
  const raw = ((50 - score) / 50) * opts.rangePct;
  const applied = opts.appliedPct ?? 0;
  const lo = Math.max(-opts.rangePct, -opts.capPct - applied);
  const hi = Math.min(opts.rangePct, opts.capPct - applied);
  return Math.round(Math.min(hi, Math.max(lo, raw)) * 10) / 10 + 0;
}

/** "YYYY-MM" of the Shanghai month before the one `nowMs` falls in. */
export function previousShanghaiMonth(nowMs: number): string {
  const { year, month } = localParts(nowMs);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/**
 * A month is scored from this Shanghai day of the next month on: its last daily tasks (measuring,
 * medication, exercise) can be completed for 48 h after they fall due (shared/domain/health/plan-tasks.ts,
 * completionWindowMs), so a task due at 23:59 on the last day is settled by 00:00 on the 3rd. The
 * longer windows of a follow-up visit (14 days) and the check-up (90 days) are not waited for: the
 * score would come weeks to a quarter late for tasks that fall due a few times a year, and an
 * occurrence of theirs still open when the month is scored counts neither as due nor as done
 * (adherence counts only occurrences whose window has closed), so it does not lower the score.
 */
export const SCORE_FROM_DAY = 3;

/** Whether the month before `nowMs`'s Shanghai month may be scored now (see SCORE_FROM_DAY). */
export const lastMonthScorable = (nowMs: number): boolean => localParts(nowMs).day >= SCORE_FROM_DAY;

/** [start, end) of a Shanghai month "YYYY-MM" in UTC epoch ms. */
export function shanghaiMonthRange(month: string): { startMs: number; endMs: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const startMs = shanghaiInstant(y, m, 1);
  return { startMs, endMs: startMs + daysInMonth(y, m) * DAY_MS };
}

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
