import type { RiskTier } from '../team/roles';
import type { Condition, HealthForm } from './form';

/**
 * Risk tiering for chronic-disease prevention. The score items follow the seed on tiered health
 * insurance (docs/seeds/insurance-product-design.md “目标人群精准定位与画像”: age, BMI, blood pressure, glucose, exercise, smoking,
 * family history), with thresholds from its 慢病前期 band (130–139/85–89 mmHg, glucose 6.1–6.9,
 * BMI ≥ 28) and its 高危 markers (age ≥ 45, family history, smoking, drinking, sitting still).
 *
 * Factor codes (stable; other modules and reports key on them):
 *   age, bmi, waist, blood_pressure, fasting_glucose, smoking, drinking, exercise, family_history —
 *     score items, listed only when they add points;
 *   condition:<condition> — a diagnosed condition that forces tier high (points 0);
 *   score — the total score itself triggering a tier (points 0).
 * `trigger` marks a factor that on its own lifts the tier to at least that level.
 */
export interface RiskFactor {
  code: string;
  points: number;
  detail?: string;
  trigger?: Exclude<RiskTier, 'low'>;
}

export interface RiskAssessment {
  tier: RiskTier;
  score: number;
  factors: RiskFactor[];
}

/** Conditions that make a member high-risk outright; hyperlipidemia, fatty liver, thyroid nodule do not. */
export const HIGH_RISK_CONDITIONS: readonly Condition[] = [
  'hypertension',
  'diabetes',
  'heart_disease',
  'stroke',
  'copd',
  'chronic_kidney_disease',
  'cancer',
];

/** Family-history items that count toward the score (cancer does not). */
const SCORED_FAMILY_HISTORY = ['hypertension', 'diabetes', 'heart_disease', 'stroke'] as const;

export type RiskInput = Pick<
  HealthForm,
  | 'age'
  | 'sex'
  | 'heightCm'
  | 'weightKg'
  | 'waistCm'
  | 'systolic'
  | 'diastolic'
  | 'fastingGlucose'
  | 'smoking'
  | 'drinking'
  | 'exerciseDaysPerWeek'
  | 'familyHistory'
  | 'conditions'
>;

export const bmiOf = (form: Pick<HealthForm, 'heightCm' | 'weightKg'>) => form.weightKg / (form.heightCm / 100) ** 2;

/** 0 normal, 1 elevated (120–129/80–84), 2 high-normal (130–139/85–89), 3 hypertensive (≥140/≥90). */
export type BpCategory = 0 | 1 | 2 | 3;

/**
 * Where each BP category starts (index = category): the numbers bpCategory grades with, exported so
 * a trend chart draws exactly the bands the tiering uses.
 */
export const BP_BANDS = [
  { category: 0, code: 'normal', systolicFrom: 0, diastolicFrom: 0 },
  { category: 1, code: 'elevated', systolicFrom: 120, diastolicFrom: 80 },
  { category: 2, code: 'high_normal', systolicFrom: 130, diastolicFrom: 85 },
  { category: 3, code: 'hypertensive', systolicFrom: 140, diastolicFrom: 90 },
] as const satisfies readonly { category: BpCategory; code: string; systolicFrom: number; diastolicFrom: number }[];

/** The highest band whose start the value reaches. */
const bandOf = (value: number, from: (b: (typeof BP_BANDS)[number]) => number): BpCategory =>
  BP_BANDS.reduce<BpCategory>((found, b) => (value >= from(b) ? b.category : found), 0);

export function bpCategory(systolic: number, diastolic: number): BpCategory {
  const s = bandOf(systolic, (b) => b.systolicFrom);
  const d = bandOf(diastolic, (b) => b.diastolicFrom);
  return s > d ? s : d;
}

/**
 * Fasting glucose bands (mmol/L) the score uses: 5.6 adds a point, 6.1 (docs/seeds/insurance-product-design.md 慢病前期 band) lifts the
 * tier to medium, 7.0 (diabetes range) to high. Exported for the same reason as BP_BANDS.
 */
export const FASTING_GLUCOSE_BANDS = [
  { code: 'normal', from: 0 },
  { code: 'elevated', from: 5.6 },
  { code: 'impaired', from: 6.1 },
  { code: 'diabetic', from: 7.0 },
] as const;

const glucoseFrom = (code: (typeof FASTING_GLUCOSE_BANDS)[number]['code']): number => FASTING_GLUCOSE_BANDS.find((b) => b.code === code)?.from ?? Infinity;

