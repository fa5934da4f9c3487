import type { ScheduleEntry } from '../schedule/recurrence';
import { twiceDailyBp } from './plan-monitoring';
import { evidenceOf } from './plan-tasks';

/**
 * Plans that respond to data (docs/prd.md §4.4 step 5 “AI 分析数据并调整计划”): rules, as data, that
 * adjust the profile-built plan (plan.ts) from the member's readings and plan adherence. Each rule
 * starts an adjustment when its evidence is there and ends it when the evidence says the member is
 * back where the profile's cadence fits; a doctor may hold a rule off (an override). Pure: the same
 * input gives the same adjustments, reasons and entries.
 *
 * The seeds give no numbers for this; the thresholds below follow Chinese clinical guidance for home
 * monitoring and are marked where they come from.
 */

export { DAY_MS } from '../reminders/shanghai-time';
import { DAY_MS } from '../reminders/shanghai-time';

export type AdjustmentCode = 'bp_high' | 'glucose_high' | 'low_adherence';
export const ADJUSTMENT_CODES: readonly AdjustmentCode[] = ['bp_high', 'glucose_high', 'low_adherence'];
export const isAdjustmentCode = (x: unknown): x is AdjustmentCode => typeof x === 'string' && (ADJUSTMENT_CODES as readonly string[]).includes(x);

export interface BpReading { atMs: number; systolic: number; diastolic: number }
export interface GlucoseReading { atMs: number; mmolL: number }

/** The member's readings of the last RECOVER_DAYS (older ones are ignored). */
export interface ReadingsSummary {
  bloodPressure: readonly BpReading[];
  fastingGlucose: readonly GlucoseReading[];
}

/** Plan tasks over the adherence window, from plan_task_due / plan_task_done outcome events. */
export interface Adherence { due: number; done: number }

export interface ActiveAdjustment {
  code: AdjustmentCode;
  sinceMs: number;
  /** Why it started, in Chinese, for the member and the doctor. */
  reasonZh: string;
}

/** A doctor's override: the rule does not start again before `untilMs`. */
export interface Hold { code: AdjustmentCode; untilMs: number }

export interface AdjustmentInput {
  readings: ReadingsSummary;
  adherence: Adherence;
  current: readonly ActiveAdjustment[];
  holds: readonly Hold[];
  nowMs: number;
}

export interface AdjustmentChange {
  code: AdjustmentCode;
  change: 'start' | 'end';
  reasonZh: string;
}

export interface AdjustmentOutcome {
  active: ActiveAdjustment[];
  /** Empty: the plan stays as it is (no new version). */
  changes: AdjustmentChange[];
}

/** What an adjustment does to the plan, in words the member reads. */
export interface AdjustmentRule {
  code: AdjustmentCode;
  titleZh: string;
  effectZh: string;
  /** The evidence to start; a reason text when it is there, else null. */
  starts(input: AdjustmentInput): string | null;
  /** The evidence to end an active adjustment; a reason text when it is there, else null. */
  ends(input: AdjustmentInput, active: ActiveAdjustment): string | null;
  /** The plan's recurring entries with this adjustment applied. */
  apply(entries: readonly ScheduleEntry[], active: ActiveAdjustment): ScheduleEntry[];
  /** One-off work the start hands to the team (scheduled once per adjustment, not per plan version). */
  actions(active: ActiveAdjustment): ScheduleEntry[];
}

/**
 * Home BP “above target”: ≥ 135 systolic or ≥ 85 diastolic. 中国高血压防治指南(2018年修订版): a home
 * average of 135/85 mmHg corresponds to the clinic's 140/90 threshold.
 */
export const BP_TARGET = { systolicBelow: 135, diastolicBelow: 85 } as const;
/** Fasting glucose “above target”: ≥ 7.0 mmol/L. 中国2型糖尿病防治指南(2020年版): fasting target 4.4–7.0. */
export const GLUCOSE_TARGET = { mmolLBelow: 7.0 } as const;

/**
 * Start: at least MIN_READINGS readings over the last WINDOW_DAYS and at least HIGH_SHARE of them above
 * target (“most readings for two weeks”, issue text) — a single high reading is the red-flag path's
 * business (red-flags.ts), not a plan change. End: the adjustment has run RECOVER_DAYS (two months)
 * and over those days there were at least RECOVER_MIN_READINGS readings with fewer than
 * RECOVER_HIGH_SHARE above target. The gap between the two shares keeps a member at the edge from
 * flipping plans every day.
 */
