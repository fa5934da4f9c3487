import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bpCategory, BP_BANDS, FASTING_GLUCOSE_BANDS } from '../../../shared/domain/health/risk';
import type { AppError } from '../../../shared/errors';
import { RED_FLAG, redFlagOf } from '../../../shared/services/intake/red-flags';
import { parseReadingsQuery, readingsInRange } from '../../../shared/services/intake/reading-range';
import { submitReading } from '../../../shared/services/intake/readings';
import { importRoster } from '../../../shared/services/team/roster';
import { giveConsent, memberActor, seedMember, startTestEnv, type TestEnv } from './support';

const DAY = 86_400_000;
let env: TestEnv;
beforeEach(async () => {
  env = await startTestEnv();
});
afterEach(async () => {
  await env.close();
});

function failure(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a failure');
}

describe('readings for the trend chart', () => {
  it('returns the window asked for, newest first, each reading with the red flag it fired, and the bands', async () => {
    await importRoster(env.deps.store, [{ userId: 'doc_t', name: '孙医生', role: 'family_doctor', scenes: ['policy_delivery'] }], { nowMs: env.clock.nowMs() });
    const m = await seedMember(env, { team: { family_doctor: 'doc_t' } });
    await giveConsent(env, m._id);
    const now = env.clock.nowMs();
    const post = (readingId: string, daysAgo: number, v: Record<string, unknown>) =>
      submitReading(env.intake, m._id, { readingId, measuredAtMs: now - daysAgo * DAY, source: 'device', ...v }, memberActor(m._id));
    await post('bp-day-00002', 2, { type: 'blood_pressure', systolic: 186, diastolic: 96 });
    await post('glu-day-0010', 10, { type: 'fasting_glucose', mmolL: 6.4 });
    await post('bp-day-00040', 40, { type: 'blood_pressure', systolic: 128, diastolic: 82 });

    const week = await readingsInRange(env.intake, m._id, parseReadingsQuery({ days: '7' }));
    expect(week.sinceMs).toBe(now - 7 * DAY);
    expect(week.readings.map((r) => r.readingId)).toEqual(['bp-day-00002']);
    expect(week.readings[0]).toMatchObject({ type: 'blood_pressure', value: { systolic: 186, diastolic: 96 }, redFlag: 'bp_crisis', redFlagLabelZh: expect.stringContaining('血压'), alert: 'sent' });

    const month = await readingsInRange(env.intake, m._id, parseReadingsQuery({ days: '30' }));
    expect(month.readings.map((r) => [r.readingId, r.redFlag])).toEqual([['bp-day-00002', 'bp_crisis'], ['glu-day-0010', null]]);
    expect(month.truncated).toBe(false);

    const since = await readingsInRange(env.intake, m._id, parseReadingsQuery({ sinceMs: String(now - 90 * DAY), limit: '2' }));
    expect(since.readings).toHaveLength(2);
    expect(since.truncated).toBe(true);

    // No window: the latest readings, as the route always answered.
    expect((await readingsInRange(env.intake, m._id, parseReadingsQuery({}))).readings).toHaveLength(3);
  });

  it('draws the bands and red-flag lines the decisions use, not a copy', async () => {
    const { bands } = await readingsInRange(env.intake, 'm_nobody', parseReadingsQuery({ days: '90' }));
    expect(bands.bloodPressure.redFlag).toEqual({ systolicAtLeast: RED_FLAG.systolicAtLeast, diastolicAtLeast: RED_FLAG.diastolicAtLeast });
    expect(bands.glucose.redFlag).toEqual({ highAtLeast: RED_FLAG.glucoseHighAtLeast, lowAtMost: RED_FLAG.glucoseLowAtMost });
    // Each drawn line is where the deciding function changes its answer.
    for (const b of bands.bloodPressure.bands.slice(1)) {
      const category = BP_BANDS.findIndex((x) => x.code === b.code);
      expect(bpCategory(b.systolicFrom, 0)).toBe(category);
      expect(bpCategory(b.systolicFrom - 1, 0)).toBe(category - 1);
      expect(bpCategory(0, b.diastolicFrom)).toBe(category);
    }
    expect(redFlagOf({ type: 'blood_pressure', systolic: bands.bloodPressure.redFlag.systolicAtLeast, diastolic: 0 })).toBe('bp_crisis');
    expect(redFlagOf({ type: 'blood_pressure', systolic: bands.bloodPressure.redFlag.systolicAtLeast - 1, diastolic: 0 })).toBeNull();
    expect(redFlagOf({ type: 'fasting_glucose', mmolL: bands.glucose.redFlag.lowAtMost })).toBe('glucose_low');
    expect(bands.glucose.fastingBands.map((b) => b.from)).toEqual(FASTING_GLUCOSE_BANDS.map((b) => b.from));
    expect(bands.bloodPressure.bands.map((b) => [b.code, b.systolicFrom, b.diastolicFrom])).toEqual([
      ['normal', 0, 0],
      ['elevated', 120, 80],
      ['high_normal', 130, 85],
      ['hypertensive', 140, 90],
    ]);
    expect(bands.bloodPressure.bands.every((b) => b.labelZh.length > 0)).toBe(true);
  });

  it('refuses a window it cannot serve, naming the field', () => {
    expect(failure(() => parseReadingsQuery({ days: '14' }))).toMatchObject({ status: 400, details: { fields: [{ field: 'days' }] } });
    expect(failure(() => parseReadingsQuery({ days: '7', sinceMs: '1' }))).toMatchObject({ status: 400, details: { fields: [{ field: 'days' }] } });
    expect(failure(() => parseReadingsQuery({ sinceMs: 'yesterday' }))).toMatchObject({ status: 400, details: { fields: [{ field: 'sinceMs' }] } });
    expect(failure(() => parseReadingsQuery({ limit: '5000' }))).toMatchObject({ status: 400, details: { fields: [{ field: 'limit' }] } });
    expect(failure(() => parseReadingsQuery({ from: '1' }))).toMatchObject({ status: 400 });
  });
});
