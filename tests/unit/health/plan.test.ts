import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../shared/domain/health/plan';
import { assessRisk } from '../../../shared/domain/health/risk';
import type { HealthForm } from '../../../shared/domain/health/form';
import type { ScheduleEntry } from '../../../shared/domain/schedule/recurrence';
import { baseForm } from './form-fixture';

const NOW = Date.UTC(2026, 2, 2, 1, 0, 0);
const WEEK = 7 * 86_400_000;
const plan = (form: HealthForm) => buildPlan(form, assessRisk(form), NOW);
const titled = (entries: ScheduleEntry[], text: string) => entries.filter((e) => e.title.includes(text));
const followUps = (entries: ScheduleEntry[]) => entries.filter((e) => e.kind === 'staff_follow_up' && e.audience !== 'rights_consultant');

describe('buildPlan', () => {
  it('is deterministic', () => {
    const form = baseForm({ systolic: 135, diastolic: 80, fastingGlucose: 6.3, conditions: ['hypertension'] });
    expect(plan(form)).toEqual(plan(form));
  });

  it('writes every title in Chinese and every time as HH:mm', () => {
    const entries = plan(baseForm({ conditions: ['diabetes', 'heart_disease'], smoking: 'current', medications: '阿司匹林', heightCm: 160, weightKg: 80 }));
    for (const e of entries) {
      expect(e.title).toMatch(/[\u4e00-\u9fff]/);
      if ('time' in e.recurrence) expect(e.recurrence.time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
    }
  });

  describe('blood pressure monitoring by category', () => {
    it('twice daily for hypertension or a reading ≥140/90', () => {
      for (const form of [baseForm({ systolic: 142, diastolic: 88 }), baseForm({ conditions: ['hypertension'] })]) {
        const bp = titled(plan(form), '血压').filter((e) => e.kind === 'monitoring');
        expect(bp.map((e) => e.recurrence.type)).toEqual(['daily', 'daily']);
      }
    });

    it('twice a week at 130–139/85–89, weekly at 120–129/80–84, monthly below', () => {
      const recurrenceOf = (systolic: number, diastolic: number) => titled(plan(baseForm({ systolic, diastolic })), '血压').filter((e) => e.kind === 'monitoring')[0]?.recurrence;
      expect(recurrenceOf(135, 80)).toMatchObject({ type: 'weekly', days: [1, 4] });
      expect(recurrenceOf(125, 75)).toMatchObject({ type: 'weekly', days: [1] });
      expect(recurrenceOf(115, 75)).toMatchObject({ type: 'monthly', day: 1 });
    });

    it('asks once for a reading when none was given', () => {
      expect(titled(plan(baseForm()), '血压').filter((e) => e.kind === 'monitoring').map((e) => e.recurrence.type)).toEqual(['once']);
    });
  });

  describe('glucose monitoring', () => {
    it('twice a week for diabetes or ≥7.0, weekly at 6.1–7.0, monthly at 5.6–6.1, none below', () => {
      const glucose = (form: HealthForm) => titled(plan(form), '血糖').filter((e) => e.kind === 'monitoring').map((e) => e.recurrence);
      expect(glucose(baseForm({ conditions: ['diabetes'] }))).toMatchObject([{ type: 'weekly', days: [1, 4] }]);
      expect(glucose(baseForm({ fastingGlucose: 7.0 }))).toMatchObject([{ type: 'weekly', days: [1, 4] }]);
      expect(glucose(baseForm({ fastingGlucose: 6.1 }))).toMatchObject([{ type: 'weekly', days: [1] }]);
      expect(glucose(baseForm({ fastingGlucose: 5.6 }))).toMatchObject([{ type: 'monthly' }]);
      expect(glucose(baseForm({ fastingGlucose: 5.5 }))).toEqual([]);
      expect(glucose(baseForm())).toMatchObject([{ type: 'once' }]);
    });
  });

  it('adds a weekly weigh-in only from BMI 24 or a large waist', () => {
    expect(titled(plan(baseForm({ heightCm: 150, weightKg: 53.9 })), '体重')).toEqual([]);
    expect(titled(plan(baseForm({ heightCm: 150, weightKg: 54 })), '体重')).toHaveLength(1);
    expect(titled(plan(baseForm({ waistCm: 90 })), '体重')).toHaveLength(1);
  });

  it('gives diet guidance matched to the findings', () => {
    const diet = (form: HealthForm) => titled(plan(form), '饮食')[0]?.title ?? '';
    expect(diet(baseForm({ conditions: ['hypertension'] }))).toContain('盐不超过5克');
    expect(diet(baseForm({ fastingGlucose: 6.2 }))).toContain('含糖饮料');
    expect(diet(baseForm())).toContain('清淡少盐');
  });

  it('starts inactive members at three exercise days and active ones at five', () => {
    const days = (form: HealthForm) => plan(form).find((e) => e.kind === 'exercise_task')?.recurrence;
    expect(days(baseForm({ exerciseDaysPerWeek: 2 }))).toMatchObject({ type: 'weekly', days: [1, 3, 5] });
    expect(days(baseForm({ exerciseDaysPerWeek: 3 }))).toMatchObject({ type: 'weekly', days: [1, 2, 3, 4, 5] });
    expect(plan(baseForm({ conditions: ['heart_disease'], exerciseDaysPerWeek: 5 })).find((e) => e.kind === 'exercise_task')?.title).toContain('医生');
  });

  it('reminds about medication only when the member takes some', () => {
    expect(plan(baseForm()).filter((e) => e.kind === 'medication')).toEqual([]);
    expect(plan(baseForm({ medications: '  ' })).filter((e) => e.kind === 'medication')).toEqual([]);
    expect(plan(baseForm({ medications: '氨氯地平' })).filter((e) => e.kind === 'medication')).toMatchObject([{ recurrence: { type: 'daily' } }]);
  });

  describe('follow-up cadence by tier (twice a month; more for high risk)', () => {
    it('low: the family doctor every two weeks', () => {
      expect(followUps(plan(baseForm()))).toMatchObject([{ audience: 'family_doctor', recurrence: { type: 'every_n_weeks', n: 2 }, startAtMs: NOW }]);
    });

    it('medium: doctor and health butler alternate weeks', () => {
      const entries = followUps(plan(baseForm({ systolic: 132, diastolic: 80 })));
      expect(entries).toMatchObject([
        { audience: 'family_doctor', recurrence: { type: 'every_n_weeks', n: 2 }, startAtMs: NOW },
        { audience: 'health_butler', recurrence: { type: 'every_n_weeks', n: 2 }, startAtMs: NOW + WEEK },
      ]);
    });

    it('high: both weekly', () => {
      const entries = followUps(plan(baseForm({ conditions: ['copd'] })));
      expect(entries.map((e) => [e.audience, e.recurrence.type])).toEqual([
        ['family_doctor', 'weekly'],
        ['health_butler', 'weekly'],
      ]);
    });
  });

  it('schedules quarterly return visits only for conditions that force high risk', () => {
    expect(plan(baseForm({ conditions: ['hyperlipidemia'] })).filter((e) => e.kind === 'follow_up_visit')).toEqual([]);
    expect(plan(baseForm({ conditions: ['stroke'] })).filter((e) => e.kind === 'follow_up_visit')).toMatchObject([
      { recurrence: { type: 'every_n_weeks', n: 13 }, startAtMs: NOW + 13 * WEEK, audience: 'member' },
    ]);
  });

  it('invites to the annual check-up now and every 52 weeks, and has the rights consultant arrange it', () => {
    const entries = plan(baseForm());
    expect(entries.filter((e) => e.kind === 'check_up')).toMatchObject([{ recurrence: { type: 'every_n_weeks', n: 52 }, startAtMs: NOW, audience: 'member' }]);
    expect(entries.filter((e) => e.audience === 'rights_consultant')).toMatchObject([{ recurrence: { type: 'once' } }]);
  });
});