export const READING_RULE = {
  windowDays: 14,
  minReadings: 4,
  highShare: 0.5,
  recoverDays: 60,
  recoverMinReadings: 8,
  recoverHighShare: 0.25,
} as const;

/**
 * Start: at least MIN_DUE tasks fell due over the last 14 days and fewer than half were done. End:
 * at least 70 % done over the last 14 days (the programme's own target for 健康计划完成率 is 60 %,
 * docs/prd.md §8.1; the end line sits above it so a recovering member is not dropped at once).
 */
export const ADHERENCE_RULE = { windowDays: 14, minDue: 4, startBelow: 0.5, endAtLeast: 0.7 } as const;

const within = <T extends { atMs: number }>(xs: readonly T[], nowMs: number, days: number): T[] => xs.filter((x) => x.atMs > nowMs - days * DAY_MS && x.atMs <= nowMs);
const pct = (share: number) => `${Math.round(share * 100)}%`;

export const bpAbove = (r: BpReading): boolean => r.systolic >= BP_TARGET.systolicBelow || r.diastolic >= BP_TARGET.diastolicBelow;
export const glucoseAbove = (r: GlucoseReading): boolean => r.mmolL >= GLUCOSE_TARGET.mmolLBelow;

/** The profile plan's BP and glucose monitoring entries: what they measure is read as plan tasks read it (plan-tasks.ts). */
const measuresBp = (e: ScheduleEntry) => evidenceOf(e) === 'blood_pressure';
const measuresGlucose = (e: ScheduleEntry) => evidenceOf(e) === 'glucose';

/** Replaces the entries `matches` finds by `instead`, where the first of them stood (or at the front). */
function replaceEntries(entries: readonly ScheduleEntry[], matches: (e: ScheduleEntry) => boolean, instead: ScheduleEntry[]): ScheduleEntry[] {
  const at = entries.findIndex(matches);
  const kept = entries.filter((e) => !matches(e));
  const index = at < 0 ? 0 : entries.slice(0, at).filter((e) => !matches(e)).length;
  return [...kept.slice(0, index), ...instead, ...kept.slice(index)];
}

function readingRule<R extends { atMs: number }>(spec: {
  code: 'bp_high' | 'glucose_high';
  titleZh: string;
  effectZh: string;
  nameZh: string;
  readingsOf: (s: ReadingsSummary) => readonly R[];
  above: (r: R) => boolean;
  targetZh: string;
  apply: (entries: readonly ScheduleEntry[]) => ScheduleEntry[];
  doctorTaskZh: string;
}): AdjustmentRule {
  const R = READING_RULE;
  return {
    code: spec.code,
    titleZh: spec.titleZh,
    effectZh: spec.effectZh,
    starts(input) {
      const recent = within(spec.readingsOf(input.readings), input.nowMs, R.windowDays);
      if (recent.length < R.minReadings) return null;
      const high = recent.filter(spec.above).length;
      if (high / recent.length < R.highShare) return null;
      return `近${R.windowDays}天${recent.length}次${spec.nameZh}中有${high}次（${pct(high / recent.length)}）高于目标（${spec.targetZh}）`;
    },
    ends(input, active) {
      if (input.nowMs - active.sinceMs < R.recoverDays * DAY_MS) return null;
      const recent = within(spec.readingsOf(input.readings), input.nowMs, R.recoverDays);
      if (recent.length < R.recoverMinReadings) return null;
      const high = recent.filter(spec.above).length;
      if (high / recent.length >= R.recoverHighShare) return null;
      return `近两个月${recent.length}次${spec.nameZh}基本达标（${high}次高于目标），恢复原来的监测频率`;
    },
    apply: (entries) => spec.apply(entries),
    actions: (active) => [
      { kind: 'staff_follow_up', title: spec.doctorTaskZh, recurrence: { type: 'once' }, startAtMs: active.sinceMs, audience: 'family_doctor' },
    ],
  };
}

const dailyGlucose = (): ScheduleEntry => ({ kind: 'monitoring', title: '请每天早晨测量空腹血糖并上传', recurrence: { type: 'daily', time: '07:00' }, audience: 'member' });

