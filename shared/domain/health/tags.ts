import type { FourRRole, Scene } from '../team/roles';
import type { CoverageType } from '../gap/types';
import type { HealthForm } from './form';
import { assessRisk, bmiOf, bpCategory, hasCentralObesity, type RiskAssessment } from './risk';
import { TAG_CATALOGUE, TAG_DIMENSIONS, TAG_GROUP_NAMES_ZH, type Tag, type TagCode, type TagDimension } from './tag-catalogue';

/** What members did recently; every field optional, absent means "no signal". */
export interface BehaviourSignals {
  /** Consultations in the recent window, by the 4R role they were routed to (docs/prd.md §2.6.2). */
  consultationsByRole?: Partial<Record<FourRRole, number>>;
  checkUpReportUploaded?: boolean;
  activitySignUps?: number;
  benefitRedemptions?: number;
  /** Share of plan tasks completed, 0–1. */
  taskCompletionRate?: number;
  /** Set by intake follow-up (see intake-follow-up.ts). */
  lowCooperation?: boolean;
}

export interface TagInput {
  form?: HealthForm;
  /** Computed from `form` when absent. */
  risk?: RiskAssessment;
  scene?: Scene;
  socialInsurance?: boolean;
  gap?: { dimensions: Record<CoverageType, { gap: number }> };
  behaviour?: BehaviourSignals;
}

const CHRONIC_CONDITIONS = ['hypertension', 'diabetes', 'hyperlipidemia', 'heart_disease', 'stroke', 'copd', 'chronic_kidney_disease'] as const;
/** docs/seeds/field-report.md §一: over half of members start a conversation only once, so two or more marks a real preference. */
const DOCTOR_PREFERENCE_MIN_CONSULTS = 2;
/** docs/prd.md §8.1: plan completion target ≥ 60 %. */
const ENGAGED_COMPLETION_RATE = 0.6;

const SCENE_TAGS: Record<Scene, TagCode<'insurance_need'>> = {
  policy_delivery: 'new_policy',
  claims_service: 'claims_support',
  reactivation: 'reactivation',
};

const filled = (text: string | undefined) => text !== undefined && text.trim() !== '';

function healthStatus(form: HealthForm): TagCode<'health_status'>[] {
  const codes: TagCode<'health_status'>[] = [...form.conditions];
  if (form.systolic !== undefined && form.diastolic !== undefined) {
    const category = bpCategory(form.systolic, form.diastolic);
    if (category === 3) codes.push('high_bp');
    else if (category > 0) codes.push('elevated_bp');
  }
  if (form.fastingGlucose !== undefined) {
    if (form.fastingGlucose >= 7.0) codes.push('high_glucose');
    else if (form.fastingGlucose >= 5.6) codes.push('elevated_glucose');
  }
  const bmi = bmiOf(form);
  if (bmi >= 28) codes.push('obesity');
  else if (bmi >= 24) codes.push('overweight');
  if (hasCentralObesity(form)) codes.push('central_obesity');
  if (form.smoking === 'current') codes.push('smoker');
  if (form.drinking === 'frequent') codes.push('frequent_drinking');
  if (form.exerciseDaysPerWeek < 3) codes.push('sedentary');
  if (form.familyHistory.length > 0) codes.push('family_history');
  if (filled(form.allergies)) codes.push('allergy');
  if (filled(form.medications)) codes.push('on_medication');
  return codes.length > 0 ? codes : ['no_findings'];
}

function servicePreference(input: TagInput): TagCode<'service_preference'>[] {
  const codes: TagCode<'service_preference'>[] = [];
  const b = input.behaviour ?? {};
  const byRole = b.consultationsByRole ?? {};
  if (input.form?.conditions.some((c) => (CHRONIC_CONDITIONS as readonly string[]).includes(c))) codes.push('chronic_care');
  // docs/prd.md §2.1.1: members who come from a claim are offered recovery guidance.
  if (input.scene === 'claims_service') codes.push('rehab_guidance');
  if ((byRole.family_doctor ?? 0) >= DOCTOR_PREFERENCE_MIN_CONSULTS) codes.push('doctor_consult');
  if (b.checkUpReportUploaded) codes.push('check_up');
  if ((byRole.rights_consultant ?? 0) > 0 || (b.benefitRedemptions ?? 0) > 0) codes.push('benefits');
  if ((b.activitySignUps ?? 0) > 0) codes.push('activities');
  if ((b.taskCompletionRate ?? 0) >= ENGAGED_COMPLETION_RATE) codes.push('engaged');
  if (b.lowCooperation) codes.push('low_cooperation');
  return codes;
}

function insuranceNeed(input: TagInput, risk: RiskAssessment | undefined): TagCode<'insurance_need'>[] {
  const codes: TagCode<'insurance_need'>[] = [];
  const dims = input.gap?.dimensions;
  if (dims) {
    if (dims.critical_illness.gap > 0) codes.push('critical_illness_gap');
    if (dims.medical.gap > 0) codes.push('medical_gap');
    if (dims.accident.gap > 0) codes.push('accident_gap');
    if (dims.life.gap > 0) codes.push('life_gap');
  }
  if (input.socialInsurance === false) codes.push('no_social_insurance');
  if (input.scene) codes.push(SCENE_TAGS[input.scene]);
  if ((input.behaviour?.consultationsByRole?.insurance_consultant ?? 0) > 0) codes.push('insurance_inquiry');
  if (risk?.tier === 'high') codes.push('underwriting_attention');
  return codes;
}

/** Tags on the four docs/prd.md §2.3.3 dimensions, in catalogue order, without duplicates. */
export function deriveTags(input: TagInput): Tag[] {
  const risk = input.risk ?? (input.form ? assessRisk(input.form) : undefined);
  const chosen: Record<TagDimension, readonly string[]> = {
    health_status: input.form ? healthStatus(input.form) : [],
    risk_level: risk ? [risk.tier] : [],
    service_preference: servicePreference(input),
    insurance_need: insuranceNeed(input, risk),
  };
  return TAG_DIMENSIONS.flatMap((dimension) =>
    Object.entries(TAG_CATALOGUE[dimension] as Record<string, string>)
      .filter(([code]) => chosen[dimension].includes(code))
      .map(([code, labelZh]) => ({ dimension, code, labelZh })),
  );
}

/** WeCom corp tags live in groups: the dimension is the group, the Chinese label the tag. */
export const wecomTagName = (tag: Tag) => ({ groupName: TAG_GROUP_NAMES_ZH[tag.dimension], tagName: tag.labelZh });

/**
 * WeCom customer tags are visible to every employee who has the customer and to the admin console,
 * while the consent limits health details to the family doctor and health butler: conditions and
 * the underwriting hint derived from them stay in our store, never on the WeCom contact.
 */
export const mirrorsToWecom = (tag: Tag): boolean => tag.dimension !== 'health_status' && tag.code !== 'underwriting_attention';
