import type * as z from 'zod';
import { TAG_CATALOGUE } from './tag-catalogue';
import { CONDITIONS, DRINKING, FAMILY_HISTORY_ITEMS, formShape, SEXES, SMOKING } from './form-shape';

/**
 * What a member reads about each health-form field: label, unit, whether it is required, and the
 * allowed range — the range read from the very zod schema the server validates with (form.ts
 * `formShape`), so the page's hints, the page's messages and the server's 400 cannot drift apart.
 * Pure and free of Node APIs: the member pages bundle it.
 */
export type FormFieldName = keyof typeof formShape;

export interface NumberFieldSpec {
  kind: 'number';
  name: FormFieldName;
  label: string;
  unit: string;
  required: boolean;
  min: number;
  max: number;
  integer: boolean;
  /** Where to find the number, in plain words. */
  hint?: string;
}
export interface ChoiceFieldSpec {
  kind: 'choice';
  name: FormFieldName;
  label: string;
  required: true;
  options: { value: string; label: string }[];
}
export interface MultiFieldSpec {
  kind: 'multi';
  name: FormFieldName;
  label: string;
  options: { value: string; label: string }[];
}
export interface TextFieldSpec {
  kind: 'text';
  name: FormFieldName;
  label: string;
  required: false;
  maxLength: number;
  hint?: string;
}
export type FormFieldSpec = NumberFieldSpec | ChoiceFieldSpec | MultiFieldSpec | TextFieldSpec;

const LABELS: Record<FormFieldName, string> = {
  age: '年龄',
  sex: '性别',
  heightCm: '身高',
  weightKg: '体重',
  waistCm: '腰围',
  systolic: '收缩压（高压）',
  diastolic: '舒张压（低压）',
  fastingGlucose: '空腹血糖',
  smoking: '吸烟',
  drinking: '饮酒',
  exerciseDaysPerWeek: '每周运动天数',
  familyHistory: '家族病史（父母、兄弟姐妹）',
  conditions: '医生确诊过的疾病',
  allergies: '过敏史',
  medications: '长期用药',
};

const UNITS: Partial<Record<FormFieldName, string>> = {
  age: '岁',
  heightCm: '厘米',
  weightKg: '公斤',
  waistCm: '厘米',
  systolic: 'mmHg',
  diastolic: 'mmHg',
  fastingGlucose: 'mmol/L',
  exerciseDaysPerWeek: '天',
};

const HINTS: Partial<Record<FormFieldName, string>> = {
  waistCm: '肚脐一圈的长度',
  systolic: '最近一次量的血压，上面那个数',
  diastolic: '最近一次量的血压，下面那个数',
  fastingGlucose: '早上空腹测的血糖；不知道可以不填',
  exerciseDaysPerWeek: '每次 30 分钟以上、有点出汗的活动，如快走、跳舞、骑车',
  allergies: '如青霉素、海鲜；没有可不填',
  medications: '药名和用法，如 氨氯地平 每日一次；没有可不填',
};

export const SEX_LABELS: Record<(typeof SEXES)[number], string> = { male: '男', female: '女' };
export const SMOKING_LABELS: Record<(typeof SMOKING)[number], string> = { never: '从不吸烟', former: '以前吸，已戒烟', current: '现在吸烟' };
export const DRINKING_LABELS: Record<(typeof DRINKING)[number], string> = { never: '从不喝酒', occasional: '偶尔喝（每周不到 3 次）', frequent: '经常喝（每周 3 次以上）' };
export const FAMILY_HISTORY_LABELS: Record<(typeof FAMILY_HISTORY_ITEMS)[number], string> = { hypertension: '高血压', diabetes: '糖尿病', heart_disease: '心脏病', stroke: '脑卒中（中风）', cancer: '肿瘤' };
export const CONDITION_LABELS = Object.fromEntries(CONDITIONS.map((c) => [c, (TAG_CATALOGUE.health_status as Record<string, string>)[c] ?? c])) as Record<(typeof CONDITIONS)[number], string>;

type Bounds = { min?: number; max?: number; integer: boolean; maxLength?: number };

/** The bounds zod holds for a field (optional wrappers unwrapped). */
function boundsOf(schema: z.ZodType): Bounds {
  let s = schema as unknown as { unwrap?: () => unknown; def: { type: string } };
  while (s.def.type === 'optional' && s.unwrap) s = s.unwrap() as typeof s;
  const n = s as unknown as { minValue?: number | null; maxValue?: number | null; isInt?: boolean; maxLength?: number | null };
  return { ...(n.minValue != null && { min: n.minValue }), ...(n.maxValue != null && { max: n.maxValue }), integer: n.isInt === true, ...(n.maxLength != null && { maxLength: n.maxLength }) };
}

