import { describe, expect, it } from 'vitest';
import { assessRisk, bmiOf, bpCategory, HIGH_RISK_CONDITIONS } from '../../../shared/domain/health/risk';
import { baseForm } from './form-fixture';

const factor = (form: Parameters<typeof assessRisk>[0], code: string) => assessRisk(form).factors.find((f) => f.code === code);

describe('assessRisk — baseline', () => {
  it('scores a healthy young adult 0, low, with no factors', () => {
    expect(assessRisk(baseForm())).toEqual({ tier: 'low', score: 0, factors: [] });
  });
});

describe('age', () => {
  it.each([
    [44, 0],
    [45, 1],
    [59, 1],
    [60, 2],
  ])('age %i scores %i', (age, points) => {
    expect(assessRisk(baseForm({ age })).score).toBe(points);
  });

  it('names the band it scored', () => {
    expect(factor(baseForm({ age: 45 }), 'age')).toEqual({ code: 'age', points: 1, detail: '45–59' });
    expect(factor(baseForm({ age: 60 }), 'age')).toEqual({ code: 'age', points: 2, detail: '≥60' });
    expect(factor(baseForm({ age: 44 }), 'age')).toBeUndefined();
  });
});

describe('BMI (unrounded)', () => {
  it('hits 24 and 28 exactly at 150 cm with 54 kg and 63 kg', () => {
    expect(bmiOf({ heightCm: 150, weightKg: 54 })).toBe(24);
    expect(bmiOf({ heightCm: 150, weightKg: 63 })).toBe(28);
  });

  it.each([
    [150, 53.9, 0, 'low'],
    [150, 54, 1, 'low'],
    [150, 62.9, 1, 'low'],
    [150, 63, 2, 'medium'],
    [200, 95.9, 0, 'low'],
    [200, 96, 1, 'low'],
  ])('%i cm, %f kg scores %i (tier %s)', (heightCm, weightKg, points, tier) => {
    const r = assessRisk(baseForm({ heightCm, weightKg }));
    expect(r.score).toBe(points);
    expect(r.tier).toBe(tier);
  });

  it('BMI ≥ 28 alone makes the tier medium even though it scores only 2', () => {
    const r = assessRisk(baseForm({ heightCm: 200, weightKg: 112 }));
    expect(r.score).toBe(2);
    expect(r.tier).toBe('medium');
    expect(factor(baseForm({ heightCm: 200, weightKg: 112 }), 'bmi')).toMatchObject({ points: 2, trigger: 'medium' });
  });
});

describe('waist', () => {
  it.each([
    ['male', 89, 0],
    ['male', 90, 1],
    ['female', 84, 0],
    ['female', 85, 1],
    ['male', 85, 0],
  ] as const)('%s %i cm scores %i', (sex, waistCm, points) => {
    expect(assessRisk(baseForm({ sex, waistCm })).score).toBe(points);
  });

  it('scores nothing when waist is not given', () => {
    expect(factor(baseForm(), 'waist')).toBeUndefined();
  });
});

describe('blood pressure: the higher of the two categories', () => {
  it.each([
    [119, 79, 0, 'low'],
    [120, 70, 1, 'low'],
    [129, 84, 1, 'low'],
    [110, 80, 1, 'low'],
    [130, 70, 2, 'medium'],
    [139, 89, 2, 'medium'],
    [110, 85, 2, 'medium'],
    [140, 70, 3, 'high'],
    [120, 90, 3, 'high'],
    [139, 90, 3, 'high'],
  ])('%i/%i is category %i, tier %s', (systolic, diastolic, category, tier) => {
    expect(bpCategory(systolic, diastolic)).toBe(category);
    const r = assessRisk(baseForm({ systolic, diastolic }));
    expect(r.score).toBe(category);
    expect(r.tier).toBe(tier);
  });

  it('marks category 3 as a high trigger and category 2 as a medium trigger', () => {
    expect(factor(baseForm({ systolic: 140, diastolic: 70 }), 'blood_pressure')?.trigger).toBe('high');
    expect(factor(baseForm({ systolic: 130, diastolic: 70 }), 'blood_pressure')?.trigger).toBe('medium');
    expect(factor(baseForm({ systolic: 125, diastolic: 70 }), 'blood_pressure')?.trigger).toBeUndefined();
  });
});

