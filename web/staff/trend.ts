/**
 * From the readings API answer to what a trend chart draws (pure; no DOM): the series, the guideline
 * band and the red-flag lines — every number from the API's `bands`, none written here — and the
 * points where an alert fired.
 */
import type { Reading, ReadingBands } from './api-types';

export type TrendKind = 'blood_pressure' | 'glucose';

export interface TrendLine {
  value: number;
  labelZh: string;
  tone: 'guideline' | 'red_flag';
}

export interface TrendMark {
  readingId: string;
  x: number;
  y: number;
  highlighted: boolean;
  alert: boolean;
}

export interface TrendSeries {
  labelZh: string;
  tone: 'a' | 'b';
}

export interface Trend {
  kind: TrendKind;
  unit: string;
  /** uPlot's columns: x in seconds, then one array per series (null: no reading at that time). */
  data: [number[], ...(number | null)[][]];
  series: TrendSeries[];
  /** The guideline's normal ranges, drawn as tinted strips (they may overlap: systolic and diastolic). */
  bands: { from: number; to: number; labelZh: string }[];
  lines: TrendLine[];
  marks: TrendMark[];
  yRange: [number, number];
  readings: Reading[];
}

const GLUCOSE_TYPES = new Set(['fasting_glucose', 'postprandial_glucose']);

export const isBloodPressure = (r: Reading): boolean => r.type === 'blood_pressure' && typeof r.value.systolic === 'number';
export const isGlucose = (r: Reading): boolean => GLUCOSE_TYPES.has(r.type) && typeof r.value.mmolL === 'number';

/** A reading that fired a red-flag alert (the chart's marked points). */
export const alertFired = (r: Reading): boolean => r.redFlag !== null;

export function bloodPressureTrend(readings: Reading[], bands: ReadingBands, highlight: string | null): Trend {
  const bp = readings.filter(isBloodPressure).sort((a, b) => a.measuredAtMs - b.measuredAtMs);
  const b = bands.bloodPressure;
  const sorted = [...b.bands].sort((x, y) => x.systolicFrom - y.systolicFrom);
  const normal = sorted[0];
  const next = sorted[1];
  const top = sorted[sorted.length - 1];
  const lines: TrendLine[] = [];
  if (top && top !== normal) {
    lines.push({ value: top.systolicFrom, labelZh: `${top.labelZh}（收缩压 ≥${top.systolicFrom}）`, tone: 'guideline' });
    lines.push({ value: top.diastolicFrom, labelZh: `${top.labelZh}（舒张压 ≥${top.diastolicFrom}）`, tone: 'guideline' });
  }
  lines.push({ value: b.redFlag.systolicAtLeast, labelZh: `红色预警（收缩压 ≥${b.redFlag.systolicAtLeast}）`, tone: 'red_flag' });
  lines.push({ value: b.redFlag.diastolicAtLeast, labelZh: `红色预警（舒张压 ≥${b.redFlag.diastolicAtLeast}）`, tone: 'red_flag' });
  const values = bp.flatMap((r) => [r.value.systolic as number, r.value.diastolic as number]);
  const lows = [...values, ...lines.map((l) => l.value)];
  const highs = [...values, ...lines.map((l) => l.value)];
  return {
    kind: 'blood_pressure',
    unit: b.unit,
    data: [bp.map((r) => r.measuredAtMs / 1000), bp.map((r) => r.value.systolic as number), bp.map((r) => r.value.diastolic as number)],
    series: [
      { labelZh: '收缩压', tone: 'a' },
      { labelZh: '舒张压', tone: 'b' },
    ],
    // The guideline's normal range of each number: below the next band's start.
    bands:
      next && normal
        ? [
            { from: 0, to: next.systolicFrom, labelZh: `收缩压${normal.labelZh}（<${next.systolicFrom}）` },
            { from: 0, to: next.diastolicFrom, labelZh: `舒张压${normal.labelZh}（<${next.diastolicFrom}）` },
          ]
        : [],
    lines,
    marks: bp
      .filter((r) => alertFired(r) || r.readingId === highlight)
      .map((r) => {
        const diastolicOnly = (r.value.systolic as number) < b.redFlag.systolicAtLeast && (r.value.diastolic as number) >= b.redFlag.diastolicAtLeast;
        return { readingId: r.readingId, x: r.measuredAtMs / 1000, y: diastolicOnly ? (r.value.diastolic as number) : (r.value.systolic as number), highlighted: r.readingId === highlight, alert: alertFired(r) };
      }),
    yRange: padded(Math.min(...lows), Math.max(...highs), 10),
    readings: bp,
  };
}