const BP_DETAIL = ['<120/<80', '120–129/80–84', '130–139/85–89', '≥140/≥90'] as const;

export function hasCentralObesity(form: Pick<HealthForm, 'sex' | 'waistCm'>): boolean {
  if (form.waistCm === undefined) return false;
  return form.sex === 'male' ? form.waistCm >= 90 : form.waistCm >= 85;
}

function ageFactor(age: number): RiskFactor | undefined {
  if (age >= 60) return { code: 'age', points: 2, detail: '≥60' };
  if (age >= 45) return { code: 'age', points: 1, detail: '45–59' };
  return undefined;
}

function bmiFactor(bmi: number): RiskFactor | undefined {
  if (bmi >= 28) return { code: 'bmi', points: 2, detail: '≥28', trigger: 'medium' };
  if (bmi >= 24) return { code: 'bmi', points: 1, detail: '24–28' };
  return undefined;
}

function bpFactor(form: RiskInput): RiskFactor | undefined {
  if (form.systolic === undefined || form.diastolic === undefined) return undefined;
  const category = bpCategory(form.systolic, form.diastolic);
  if (category === 0) return undefined;
  const trigger = category === 3 ? 'high' : category === 2 ? 'medium' : undefined;
  return { code: 'blood_pressure', points: category, detail: BP_DETAIL[category], ...(trigger && { trigger }) };
}

function glucoseFactor(glucose: number | undefined): RiskFactor | undefined {
  if (glucose === undefined) return undefined;
  if (glucose >= glucoseFrom('diabetic')) return { code: 'fasting_glucose', points: 3, detail: '≥7.0', trigger: 'high' };
  if (glucose >= glucoseFrom('impaired')) return { code: 'fasting_glucose', points: 2, detail: '6.1–7.0', trigger: 'medium' };
  if (glucose >= glucoseFrom('elevated')) return { code: 'fasting_glucose', points: 1, detail: '5.6–6.1' };
  return undefined;
}

function lifestyleFactors(form: RiskInput): RiskFactor[] {
  const out: RiskFactor[] = [];
  if (form.smoking === 'current') out.push({ code: 'smoking', points: 2, detail: 'current' });
  if (form.smoking === 'former') out.push({ code: 'smoking', points: 1, detail: 'former' });
  if (form.drinking === 'frequent') out.push({ code: 'drinking', points: 1, detail: 'frequent' });
  if (form.exerciseDaysPerWeek < 3) out.push({ code: 'exercise', points: 1, detail: '<3 days/week' });
  return out;
}

function familyFactor(history: readonly string[]): RiskFactor | undefined {
  const count = SCORED_FAMILY_HISTORY.filter((item) => history.includes(item)).length;
  if (count === 0) return undefined;
  return { code: 'family_history', points: count >= 2 ? 2 : 1, detail: `${count} of hypertension/diabetes/heart_disease/stroke` };
}

const present = <T>(value: T | undefined): value is T => value !== undefined;

export function assessRisk(form: RiskInput): RiskAssessment {
  const scored = [
    ageFactor(form.age),
    bmiFactor(bmiOf(form)),
    hasCentralObesity(form) ? { code: 'waist', points: 1, detail: form.sex === 'male' ? '≥90 cm' : '≥85 cm' } : undefined,
    bpFactor(form),
    glucoseFactor(form.fastingGlucose),
    ...lifestyleFactors(form),
    familyFactor(form.familyHistory),
  ].filter(present);
  const score = scored.reduce((sum, f) => sum + f.points, 0);

  const conditionFactors: RiskFactor[] = HIGH_RISK_CONDITIONS.filter((c) => form.conditions.includes(c)).map((c) => ({
    code: `condition:${c}`,
    points: 0,
    trigger: 'high',
  }));
  const scoreFactor: RiskFactor | undefined =
    score >= 7
      ? { code: 'score', points: 0, detail: '≥7', trigger: 'high' }
      : score >= 3
        ? { code: 'score', points: 0, detail: '≥3', trigger: 'medium' }
        : undefined;

  const factors = [...scored, ...conditionFactors, ...(scoreFactor ? [scoreFactor] : [])];
  const tier: RiskTier = factors.some((f) => f.trigger === 'high')
    ? 'high'
    : factors.some((f) => f.trigger === 'medium')
      ? 'medium'
      : 'low';
  return { tier, score, factors };
}
