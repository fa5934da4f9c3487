import { describe, expect, it } from 'vitest';
import {
  adjustedEntries,
  evaluateAdjustments,
  ruleOf,
  DAY_MS,
  type ActiveAdjustment,
  type AdjustmentInput,
  type BpReading,
  type GlucoseReading,
} from '../../../shared/domain/health/plan-adjustments';
import { buildPlan } from '../../../shared/domain/health/plan';
import { assessRisk } from '../../../shared/domain/health/risk';
import { baseForm } from './form-fixture';

const NOW = Date.UTC(2026, 5, 30, 2, 0);
const daysAgo = (d: number) => NOW - d * DAY_MS;

/** `n` BP readings over the last days (one a day, newest first), of which the first `high` are 150/95 and the rest 122/78. */
const bp = (n: number, high: number, startDaysAgo = 0): BpReading[] =>
  Array.from({ length: n }, (_, i) => ({ atMs: daysAgo(startDaysAgo + i) - 3600_000, ...(i < high ? { systolic: 150, diastolic: 95 } : { systolic: 122, diastolic: 78 }) }));
const glucose = (n: number, high: number): GlucoseReading[] => Array.from({ length: n }, (_, i) => ({ atMs: daysAgo(i) - 3600_000, mmolL: i < high ? 8.2 : 5.8 }));

const input = (over: Partial<AdjustmentInput> = {}): AdjustmentInput => ({
  readings: { bloodPressure: [], fastingGlucose: [] },
  adherence: { due: 0, done: 0 },
  current: [],
  holds: [],
  nowMs: NOW,
  ...over,
});
const codes = (i: AdjustmentInput) => evaluateAdjustments(i).active.map((a) => a.code);

describe('BP above target on most readings over 14 days', () => {
  it('starts at half of at least four readings above 135/85, with a Chinese reason naming the counts', () => {
    const out = evaluateAdjustments(input({ readings: { bloodPressure: bp(4, 2), fastingGlucose: [] } }));
    expect(out.active.map((a) => a.code)).toEqual(['bp_high']);
    expect(out.changes).toEqual([{ code: 'bp_high', change: 'start', reasonZh: '近14天4次血压中有2次（50%）高于目标（低于135/85 mmHg）' }]);
    expect(out.active[0]?.sinceMs).toBe(NOW);
  });

  it('does not start below half, on fewer than four readings, or on readings older than 14 days', () => {
    expect(codes(input({ readings: { bloodPressure: bp(5, 2), fastingGlucose: [] } }))).toEqual([]);
    expect(codes(input({ readings: { bloodPressure: bp(3, 3), fastingGlucose: [] } }))).toEqual([]);
    expect(codes(input({ readings: { bloodPressure: bp(6, 6, 14), fastingGlucose: [] } }))).toEqual([]);
  });

  it('counts 135 systolic or 85 diastolic alone as above target, 134/84 as in range', () => {
    const at = (s: number, d: number) => Array.from({ length: 4 }, (_, i) => ({ atMs: daysAgo(i), systolic: s, diastolic: d }));
    expect(codes(input({ readings: { bloodPressure: at(135, 70), fastingGlucose: [] } }))).toEqual(['bp_high']);
    expect(codes(input({ readings: { bloodPressure: at(120, 85), fastingGlucose: [] } }))).toEqual(['bp_high']);
    expect(codes(input({ readings: { bloodPressure: at(134, 84), fastingGlucose: [] } }))).toEqual([]);
  });

  const active: ActiveAdjustment = { code: 'bp_high', sinceMs: daysAgo(60), reasonZh: '…' };
  const inRange = (n: number, high: number) => input({ current: [active], readings: { bloodPressure: bp(n, high), fastingGlucose: [] } });

  it('ends after two months with at least eight readings and under a quarter above target', () => {
    const out = evaluateAdjustments(inRange(8, 1));
    expect(out.active).toEqual([]);
    expect(out.changes).toEqual([{ code: 'bp_high', change: 'end', reasonZh: '近两个月8次血压基本达标（1次高于目标），恢复原来的监测频率' }]);
  });

  it('stays before two months, with too few readings, or with a quarter above target', () => {
    expect(codes({ ...inRange(8, 0), current: [{ ...active, sinceMs: daysAgo(59) }] })).toEqual(['bp_high']);
    expect(codes(inRange(7, 0))).toEqual(['bp_high']);
    expect(codes(inRange(8, 2))).toEqual(['bp_high']);
    expect(evaluateAdjustments(inRange(8, 2)).changes).toEqual([]);
  });

  it('does not start while a doctor holds the rule off, and starts again once the hold ran out', () => {
    const readings = { bloodPressure: bp(6, 6), fastingGlucose: [] };
    expect(codes(input({ readings, holds: [{ code: 'bp_high', untilMs: NOW + 1 }] }))).toEqual([]);
    expect(codes(input({ readings, holds: [{ code: 'bp_high', untilMs: NOW }] }))).toEqual(['bp_high']);
    expect(codes(input({ readings, holds: [{ code: 'glucose_high', untilMs: NOW + DAY_MS }] }))).toEqual(['bp_high']);
  });
});

