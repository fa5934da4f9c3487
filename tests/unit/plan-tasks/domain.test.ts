import { describe, expect, it } from 'vitest';
import {
  completionWindowMs,
  evidenceOf,
  isPlanTask,
  mayMarkDone,
  occurrenceForEvidence,
  READING_EVIDENCE,
  taskKey,
} from '../../../shared/domain/health/plan-tasks';
import { buildPlan } from '../../../shared/domain/health/plan';
import { assessRisk } from '../../../shared/domain/health/risk';
import type { HealthForm } from '../../../shared/domain/health/form';
import { shanghaiInstant } from '../../../shared/domain/reminders/shanghai-time';

const H = 3_600_000;
const NOW = shanghaiInstant(2026, 3, 2, 8, 0);

const hypertensiveDiabetic: HealthForm = {
  age: 62,
  sex: 'male',
  heightCm: 170,
  weightKg: 80,
  systolic: 150,
  diastolic: 95,
  fastingGlucose: 7.4,
  smoking: 'never',
  drinking: 'never',
  exerciseDaysPerWeek: 2,
  familyHistory: [],
  conditions: ['hypertension', 'diabetes'],
  medications: '氨氯地平',
  consent: { healthDataProcessing: true, textVersion: 'health-data-v1' },
} as HealthForm;

describe('what a plan task is', () => {
  it('is a member reminder of the plan; the team’s follow-ups, intake nudges and API reminders are not', () => {
    expect(isPlanTask({ kind: 'monitoring', audience: 'member', source: 'plan' })).toBe(true);
    for (const kind of ['medication', 'exercise_task', 'follow_up_visit', 'check_up'] as const) expect(isPlanTask({ kind, audience: 'member', source: 'plan' })).toBe(true);
    expect(isPlanTask({ kind: 'staff_follow_up', audience: 'family_doctor', source: 'plan' })).toBe(false);
    expect(isPlanTask({ kind: 'activity', audience: 'member', source: 'plan' })).toBe(false);
    expect(isPlanTask({ kind: 'monitoring', audience: 'member', source: 'api' })).toBe(false);
    expect(taskKey('plan:m1:v1:0', 1000)).toBe('plan:m1:v1:0@1000');
  });
});

describe('what data answers which task', () => {
  it('the plan says what each monitoring task measures; the meal log, smoking log and staff tasks are answered by nothing', () => {
    const plan = buildPlan(hypertensiveDiabetic, assessRisk(hypertensiveDiabetic), NOW);
    const answered = plan.map((e) => [e.title, evidenceOf(e)]);
    expect(answered.filter(([, ev]) => ev === 'blood_pressure').map(([t]) => t)).toEqual(['请测量早晨血压并上传（起床后、服药前）', '请测量晚间血压并上传（睡前）']);
    expect(answered.filter(([, ev]) => ev === 'glucose').map(([t]) => t)).toEqual(['请测量空腹血糖并上传']);
    expect(answered.filter(([, ev]) => ev === 'weight')).toHaveLength(1);
    expect(answered.filter(([, ev]) => ev === 'exam_report').map(([t]) => t)).toEqual(['年度体检提醒：预约今年的健康体检，完成后上传体检报告']);
    expect(evidenceOf(plan.find((e) => e.title.startsWith('本周饮食')) ?? plan[0]!)).toBeNull();
    expect(plan.filter((e) => e.audience !== 'member').every((e) => evidenceOf(e) === null)).toBe(true);
  });

  it('reads entries of plans built before the code existed from their titles', () => {
    expect(evidenceOf({ kind: 'monitoring', audience: 'member', title: '请测量血压并上传' })).toBe('blood_pressure');
    expect(evidenceOf({ kind: 'monitoring', audience: 'member', title: '每月空腹血糖自测：请测量并上传' })).toBe('glucose');
    expect(evidenceOf({ kind: 'monitoring', audience: 'member', title: '请在早起空腹时称体重并上传' })).toBe('weight');
    expect(evidenceOf({ kind: 'monitoring', audience: 'member', title: '记录本周吸烟量，坚持逐步减量' })).toBeNull();
  });

  it('a fasting glucose reading answers the fasting task; postprandial glucose and steps answer none', () => {
    expect(READING_EVIDENCE.fasting_glucose).toBe('glucose');
    expect(READING_EVIDENCE.postprandial_glucose).toBeUndefined();
    expect(READING_EVIDENCE.steps).toBeUndefined();
  });
});

describe('when the member may mark an occurrence done', () => {
  const occ = NOW - H;
  const list = [occ - 24 * H, occ, occ + 24 * H];
  it('one that fell due within its window: yes', () => {
    expect(mayMarkDone('monitoring', occ, list, NOW)).toEqual({ ok: true });
    expect(mayMarkDone('monitoring', occ - 24 * H, list, NOW)).toEqual({ ok: true });
  });
  it('one still to come, one past its window, one the series never had: no, each saying why in Chinese', () => {
    expect(mayMarkDone('monitoring', occ + 24 * H, list, NOW)).toMatchObject({ ok: false, code: 'task_not_due', messageZh: expect.stringContaining('还没到时间') });
    expect(mayMarkDone('monitoring', occ, list, occ + 48 * H + 1)).toMatchObject({ ok: false, code: 'task_expired' });
    expect(mayMarkDone('monitoring', occ + 1, list, NOW)).toMatchObject({ ok: false, code: 'not_an_occurrence' });
  });
  it('a check-up stays open for weeks (booking and the report take time), a daily task for 48 h', () => {
    expect(mayMarkDone('check_up', occ, [occ], occ + 60 * 24 * H).ok).toBe(true);
    expect(completionWindowMs('monitoring')).toBe(48 * H);
  });
});

describe('which occurrence a reading completes', () => {
  const morning = shanghaiInstant(2026, 3, 2, 7, 30);
  const lastEvening = shanghaiInstant(2026, 3, 1, 21, 0);
  const evening = shanghaiInstant(2026, 3, 2, 21, 0);
  const series = [
    { reminderId: 'am', kind: 'monitoring' as const, occurrences: [morning - 24 * H, morning] },
    { reminderId: 'pm', kind: 'monitoring' as const, occurrences: [lastEvening, evening] },
  ];
  it('the open one nearest the measurement: one reading, one task', () => {
    expect(occurrenceForEvidence(series, morning + 10 * 60_000, NOW, new Set())).toEqual({ reminderId: 'am', occurrenceAtMs: morning });
    expect(occurrenceForEvidence(series, evening - 20 * 60_000, evening, new Set())).toEqual({ reminderId: 'pm', occurrenceAtMs: evening });
  });
  it('skips what is done, and a measurement more than an hour early or past the window answers nothing', () => {
    expect(occurrenceForEvidence(series, morning + 10 * 60_000, NOW, new Set([taskKey('am', morning)]))).toEqual({ reminderId: 'pm', occurrenceAtMs: lastEvening });
    const one = [{ reminderId: 'g', kind: 'monitoring' as const, occurrences: [morning] }];
    expect(occurrenceForEvidence(one, morning - 2 * H, NOW, new Set())).toBeNull();
    expect(occurrenceForEvidence(one, morning + 49 * H, morning + 49 * H, new Set())).toBeNull();
  });
});