const isOptional = (schema: z.ZodType) => (schema as unknown as { def: { type: string } }).def.type === 'optional';
const opts = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

function numberSpec(name: FormFieldName): NumberFieldSpec {
  const schema = formShape[name] as z.ZodType;
  const b = boundsOf(schema);
  return { kind: 'number', name, label: LABELS[name], unit: UNITS[name] ?? '', required: !isOptional(schema), min: b.min ?? 0, max: b.max ?? 0, integer: b.integer, ...(HINTS[name] && { hint: HINTS[name] }) };
}
const textSpec = (name: 'allergies' | 'medications'): TextFieldSpec => ({ kind: 'text', name, label: LABELS[name], required: false, maxLength: boundsOf(formShape[name]).maxLength ?? 500, ...(HINTS[name] && { hint: HINTS[name] }) });

let specs: FormFieldSpec[] | undefined;

/** Every field, in the order the form asks (built once, on first use). */
export function formFieldSpecs(): FormFieldSpec[] {
  specs ??= [
    numberSpec('age'),
    { kind: 'choice', name: 'sex', label: LABELS.sex, required: true, options: opts(SEX_LABELS) },
    numberSpec('heightCm'),
    numberSpec('weightKg'),
    numberSpec('waistCm'),
    numberSpec('systolic'),
    numberSpec('diastolic'),
    numberSpec('fastingGlucose'),
    { kind: 'choice', name: 'smoking', label: LABELS.smoking, required: true, options: opts(SMOKING_LABELS) },
    { kind: 'choice', name: 'drinking', label: LABELS.drinking, required: true, options: opts(DRINKING_LABELS) },
    numberSpec('exerciseDaysPerWeek'),
    { kind: 'multi', name: 'familyHistory', label: LABELS.familyHistory, options: opts(FAMILY_HISTORY_LABELS) },
    { kind: 'multi', name: 'conditions', label: LABELS.conditions, options: opts(CONDITION_LABELS) },
    textSpec('allergies'),
    textSpec('medications'),
  ];
  return specs;
}

export const fieldSpec = (name: string): FormFieldSpec | undefined => formFieldSpecs().find((s) => s.name === name);

/** "18–100 之间的整数（岁）" / "1–35 之间的数字，可带小数（mmol/L）". */
export function rangeTextZh(spec: NumberFieldSpec): string {
  const kind = spec.integer ? '整数' : '数字，可带小数';
  return `${spec.min}–${spec.max} 之间的${kind}${spec.unit ? `（${spec.unit}）` : ''}`;
}

/**
 * The Chinese message for a problem with `field` (the server's English `message` picks among the
 * few that are not about the range). Used by the server's 400 and by the page's own check.
 */
export function fieldMessageZh(field: string, message = ''): string {
  if (field === 'consent' || field.startsWith('consent.')) return '请阅读上方说明，并勾选同意后再提交';
  const spec = fieldSpec(field);
  if (!spec) return message === 'unknown field' ? `表中没有这一项：${field}` : `${field}：填写有误`;
  if (field === 'systolic' && /higher than diastolic/.test(message)) return '收缩压（高压）应高于舒张压（低压），请核对两个数是否填反';
  if (field === 'diastolic' && /required when systolic/.test(message)) return `填了高压，请同时填写${spec.label}，${rangeTextZh(spec as NumberFieldSpec)}；都不知道可两项都不填`;
  if (field === 'systolic' && /required when diastolic/.test(message)) return `填了低压，请同时填写${spec.label}，${rangeTextZh(spec as NumberFieldSpec)}；都不知道可两项都不填`;
  switch (spec.kind) {
    case 'number':
      return `${spec.label}：请填写 ${rangeTextZh(spec)}${spec.required ? '' : '；不知道可以不填'}`;
    case 'choice':
      return `${spec.label}：请选择一项`;
    case 'multi':
      return /duplicate/.test(message) ? `${spec.label}：有重复的选项` : `${spec.label}：请勾选符合的项，都没有请选「以上都没有」`;
    case 'text':
      return `${spec.label}：最多 ${spec.maxLength} 个字`;
  }
}