export function glucoseTrend(readings: Reading[], bands: ReadingBands, highlight: string | null): Trend {
  const gl = readings.filter(isGlucose).sort((a, b) => a.measuredAtMs - b.measuredAtMs);
  const g = bands.glucose;
  const sorted = [...g.fastingBands].sort((x, y) => x.from - y.from);
  const normal = sorted[0];
  const next = sorted[1];
  const top = sorted[sorted.length - 1];
  const lines: TrendLine[] = [];
  if (top && top !== normal) lines.push({ value: top.from, labelZh: `空腹${top.labelZh}（≥${top.from}）`, tone: 'guideline' });
  lines.push({ value: g.redFlag.highAtLeast, labelZh: `红色预警：过高（≥${g.redFlag.highAtLeast}）`, tone: 'red_flag' });
  lines.push({ value: g.redFlag.lowAtMost, labelZh: `红色预警：过低（≤${g.redFlag.lowAtMost}）`, tone: 'red_flag' });
  const values = gl.map((r) => r.value.mmolL as number);
  const all = [...values, ...lines.map((l) => l.value)];
  return {
    kind: 'glucose',
    unit: g.unit,
    data: [
      gl.map((r) => r.measuredAtMs / 1000),
      gl.map((r) => (r.type === 'fasting_glucose' ? (r.value.mmolL as number) : null)),
      gl.map((r) => (r.type === 'postprandial_glucose' ? (r.value.mmolL as number) : null)),
    ],
    series: [
      { labelZh: '空腹血糖', tone: 'a' },
      { labelZh: '餐后血糖', tone: 'b' },
    ],
    // Fasting normal range: above the low red-flag line, below the first raised band.
    bands: next ? [{ from: g.redFlag.lowAtMost, to: next.from, labelZh: `空腹${normal?.labelZh ?? ''}范围（${g.redFlag.lowAtMost}–${next.from}）` }] : [],
    lines,
    marks: gl
      .filter((r) => alertFired(r) || r.readingId === highlight)
      .map((r) => ({ readingId: r.readingId, x: r.measuredAtMs / 1000, y: r.value.mmolL as number, highlighted: r.readingId === highlight, alert: alertFired(r) })),
    yRange: padded(Math.min(...all), Math.max(...all), 1),
    readings: gl,
  };
}

function padded(lo: number, hi: number, pad: number): [number, number] {
  return [Math.max(0, Math.floor((lo - pad) / pad) * pad), Math.ceil((hi + pad) / pad) * pad];
}

/** "152/98 mmHg", "8.6 mmol/L". */
export function readingValueText(r: Reading): string {
  if (isBloodPressure(r)) return `${r.value.systolic}/${r.value.diastolic} mmHg`;
  if (isGlucose(r)) return `${r.value.mmolL} mmol/L`;
  if (typeof r.value.kg === 'number') return `${r.value.kg} kg`;
  if (typeof r.value.count === 'number') return `${r.value.count} 步`;
  return '—';
}

export const RANGES = [7, 30, 90] as const;
export type RangeDays = (typeof RANGES)[number];

/** The shortest range that still shows a reading measured at `atMs`. */
export function rangeFor(atMs: number | null, nowMs: number): RangeDays {
  if (atMs === null) return 7;
  const days = (nowMs - atMs) / 86_400_000;
  return RANGES.find((d) => days <= d) ?? 90;
}
