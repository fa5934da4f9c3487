import { describe, expect, it } from 'vitest';
import { readingBands } from '../../../shared/services/intake/reading-bands';
import { RED_FLAG } from '../../../shared/services/intake/red-flags';
import { bloodPressureTrend, glucoseTrend, rangeFor } from '../../../web/staff/trend';
import { queueOrder } from '../../../web/staff/tickets';
import { plainText } from '../../../web/staff/format';
import type { Reading, TicketSummary } from '../../../web/staff/api-types';

const bp = (id: string, atMs: number, systolic: number, diastolic: number, redFlag: string | null = null): Reading => ({ readingId: id, type: 'blood_pressure', measuredAtMs: atMs, value: { systolic, diastolic }, redFlag, alert: redFlag ? 'sent' : null });
const gl = (id: string, atMs: number, type: string, mmolL: number, redFlag: string | null = null): Reading => ({ readingId: id, type, measuredAtMs: atMs, value: { mmolL }, redFlag, alert: null });

describe('trend charts from the readings API', () => {
  const bands = readingBands();

  it('draws the red-flag lines at the domain thresholds and marks the readings that fired an alert', () => {
    const t = bloodPressureTrend([bp('b2', 2000, 186, 104, 'bp_crisis'), bp('b1', 1000, 130, 84), gl('g1', 1500, 'fasting_glucose', 6)], bands, 'b1');
    expect(t.data).toEqual([[1, 2], [130, 186], [84, 104]]);
    expect(t.lines.filter((l) => l.tone === 'red_flag').map((l) => l.value)).toEqual([RED_FLAG.systolicAtLeast, RED_FLAG.diastolicAtLeast]);
    expect(t.marks).toEqual([
      { readingId: 'b1', x: 1, y: 130, highlighted: true, alert: false },
      { readingId: 'b2', x: 2, y: 186, highlighted: false, alert: true },
    ]);
    expect(t.yRange[1]).toBeGreaterThan(RED_FLAG.systolicAtLeast);
  });

  it('puts fasting and post-meal glucose in their own series, with both red-flag lines in range', () => {
    const t = glucoseTrend([gl('g1', 1000, 'fasting_glucose', 6.2), gl('g2', 2000, 'postprandial_glucose', 17.5, 'glucose_high')], bands, null);
    expect(t.data).toEqual([[1, 2], [6.2, null], [null, 17.5]]);
    expect(t.lines.filter((l) => l.tone === 'red_flag').map((l) => l.value)).toEqual([RED_FLAG.glucoseHighAtLeast, RED_FLAG.glucoseLowAtMost]);
    expect(t.yRange[0]).toBeLessThan(RED_FLAG.glucoseLowAtMost);
    expect(t.marks.map((m) => m.readingId)).toEqual(['g2']);
  });

  it('opens a highlighted reading in the shortest range that shows it', () => {
    const now = 100 * 86_400_000;
    expect([rangeFor(now - 2 * 86_400_000, now), rangeFor(now - 10 * 86_400_000, now), rangeFor(now - 60 * 86_400_000, now), rangeFor(null, now)]).toEqual([7, 30, 90, 7]);
  });
});

describe('the queue order and the gap texts', () => {
  it('lists open emergencies first, then by SLA deadline, and leaves closed tickets out', () => {
    const t = (id: string, emergency: boolean, slaDueAtMs: number, status = 'open') => ({ id, emergency, slaDueAtMs, status }) as TicketSummary;
    expect(queueOrder([t('a', false, 1), t('b', true, 9), t('c', false, 0, 'closed'), t('d', true, 5)]).map((x) => x.id)).toEqual(['d', 'b', 'a']);
  });

  it('turns the Markdown draft into chat text', () => {
    expect(plainText('## 草案\n> 供参考\n1. **重疾保障**：缺口')).toBe('草案\n供参考\n1. 重疾保障：缺口');
  });
});