describe('fasting glucose above target', () => {
  it('starts at half of four readings at 7.0 or above, and not at 6.9', () => {
    expect(codes(input({ readings: { bloodPressure: [], fastingGlucose: glucose(4, 2) } }))).toEqual(['glucose_high']);
    const low = Array.from({ length: 4 }, (_, i) => ({ atMs: daysAgo(i), mmolL: 6.9 }));
    expect(codes(input({ readings: { bloodPressure: [], fastingGlucose: low } }))).toEqual([]);
    expect(codes(input({ readings: { bloodPressure: [], fastingGlucose: glucose(4, 1) } }))).toEqual([]);
  });

  it('ends after two months in range', () => {
    const current: ActiveAdjustment[] = [{ code: 'glucose_high', sinceMs: daysAgo(61), reasonZh: '…' }];
    expect(evaluateAdjustments(input({ current, readings: { bloodPressure: [], fastingGlucose: glucose(10, 0) } })).changes.map((c) => c.change)).toEqual(['end']);
  });
});

describe('missed plan tasks', () => {
  it('starts below half done of at least four due, ends at 70 %', () => {
    expect(evaluateAdjustments(input({ adherence: { due: 10, done: 4 } })).changes).toEqual([
      { code: 'low_adherence', change: 'start', reasonZh: '近14天10项计划任务完成了4项（40%）' },
    ]);
    expect(codes(input({ adherence: { due: 10, done: 5 } }))).toEqual([]);
    expect(codes(input({ adherence: { due: 3, done: 0 } }))).toEqual([]);
    const current: ActiveAdjustment[] = [{ code: 'low_adherence', sinceMs: daysAgo(3), reasonZh: '…' }];
    expect(codes(input({ current, adherence: { due: 10, done: 6 } }))).toEqual(['low_adherence']);
    expect(evaluateAdjustments(input({ current, adherence: { due: 10, done: 7 } })).changes.map((c) => c.change)).toEqual(['end']);
  });

  it('hands the member to the butler on the 004 follow-up cadence', () => {
    const [action] = ruleOf('low_adherence').actions({ code: 'low_adherence', sinceMs: NOW, reasonZh: '…' });
    expect(action).toMatchObject({ audience: 'member', cadence: 'follow_up', recurrence: { type: 'once' }, startAtMs: NOW });
  });
});

describe('the adjusted plan', () => {
  const form = baseForm({ systolic: 125, diastolic: 82, fastingGlucose: 6.3 });
  const base = buildPlan(form, assessRisk(form), NOW);
  const since: ActiveAdjustment = { code: 'bp_high', sinceMs: NOW, reasonZh: '…' };

  it('switches BP monitoring to morning and evening daily, leaving every other entry as the profile built it', () => {
    expect(base.filter((e) => e.title.includes('血压')).map((e) => e.recurrence.type)).toEqual(['weekly']);
    const adjusted = adjustedEntries(base, [since]);
    expect(adjusted.filter((e) => e.title.includes('血压')).map((e) => [e.recurrence.type, 'time' in e.recurrence && e.recurrence.time])).toEqual([
      ['daily', '07:30'],
      ['daily', '21:00'],
    ]);
    expect(adjusted.filter((e) => !e.title.includes('血压'))).toEqual(base.filter((e) => !e.title.includes('血压')));
  });

  it('asks the family doctor for a follow-up once, from the start of the adjustment', () => {
    expect(ruleOf('bp_high').actions(since)).toEqual([expect.objectContaining({ kind: 'staff_follow_up', audience: 'family_doctor', recurrence: { type: 'once' }, startAtMs: NOW })]);
  });

  it('switches glucose monitoring to daily and back to the profile plan when nothing is active', () => {
    const adjusted = adjustedEntries(base, [{ code: 'glucose_high', sinceMs: NOW, reasonZh: '…' }]);
    expect(adjusted.filter((e) => e.title.includes('血糖')).map((e) => e.recurrence.type)).toEqual(['daily']);
    expect(adjustedEntries(base, [])).toEqual(base);
  });
});