describe('fasting glucose', () => {
  it.each([
    [5.59, 0, 'low'],
    [5.6, 1, 'low'],
    [6.09, 1, 'low'],
    [6.1, 2, 'medium'],
    [6.99, 2, 'medium'],
    [7.0, 3, 'high'],
  ])('%f mmol/L scores %i, tier %s', (fastingGlucose, points, tier) => {
    const r = assessRisk(baseForm({ fastingGlucose }));
    expect(r.score).toBe(points);
    expect(r.tier).toBe(tier);
  });
});

describe('lifestyle', () => {
  it('smoking current 2, former 1, never 0', () => {
    expect(assessRisk(baseForm({ smoking: 'current' })).score).toBe(2);
    expect(assessRisk(baseForm({ smoking: 'former' })).score).toBe(1);
    expect(assessRisk(baseForm({ smoking: 'never' })).score).toBe(0);
  });

  it('only frequent drinking scores', () => {
    expect(assessRisk(baseForm({ drinking: 'frequent' })).score).toBe(1);
    expect(assessRisk(baseForm({ drinking: 'occasional' })).score).toBe(0);
  });

  it('fewer than 3 exercise days scores 1', () => {
    expect(assessRisk(baseForm({ exerciseDaysPerWeek: 2 })).score).toBe(1);
    expect(assessRisk(baseForm({ exerciseDaysPerWeek: 3 })).score).toBe(0);
  });
});

describe('family history counts hypertension, diabetes, heart disease, stroke — not cancer', () => {
  it.each([
    [[], 0],
    [['cancer'], 0],
    [['hypertension'], 1],
    [['cancer', 'stroke'], 1],
    [['hypertension', 'diabetes'], 2],
    [['hypertension', 'diabetes', 'heart_disease', 'stroke', 'cancer'], 2],
  ] as const)('%j scores %i', (familyHistory, points) => {
    expect(assessRisk(baseForm({ familyHistory: [...familyHistory] })).score).toBe(points);
  });
});

describe('score thresholds', () => {
  it('score 2 is low, 3 is medium', () => {
    const two = assessRisk(baseForm({ age: 45, smoking: 'former' }));
    expect([two.score, two.tier]).toEqual([2, 'low']);
    const three = assessRisk(baseForm({ age: 45, smoking: 'former', drinking: 'frequent' }));
    expect([three.score, three.tier]).toEqual([3, 'medium']);
    expect(three.factors.find((f) => f.code === 'score')).toMatchObject({ trigger: 'medium' });
  });

  it('score 6 is medium, 7 is high', () => {
    const six = baseForm({ age: 60, smoking: 'current', drinking: 'frequent', exerciseDaysPerWeek: 0 });
    expect([assessRisk(six).score, assessRisk(six).tier]).toEqual([6, 'medium']);
    const seven = { ...six, familyHistory: ['diabetes' as const] };
    expect([assessRisk(seven).score, assessRisk(seven).tier]).toEqual([7, 'high']);
    expect(assessRisk(seven).factors.find((f) => f.code === 'score')).toMatchObject({ trigger: 'high' });
  });

  it('the score is the sum of the listed factor points', () => {
    const r = assessRisk(baseForm({ age: 50, heightCm: 150, weightKg: 60, waistCm: 95, systolic: 132, diastolic: 82, fastingGlucose: 5.8, smoking: 'former', familyHistory: ['stroke'] }));
    expect(r.score).toBe(r.factors.reduce((s, f) => s + f.points, 0));
    expect(r.score).toBe(1 + 1 + 1 + 2 + 1 + 1 + 1);
  });
});

describe('conditions', () => {
  it.each(HIGH_RISK_CONDITIONS.map((c) => [c]))('%s forces high with a 0-point factor', (condition) => {
    const r = assessRisk(baseForm({ conditions: [condition] }));
    expect(r.tier).toBe('high');
    expect(r.score).toBe(0);
    expect(r.factors).toContainEqual({ code: `condition:${condition}`, points: 0, trigger: 'high' });
  });

  it.each([['hyperlipidemia'], ['fatty_liver'], ['thyroid_nodule']] as const)('%s does not', (condition) => {
    expect(assessRisk(baseForm({ conditions: [condition] })).tier).toBe('low');
  });
});
