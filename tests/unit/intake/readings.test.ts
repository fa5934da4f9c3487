import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redFlagOf } from '../../../shared/services/intake/red-flags';
import { getReading, READINGS, submitReading } from '../../../shared/services/intake/readings';
import { importRoster } from '../../../shared/services/team/roster';
import { giveConsent, memberActor, seedMember, startTestEnv, type TestEnv } from './support';
import { failure } from '../../helpers/failure';
import { servicesOf as intakeServicesOf } from '../../../functions/intake/wiring';
import type { OnMoment } from '../../../shared/services/intake/deps';

let env: TestEnv;
beforeEach(async () => {
  env = await startTestEnv();
});
afterEach(async () => {
  await env.close();
});

const bp = (systolic: number, diastolic: number, readingId = `bp-${systolic}-${diastolic}`) => ({
  readingId,
  type: 'blood_pressure',
  systolic,
  diastolic,
  measuredAtMs: env.clock.nowMs() - 60_000,
  source: 'manual',
});

describe('red-flag range', () => {
  it('flags SBP ≥ 180 or DBP ≥ 110, glucose ≥ 16.7 or ≤ 3.9, and nothing else', () => {
    expect(redFlagOf({ type: 'blood_pressure', systolic: 179, diastolic: 109 })).toBeNull();
    expect(redFlagOf({ type: 'blood_pressure', systolic: 180, diastolic: 90 })).toBe('bp_crisis');
    expect(redFlagOf({ type: 'blood_pressure', systolic: 150, diastolic: 110 })).toBe('bp_crisis');
    for (const type of ['fasting_glucose', 'postprandial_glucose'] as const) {
      expect(redFlagOf({ type, mmolL: 16.6 })).toBeNull();
      expect(redFlagOf({ type, mmolL: 16.7 })).toBe('glucose_high');
      expect(redFlagOf({ type, mmolL: 4.0 })).toBeNull();
      expect(redFlagOf({ type, mmolL: 3.9 })).toBe('glucose_low');
    }
    expect(redFlagOf({ type: 'weight' })).toBeNull();
  });
});

describe('readings', () => {
  it('stores values encrypted, once per reading id, and sends no alert for a normal reading', async () => {
    const m = await seedMember(env, { team: { family_doctor: 'doc_a' } });
    await giveConsent(env, m._id);
    const first = await submitReading(env.intake, m._id, { ...bp(128, 82), note: '早上起床后', deviceId: 'omron' }, memberActor(m._id));
    expect(first).toMatchObject({ redFlag: null, alert: null, duplicate: false });
    expect(await submitReading(env.intake, m._id, bp(128, 82), memberActor(m._id))).toMatchObject({ duplicate: true });
    const raw = await env.deps.store.collection(READINGS).findOne({ memberId: m._id });
    expect(raw).toMatchObject({ type: 'blood_pressure', value: { _enc: 1 }, note: { _enc: 1 } });
    expect(await getReading(env.intake, m._id, 'bp-128-82')).toMatchObject({ value: { systolic: 128, diastolic: 82 }, note: '早上起床后' });
    expect(await env.admin.sent({ api: 'message/send' })).toHaveLength(0);
  });

  it('alerts the own family doctor with a minimal card linking the record, retrying a failed alert on resend', async () => {
    const m = await seedMember(env, { team: { family_doctor: 'doc_a' } });
    await giveConsent(env, m._id);
    await env.admin.injectFault({ path: 'message/send', kind: 'http_500', count: 5 });
    const failed = await submitReading(env.intake, m._id, { readingId: 'glu-0001', type: 'fasting_glucose', mmolL: 2.8, measuredAtMs: env.clock.nowMs(), source: 'device' }, memberActor(m._id));
    expect(failed).toMatchObject({ redFlag: 'glucose_low', alert: 'failed' });
    env.sandbox.state.faults.length = 0;

    const retried = await submitReading(env.intake, m._id, { readingId: 'glu-0001', type: 'fasting_glucose', mmolL: 2.8, measuredAtMs: env.clock.nowMs(), source: 'device' }, memberActor(m._id));
    expect(retried).toMatchObject({ duplicate: true, alert: 'sent' });
    const [alert, ...more] = await env.admin.sent({ api: 'message/send', touser: 'doc_a' });
    expect(more).toHaveLength(0);
    const card = alert?.body.textcard as { title: string; description: string; url: string };
    expect(card.description).toContain('过低');
    expect(card.description).not.toContain('2.8');
    expect(card.url).toBe(`https://health.example.test/staff/members/${m._id}?reading=glu-0001`);
    const audit = await env.deps.audit.query({ memberId: m._id });
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual(expect.arrayContaining(['reading.red_flag_alert:failed', 'reading.red_flag_alert:done']));
  });

  it('alerts the on-call doctors when the member has no doctor yet, and records when nobody can be alerted', async () => {
    const orphan = await seedMember(env);
    await giveConsent(env, orphan._id);
    expect(await submitReading(env.intake, orphan._id, bp(190, 100), memberActor(orphan._id))).toMatchObject({ alert: 'no_recipient' });
    await importRoster(env.deps.store, [
      { userId: 'doc_night', name: '夜班', role: 'family_doctor', scenes: ['policy_delivery'], onCall: true },
      { userId: 'doc_day', name: '白班', role: 'family_doctor', scenes: ['policy_delivery'] },
    ], { nowMs: env.clock.nowMs() });
    expect(await submitReading(env.intake, orphan._id, bp(200, 120), memberActor(orphan._id))).toMatchObject({ alert: 'sent' });
    const sent = await env.admin.sent({ api: 'message/send' });
    expect(sent.map((s) => s.touser)).toEqual([['doc_night']]);
  });

  it('rejects readings with bad, unknown or implausible fields, naming them', async () => {
    const m = await seedMember(env);
    const bad = await failure(submitReading(env.intake, m._id, { ...bp(120, 80), systolic: 400, cuff: 'large' }, memberActor(m._id)));
    expect(bad.status).toBe(400);
    expect(bad.details?.fields?.map((f) => f.field).sort()).toEqual(['cuff', 'systolic']);
    const future = await failure(submitReading(env.intake, m._id, { ...bp(120, 80), measuredAtMs: env.clock.nowMs() + 3_600_000 }, memberActor(m._id)));
    expect(future.details?.fields).toEqual([{ field: 'measuredAtMs', message: expect.any(String) }]);
    const kind = await failure(submitReading(env.intake, m._id, { ...bp(120, 80), type: 'heart_rate' }, memberActor(m._id)));
    expect(kind.status).toBe(400);
    expect(await env.deps.store.collection(READINGS).count({})).toBe(0);
  });
});

