import { describe, expect, it } from 'vitest';
import { checkSubmission, formIssues, HealthFormSchema, HealthFormSubmissionSchema } from '../../../shared/domain/health/form';
import { baseForm } from './form-fixture';

const consent = { healthDataProcessing: true, textVersion: 'v1' };
const fieldsOf = (data: unknown) => {
  const r = HealthFormSchema.safeParse(data);
  return r.success ? [] : formIssues(r.error);
};

describe('HealthFormSchema', () => {
  it('accepts a complete form with every optional field', () => {
    const form = baseForm({ waistCm: 88, systolic: 128, diastolic: 82, fastingGlucose: 5.4, allergies: '青霉素', medications: '无', familyHistory: ['cancer'], conditions: ['thyroid_nodule'] });
    expect(HealthFormSchema.parse(form)).toEqual(form);
  });

  it('rejects unknown fields by name', () => {
    expect(fieldsOf({ ...baseForm(), phone: '13800000000' })).toEqual([{ field: 'phone', message: 'unknown field' }]);
  });

  it.each([
    [17, false],
    [18, true],
    [100, true],
    [101, false],
    [30.5, false],
  ])('age %f accepted: %s', (age, ok) => {
    expect(HealthFormSchema.safeParse(baseForm({ age })).success).toBe(ok);
  });

  it('bounds height and weight to sane ranges', () => {
    expect(fieldsOf(baseForm({ heightCm: 99 })).map((f) => f.field)).toEqual(['heightCm']);
    expect(fieldsOf(baseForm({ heightCm: 231 })).map((f) => f.field)).toEqual(['heightCm']);
    expect(fieldsOf(baseForm({ weightKg: 24 })).map((f) => f.field)).toEqual(['weightKg']);
    expect(fieldsOf(baseForm({ weightKg: 301 })).map((f) => f.field)).toEqual(['weightKg']);
  });

  it('requires both blood pressure numbers or neither, naming the missing one', () => {
    expect(fieldsOf(baseForm({ systolic: 130 }))).toEqual([{ field: 'diastolic', message: 'diastolic is required when systolic is given' }]);
    expect(fieldsOf(baseForm({ diastolic: 85 }))).toEqual([{ field: 'systolic', message: 'systolic is required when diastolic is given' }]);
    expect(fieldsOf(baseForm({ systolic: 130, diastolic: 85 }))).toEqual([]);
  });

  it('reports the blood pressure pairing alongside other errors', () => {
    expect(fieldsOf({ ...baseForm({ systolic: 130 }), age: 10 }).map((f) => f.field).sort()).toEqual(['age', 'diastolic']);
  });

  it('rejects duplicate or unknown list entries', () => {
    expect(fieldsOf(baseForm({ familyHistory: ['diabetes', 'diabetes'] })).map((f) => f.field)).toEqual(['familyHistory']);
    expect(fieldsOf({ ...baseForm(), familyHistory: ['copd'] }).map((f) => f.field)).toEqual(['familyHistory.0']);
    expect(fieldsOf({ ...baseForm(), conditions: ['flu'] }).map((f) => f.field)).toEqual(['conditions.0']);
  });

  it('rejects an out-of-range exercise count and unknown habits', () => {
    expect(fieldsOf(baseForm({ exerciseDaysPerWeek: 8 })).map((f) => f.field)).toEqual(['exerciseDaysPerWeek']);
    expect(fieldsOf({ ...baseForm(), smoking: 'sometimes' }).map((f) => f.field)).toEqual(['smoking']);
  });
});

describe('submission and consent', () => {
  it('accepts a form with affirmative consent', () => {
    const r = checkSubmission({ ...baseForm(), consent });
    expect(r.ok).toBe(true);
  });

  it('flags missing consent as consent_required with the consent field', () => {
    const r = checkSubmission(baseForm());
    expect(r).toMatchObject({ ok: false, code: 'consent_required' });
    expect(!r.ok && r.fields.map((f) => f.field)).toEqual(['consent']);
  });

  it('treats consent that is not `true` as missing', () => {
    expect(checkSubmission({ ...baseForm(), consent: { ...consent, healthDataProcessing: false } })).toMatchObject({ code: 'consent_required' });
  });

  it('asks for consent first even when the form is also invalid', () => {
    expect(checkSubmission({ ...baseForm(), age: 5 })).toMatchObject({ ok: false, code: 'consent_required' });
  });

  it('reports other problems as invalid_form', () => {
    expect(checkSubmission({ ...baseForm(), age: 5, consent })).toMatchObject({ ok: false, code: 'invalid_form', fields: [{ field: 'age' }] });
    expect(checkSubmission({ ...baseForm(), consent: { ...consent, textVersion: '' } })).toMatchObject({ code: 'invalid_form' });
  });

  it('the submission schema is strict too', () => {
    expect(HealthFormSubmissionSchema.safeParse({ ...baseForm(), consent: { ...consent, extra: 1 } }).success).toBe(false);
  });
});
