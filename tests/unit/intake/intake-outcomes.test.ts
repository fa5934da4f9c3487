import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submitReading } from '../../../shared/services/intake/readings';
import { submitHealthForm } from '../../../shared/services/intake/submit-form';
import { createOutcomeEventLog } from '../../../shared/services/outcomes/outcome-events';
import { memberActor, seedMember, startTestEnv, type TestEnv } from './support';

/* Intake's steps in the outcome log: each form version once, each reading once and by kind only. */

let env: TestEnv;
beforeEach(async () => {
  env = await startTestEnv();
});
afterEach(async () => {
  await env.close();
});

const form = { age: 50, sex: 'female', heightCm: 160, weightKg: 58, systolic: 150, diastolic: 96, smoking: 'never', drinking: 'never', exerciseDaysPerWeek: 3, familyHistory: [], conditions: [], consent: { healthDataProcessing: true, textVersion: 'health-data-v1' } };

describe('intake outcome events', () => {
  it('records each completed form version and each reading once, with no health value', async () => {
    const m = await seedMember(env, { team: { family_doctor: 'doc_a' } });
    const log = createOutcomeEventLog(env.deps.store);
    const first = await submitHealthForm(env.intake, m._id, form, memberActor(m._id));
    env.clock.advance(60_000);
    await submitHealthForm(env.intake, m._id, { ...form, weightKg: 57 }, memberActor(m._id));
    const reading = { readingId: 'bp-out-1', type: 'blood_pressure', systolic: 151, diastolic: 97, measuredAtMs: env.clock.nowMs() - 60_000, source: 'manual' };
    await submitReading(env.intake, m._id, reading, memberActor(m._id));
    await submitReading(env.intake, m._id, reading, memberActor(m._id));

    const events = await log.ofMember(m._id);
    expect(events.map((e) => [e.type, e.key])).toEqual([
      ['form_completed', String(first.version)],
      ['form_completed', String(first.version + 1)],
      ['reading_uploaded', 'bp-out-1'],
    ]);
    expect(events[2]?.data).toEqual({ kind: 'blood_pressure' });
    expect(events.map((e) => e.data ?? null)).toEqual([null, null, { kind: 'blood_pressure' }]);
  });

  it('records no reading refused for want of the health-data consent', async () => {
    const m = await seedMember(env);
    await expect(submitReading(env.intake, m._id, { readingId: 'bp-out-2', type: 'blood_pressure', systolic: 120, diastolic: 80, measuredAtMs: env.clock.nowMs(), source: 'manual' }, memberActor(m._id))).rejects.toThrow();
    expect(await createOutcomeEventLog(env.deps.store).ofMember(m._id)).toEqual([]);
  });
});