describe('readings and plan tasks', () => {
  it('hands a new reading to the task it answers once — not again when resent — and stores it even when that fails', async () => {
    const m = await seedMember(env);
    await giveConsent(env, m._id);
    const handed: [string, string, number][] = [];
    const intake = { ...env.intake, completePlanTask: async (memberId: string, evidence: string, atMs: number) => void handed.push([memberId, evidence, atMs]) };
    const reading = bp(132, 84, 'bp-task-0001');
    await submitReading(intake, m._id, reading, memberActor(m._id));
    await submitReading(intake, m._id, reading, memberActor(m._id));
    await submitReading(intake, m._id, { readingId: 'ppg-task-0001', type: 'postprandial_glucose', mmolL: 8.1, measuredAtMs: env.clock.nowMs(), source: 'manual' }, memberActor(m._id));
    expect(handed).toEqual([[m._id, 'blood_pressure', reading.measuredAtMs]]);

    const failing = { ...env.intake, completePlanTask: async () => Promise.reject(new Error('store down')) };
    expect(await submitReading(failing, m._id, bp(128, 80, 'bp-task-0002'), memberActor(m._id))).toMatchObject({ duplicate: false });
    expect(await env.deps.store.collection(READINGS).count({ memberId: m._id })).toBe(3);
  });

  it('a resend after a call that failed once the reading was stored gets the points and the offer moment, each once', async () => {
    const m = await seedMember(env, { team: { family_doctor: 'doc_a' } });
    await giveConsent(env, m._id);
    const wired = { ...intakeServicesOf(env.deps).intake, scheduleReminders: env.intake.scheduleReminders, cancelReminders: env.intake.cancelReminders };
    // The first call dies after the insert (the function times out handing the moment on), before the points.
    const moments: Parameters<OnMoment>[0][] = [];
    const intake = {
      ...wired,
      onMoment: async (moment: Parameters<OnMoment>[0]) => {
        moments.push(moment);
        if (moments.length === 1) throw new Error('function timed out');
      },
    };
    const high = { readingId: 'glu-retry-1', type: 'fasting_glucose', mmolL: 17.2, measuredAtMs: env.clock.nowMs() - 60_000, source: 'manual' };
    await expect(submitReading(intake, m._id, high, memberActor(m._id))).rejects.toThrow('function timed out');
    expect(await env.deps.store.collection(READINGS).count({ memberId: m._id })).toBe(1);

    expect(await submitReading(intake, m._id, high, memberActor(m._id))).toMatchObject({ duplicate: true, pointsAwarded: 5 });
    expect(await submitReading(intake, m._id, high, memberActor(m._id))).toMatchObject({ duplicate: true, pointsAwarded: 0 });
    const credited = (await intakeServicesOf(env.deps).points.history(m._id, { limit: 50 })).entries.filter((e) => e.ruleId === 'reading_uploaded');
    expect(credited.map((e) => e.amount)).toEqual([5]);
    // Every call hands the same moment on; its ref (the reading id) keeps it to one offer (shared/services/offers/moments.ts).
    expect(moments.map((x) => x.ref)).toEqual(['glu-retry-1', 'glu-retry-1', 'glu-retry-1']);
  });

  it('earns the member 5 points per reading they upload themself, three a day, once per reading; none for a reading staff enter', async () => {
    const m = await seedMember(env, { team: { family_doctor: 'doc_a' } });
    await giveConsent(env, m._id);
    // The wiring the intake function uses: points through the points capability in-process.
    const intake = { ...intakeServicesOf(env.deps).intake, scheduleReminders: env.intake.scheduleReminders, cancelReminders: env.intake.cancelReminders };
    const earned: number[] = [];
    for (const [i, sys] of [122, 124, 126, 128].entries()) {
      earned.push((await submitReading(intake, m._id, bp(sys, 80, `bp-points-${i}`), memberActor(m._id))).pointsAwarded);
    }
    expect(earned).toEqual([5, 5, 5, 0]);
    expect((await submitReading(intake, m._id, bp(122, 80, 'bp-points-0'), memberActor(m._id))).pointsAwarded).toBe(0);
    env.clock.advance(24 * 3600_000);
    expect((await submitReading(intake, m._id, bp(130, 80, 'bp-by-doctor'), { kind: 'staff', id: 'doc_a', role: 'family_doctor' })).pointsAwarded).toBe(0);
    expect((await submitReading(intake, m._id, bp(131, 80, 'bp-next-day'), memberActor(m._id))).pointsAwarded).toBe(5);
  });
});

