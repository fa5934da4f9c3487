import * as z from 'zod';
import type { FieldIssue } from '../../errors';
import { fieldMessageZh } from './form-fields';
import { formShape } from './form-shape';

/**
 * The lightweight health intake form (docs/prd.md §2.1.1, §2.2.1, §4.1 step 5). One schema serves the HTTP
 * route, callFunction and the CLI, so every door rejects the same inputs with the same field names.
 */
export { CONDITIONS, DRINKING, FAMILY_HISTORY_ITEMS, formShape, SEXES, SMOKING } from './form-shape';
export type { Condition, FamilyHistoryItem } from './form-shape';

type BpCarrier = { systolic?: unknown; diastolic?: unknown };

/** Blood pressure is one reading: both numbers or neither. Runs even when other fields failed. */
const bloodPressurePair = (value: unknown, ctx: z.RefinementCtx) => {
  if (typeof value !== 'object' || value === null) return;
  const { systolic, diastolic } = value as BpCarrier;
  if (systolic !== undefined && diastolic === undefined) {
    ctx.addIssue({ code: 'custom', path: ['diastolic'], message: 'diastolic is required when systolic is given' });
  } else if (diastolic !== undefined && systolic === undefined) {
    ctx.addIssue({ code: 'custom', path: ['systolic'], message: 'systolic is required when diastolic is given' });
  } else if (typeof systolic === 'number' && typeof diastolic === 'number' && systolic <= diastolic) {
    ctx.addIssue({ code: 'custom', path: ['systolic'], message: 'systolic must be higher than diastolic' });
  }
};
const always = { when: () => true };

export const HealthFormSchema = z.strictObject(formShape).superRefine(bloodPressurePair, always);
export type HealthForm = z.infer<typeof HealthFormSchema>;

export const ConsentSchema = z.strictObject({
  healthDataProcessing: z.literal(true),
  /** Version of the consent text the member saw, so a later text change is traceable. */
  textVersion: z.string().min(1).max(64),
  acceptedAtMs: z.int().nonnegative().optional(),
});
export type Consent = z.infer<typeof ConsentSchema>;

export const HealthFormSubmissionSchema = z
  .strictObject({ ...formShape, consent: ConsentSchema })
  .superRefine(bloodPressurePair, always);
export type HealthFormSubmission = z.infer<typeof HealthFormSubmissionSchema>;

/** Issues as field/message pairs; an unknown key is reported under its own name. */
export function formIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: base ? `${base}.${key}` : key, message: 'unknown field' }));
    }
    return [{ field: base || '(root)', message: issue.message }];
  });
}

/** The health form's issues, each with `messageZh`: the member's words, naming the field and its allowed range (form-fields.ts). */
export const healthFormIssues = (error: z.ZodError): FieldIssue[] => formIssues(error).map((f) => ({ ...f, messageZh: fieldMessageZh(f.field, f.message) }));

export type SubmissionCheck =
  | { ok: true; value: HealthFormSubmission }
  /** `consent_required`: consent missing or not affirmative (answer 422); `invalid_form`: anything else (400). */
  | { ok: false; code: 'consent_required' | 'invalid_form'; fields: FieldIssue[] };

/** Consent absent, not an object, or not affirmative. A malformed textVersion is an ordinary form error. */
export const isMissingConsent = (issue: FieldIssue) =>
  issue.field === 'consent' || issue.field === 'consent.healthDataProcessing';

/**
 * Consent problems win over form problems: without consent we must not process the health data
 * at all (PIPL), so the member is asked for consent first.
 */
export function checkSubmission(data: unknown): SubmissionCheck {
  const result = HealthFormSubmissionSchema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const fields = healthFormIssues(result.error);
  return { ok: false, code: fields.some(isMissingConsent) ? 'consent_required' : 'invalid_form', fields };
}