/** In evaluation order; the plan's entries are changed in this order too. */
export const ADJUSTMENT_RULES: readonly AdjustmentRule[] = [
  readingRule<BpReading>({
    code: 'bp_high',
    titleZh: '血压持续偏高',
    effectZh: '血压监测改为每天早晚各一次；家庭医生将在7天内随访',
    nameZh: '血压',
    readingsOf: (s) => s.bloodPressure,
    above: bpAbove,
    targetZh: `低于${BP_TARGET.systolicBelow}/${BP_TARGET.diastolicBelow} mmHg`,
    // Clinical practice (中国高血压防治指南): while BP is uncontrolled, measure morning and evening daily.
    apply: (entries) => replaceEntries(entries, measuresBp, twiceDailyBp()),
    doctorTaskZh: '计划调整：会员近两周血压多次高于目标，请在7天内完成随访（复核测量方法、用药和生活方式）',
  }),
  readingRule<GlucoseReading>({
    code: 'glucose_high',
    titleZh: '空腹血糖持续偏高',
    effectZh: '空腹血糖监测改为每天一次；家庭医生将在7天内随访',
    nameZh: '空腹血糖',
    readingsOf: (s) => s.fastingGlucose,
    above: glucoseAbove,
    targetZh: `低于${GLUCOSE_TARGET.mmolLBelow.toFixed(1)} mmol/L`,
    apply: (entries) => replaceEntries(entries, measuresGlucose, [dailyGlucose()]),
    doctorTaskZh: '计划调整：会员近两周空腹血糖多次高于目标，请在7天内完成随访（复核饮食、用药和监测方法）',
  }),
  {
    code: 'low_adherence',
    titleZh: '计划完成较少',
    effectZh: '健康管家将按随访节奏联系您，一起找到更容易坚持的方式',
    starts({ adherence: a }) {
      if (a.due < ADHERENCE_RULE.minDue || a.done / a.due >= ADHERENCE_RULE.startBelow) return null;
      return `近${ADHERENCE_RULE.windowDays}天${a.due}项计划任务完成了${a.done}项（${pct(a.done / a.due)}）`;
    },
    ends({ adherence: a }) {
      if (a.due < ADHERENCE_RULE.minDue || a.done / a.due < ADHERENCE_RULE.endAtLeast) return null;
      return `近${ADHERENCE_RULE.windowDays}天完成了${a.done}/${a.due}项计划任务（${pct(a.done / a.due)}），恢复原来的随访安排`;
    },
    apply: (entries) => [...entries],
    // The field report's cadence (docs/seeds/field-report.md; shared/domain/reminders/follow-up-cadence.ts): every 14 days while the member
    // answers, weekly then decaying when they do not, stopping with a low-cooperation flag after three weeks of silence.
    actions: (active) => [
      { kind: 'staff_follow_up', title: '健康管家回访：最近计划完成得不太顺利吗？回复我们，一起调整成更容易坚持的安排', recurrence: { type: 'once' }, startAtMs: active.sinceMs, audience: 'member', cadence: 'follow_up' },
    ],
  },
];

export const ruleOf = (code: AdjustmentCode): AdjustmentRule => ADJUSTMENT_RULES.find((r) => r.code === code) as AdjustmentRule;

/**
 * Which adjustments hold now: active ones end when their end evidence is there; inactive ones start
 * when their start evidence is there and no doctor's hold covers them.
 */
export function evaluateAdjustments(input: AdjustmentInput): AdjustmentOutcome {
  const active: ActiveAdjustment[] = [];
  const changes: AdjustmentChange[] = [];
  for (const rule of ADJUSTMENT_RULES) {
    const current = input.current.find((a) => a.code === rule.code);
    if (current) {
      const ended = rule.ends(input, current);
      if (ended) changes.push({ code: rule.code, change: 'end', reasonZh: ended });
      else active.push(current);
      continue;
    }
    if (input.holds.some((h) => h.code === rule.code && h.untilMs > input.nowMs)) continue;
    const started = rule.starts(input);
    if (started) {
      active.push({ code: rule.code, sinceMs: input.nowMs, reasonZh: started });
      changes.push({ code: rule.code, change: 'start', reasonZh: started });
    }
  }
  return { active, changes };
}

/** The plan the member follows: the profile's entries with every active adjustment applied. */
export function adjustedEntries(base: readonly ScheduleEntry[], active: readonly ActiveAdjustment[]): ScheduleEntry[] {
  return ADJUSTMENT_RULES.reduce<ScheduleEntry[]>((entries, rule) => {
    const a = active.find((x) => x.code === rule.code);
    return a ? rule.apply(entries, a) : entries;
  }, [...base]);
}

/** The longest a doctor's override holds a rule off; past it the data decides again. */
export const MAX_HOLD_WEEKS = 12;
