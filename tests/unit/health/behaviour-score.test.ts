import { describe, expect, it } from 'vitest';
import { behaviourScore, previousShanghaiMonth, recommendedPremiumAdjustment, shanghaiMonthRange, type MonthInput } from '../../../shared/domain/health/behaviour-score';
import { shanghaiMonthKey } from '../../../shared/domain/reminders/shanghai-time';

const bp = (...pairs: [number, number][]) => pairs.map(([systolic, diastolic], i) => ({ atMs: i, systolic, diastolic }));
const glucose = (...values: number[]) => values.map((mmolL, i) => ({ atMs: i, mmolL }));
const none = { bloodPressure: [], fastingGlucose: [] };
const month = (over: Partial<MonthInput>): MonthInput => ({ adherence: { due: 0, done: 0 }, thisMonth: none, lastMonth: none, ...over });

describe('behaviour score', () => {
  it('weighs adherence 60 and improvement 40, shows both components, and sums to the score', () => {
    const s = behaviourScore(month({
      adherence: { due: 20, done: 15 },
      thisMonth: { bloodPressure: bp([140, 88], [138, 86], [136, 84]), fastingGlucose: [] },
      lastMonth: { bloodPressure: bp([150, 95], [148, 94], [152, 96]), fastingGlucose: [] },
    }));
    expect(s.components).toEqual({
      adherence: { due: 20, done: 15, points: 45, maxPoints: 60 },
      improvement: { measures: [{ measure: 'bp', trend: 'toward' }], points: 32, maxPoints: 40 },
    });
    expect(s.score).toBe(77);
    expect(s.tipsZh[0]).toBe('按时完成计划任务：当月完成了 15/20 项。做完后在「我的提醒」里点「完成」，或直接上传对应的测量数据，都算完成。');
  });

  it('grades each measure: held in range 100, toward 80, about the same 50, away 20', () => {
    const trend = (now: number[], before: number[]) =>
      behaviourScore(month({ thisMonth: { bloodPressure: [], fastingGlucose: glucose(...now) }, lastMonth: { bloodPressure: [], fastingGlucose: glucose(...before) } })).components.improvement?.measures[0]?.trend;
    expect(trend([5.5, 6.0, 6.2], [6.5, 6.8, 6.9])).toBe('in_range');
    expect(trend([7.2, 7.3, 7.4], [8.0, 8.2, 8.4])).toBe('toward');
    expect(trend([8.1, 8.2, 8.3], [8.0, 8.2, 8.3])).toBe('flat');
    expect(trend([9.0, 9.2, 9.4], [8.0, 8.2, 8.4])).toBe('away');
    // Fewer than three readings in either month say nothing.
    expect(trend([9.0, 9.2], [8.0, 8.2, 8.4])).toBeUndefined();
  });

  it('scores adherence alone out of 100 without readings to compare, and gives no score without any data', () => {
    const s = behaviourScore(month({ adherence: { due: 10, done: 9 } }));
    expect(s).toMatchObject({ score: 90, components: { adherence: { points: 90, maxPoints: 100 }, improvement: null } });
    expect(s.tipsZh).toContain('每月至少测量并上传 3 次血压或空腹血糖，行为分才能体现您的改善。');
    expect(behaviourScore(month({})).score).toBeNull();
  });

  it('is what the member did, not their diagnosis: high readings moving toward target score as well as normal ones held', () => {
    const high = behaviourScore(month({ adherence: { due: 10, done: 10 }, thisMonth: { bloodPressure: bp([150, 95], [150, 95], [150, 95]), fastingGlucose: [] }, lastMonth: { bloodPressure: bp([165, 100], [165, 100], [165, 100]), fastingGlucose: [] } }));
    const normal = behaviourScore(month({ adherence: { due: 10, done: 10 }, thisMonth: { bloodPressure: bp([150, 95], [150, 95], [150, 95]), fastingGlucose: [] }, lastMonth: { bloodPressure: bp([150, 95], [150, 95], [150, 95]), fastingGlucose: [] } }));
    expect(high.score).toBe(92);
    expect(normal.score).toBe(80);
    expect(normal.tipsZh.some((t) => t.startsWith('血压：'))).toBe(true);
  });
});

describe('premium recommendation', () => {
  const opts = { rangePct: 5, capPct: 30 };
  it('maps the score around 50 onto ±5 % a year', () => {
    expect(recommendedPremiumAdjustment(100, opts)).toBe(-5);
    expect(recommendedPremiumAdjustment(50, opts)).toBe(0);
    expect(recommendedPremiumAdjustment(77, opts)).toBe(-2.7);
    expect(recommendedPremiumAdjustment(0, opts)).toBe(5);
  });
  it('keeps the insurer\'s cumulative adjustment within the cap', () => {
    expect(recommendedPremiumAdjustment(100, { ...opts, appliedPct: -28 })).toBe(-2);
    expect(recommendedPremiumAdjustment(100, { ...opts, appliedPct: -30 })).toBe(0);
    expect(recommendedPremiumAdjustment(0, { ...opts, appliedPct: 27 })).toBe(3);
    expect(recommendedPremiumAdjustment(80, { rangePct: 2, capPct: 30 })).toBe(-1.2);
  });
});

describe('Shanghai months', () => {
  it('names the month by Shanghai time and knows its bounds', () => {
    // 2026-07-31 16:30 UTC is 1 August 00:30 in Shanghai.
    const t = Date.UTC(2026, 6, 31, 16, 30);
    expect(shanghaiMonthKey(t)).toBe('2026-08');
    expect(previousShanghaiMonth(t)).toBe('2026-07');
    expect(previousShanghaiMonth(Date.UTC(2026, 0, 5))).toBe('2025-12');
    expect(shanghaiMonthRange('2026-08')).toEqual({ startMs: Date.UTC(2026, 6, 31, 16), endMs: Date.UTC(2026, 7, 31, 16) });
  });
});
