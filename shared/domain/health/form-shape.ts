import * as z from 'zod';

/**
 * The health form's answers and their bounds (form.ts builds the schemas from them; form-fields.ts
 * reads labels, units and ranges from them for the member pages). Kept apart so both can import it.
 */
export const FAMILY_HISTORY_ITEMS = ['hypertension', 'diabetes', 'heart_disease', 'stroke', 'cancer'] as const;
export type FamilyHistoryItem = (typeof FAMILY_HISTORY_ITEMS)[number];

export const CONDITIONS = [
  'hypertension',
  'diabetes',
  'hyperlipidemia',
  'heart_disease',
  'stroke',
  'copd',
  'chronic_kidney_disease',
  'cancer',
  'fatty_liver',
  'thyroid_nodule',
] as const;
export type Condition = (typeof CONDITIONS)[number];

export const SEXES = ['male', 'female'] as const;
export const SMOKING = ['never', 'former', 'current'] as const;
export const DRINKING = ['never', 'occasional', 'frequent'] as const;

const noDuplicates = <T>(items: T[]) => new Set(items).size === items.length;

const subsetOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.array(z.enum(values)).refine(noDuplicates, { message: 'duplicate entries' });

/** The form's fields and their bounds: read by form-fields.ts for labels, ranges and Chinese messages. */
export const formShape = {
  age: z.int().min(18).max(100),
  sex: z.enum(SEXES),
  heightCm: z.number().min(100).max(230),
  weightKg: z.number().min(25).max(300),
  waistCm: z.number().min(40).max(200).optional(),
  systolic: z.int().min(60).max(260).optional(),
  diastolic: z.int().min(30).max(160).optional(),
  /** mmol/L */
  fastingGlucose: z.number().min(1).max(35).optional(),
  smoking: z.enum(SMOKING),
  drinking: z.enum(DRINKING),
  exerciseDaysPerWeek: z.int().min(0).max(7),
  familyHistory: subsetOf(FAMILY_HISTORY_ITEMS),
  conditions: subsetOf(CONDITIONS),
  allergies: z.string().max(500).optional(),
  medications: z.string().max(500).optional(),
};

