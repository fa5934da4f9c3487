import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INTAKE_FOLLOW_UPS, NUDGE_KIND, runDueFollowUps, startIntakeFollowUp } from '../../../shared/services/intake/follow-ups';
import { submitHealthForm } from '../../../shared/services/intake/submit-form';
import { MEMBERS, type Member } from '../../../shared/services/members/member';
import { servicesOf as intakeServicesOf } from '../../../functions/intake/wiring';
import { memberActor, seedMember, startTestEnv, type TestEnv } from './support';

const DAY = 86_400_000;
let env: TestEnv;
beforeEach(async () => {
  env = await startTestEnv();
});
afterEach(async () => {
  await env.close();
});

async function joined(scene: 'policy_delivery' | 'reactivation' = 'reactivation') {
  const m = await seedMember(env, { scene });
  await startIntakeFollowUp(env.deps.store, m._id, m.joinedAtMs, env.clock.nowMs());
  return m;
}

describe('low-cooperation path', () => {
  it('nudges on days 1, 3, 7 and 14 through the reminder capability, once each, then marks low cooperation after 21 days', async () => {
    const m = await joined();
    expect(await runDueFollowUps(env.intake)).toMatchObject({ examined: 0 });

    for (const day of [1, 3, 7, 14]) {
      env.clock.set(m.joinedAtMs + day * DAY + 60_000);
      expect(await runDueFollowUps(env.intake)).toMatchObject({ nudged: 1 });
      expect(await runDueFollowUps(env.intake)).toMatchObject({ nudged: 0 });
    }
    expect(env.scheduled.map((s) => s.idempotencyKeyPrefix)).toEqual([1, 2, 3, 4].map((n) => `intake-nudge:${m._id}:${n}`));
    for (const s of env.scheduled) {
      expect(s.entries).toEqual([expect.objectContaining({ kind: NUDGE_KIND, audience: 'member', recurrence: { type: 'once' } })]);
      expect(s.entries[0]?.title).toContain('健康信息表');
    }

    env.clock.set(m.joinedAtMs + 21 * DAY);
    expect(await runDueFollowUps(env.intake)).toMatchObject({ markedLowCooperation: 1 });
    const member = await env.deps.store.collection<Member>(MEMBERS).get(m._id);
    expect(member?.intakeStatus).toBe('low_cooperation');
    expect(member?.tags).toEqual(expect.arrayContaining([{ dimension: 'service_preference', code: 'low_cooperation' }]));
    // The WeCom contact carries the tag staff filter the low-cooperation list by.
    const ids = env.sandbox.state.contacts.get(m.externalUserId as string)?.follows.get('staff_a')?.tagIds ?? new Set();
    expect(env.sandbox.state.tagGroups.flatMap((g) => g.tags).filter((t) => ids.has(t.id)).map((t) => t.name)).toContain('低配合度');

    env.clock.advance(30 * DAY);
    expect(await runDueFollowUps(env.intake)).toMatchObject({ examined: 0 });
    expect(env.scheduled).toHaveLength(4);
  });

  it('sends only the latest due nudge after a missed run, and stops once the form is in', async () => {
    const m = await joined();
    env.clock.set(m.joinedAtMs + 8 * DAY);
    expect(await runDueFollowUps(env.intake)).toMatchObject({ nudged: 1 });
    expect(env.scheduled.map((s) => s.idempotencyKeyPrefix)).toEqual([`intake-nudge:${m._id}:3`]);

    await submitHealthForm(env.intake, m._id, {
      age: 35, sex: 'male', heightCm: 175, weightKg: 70, smoking: 'never', drinking: 'never', exerciseDaysPerWeek: 3, familyHistory: [], conditions: [],
      consent: { healthDataProcessing: true, textVersion: 'health-data-v1' },
    }, memberActor(m._id));
    const planCalls = env.scheduled.length;
    env.clock.set(m.joinedAtMs + 22 * DAY);
    expect(await runDueFollowUps(env.intake)).toMatchObject({ nudged: 0, markedLowCooperation: 0 });
    expect(env.scheduled).toHaveLength(planCalls);
    expect(await env.deps.store.collection(INTAKE_FOLLOW_UPS).get(m._id)).toMatchObject({ status: 'completed' });
  });

  it('keeps a nudge due when the reminder capability refuses it, and carries on with other members', async () => {
    const a = await joined();
    const b = await joined('policy_delivery');
    env.clock.set(a.joinedAtMs + DAY + 1);
    let calls = 0;
    const flaky = {
      ...env.intake,
      scheduleReminders: async () => {
        calls += 1;
        if (calls === 1) throw new Error('down');
        return ['r1'];
      },
    };
    expect(await runDueFollowUps(flaky)).toMatchObject({ examined: 2, nudged: 1, failed: 1 });
    expect(await runDueFollowUps(flaky)).toMatchObject({ examined: 1, nudged: 1 });
    const docs = await env.deps.store.collection(INTAKE_FOLLOW_UPS).find({ _id: { $in: [a._id, b._id] } });
    expect(docs.map((d) => d.nudgesSent)).toEqual([1, 1]);
  });

  it('hands nudges to the real reminder capability as one-off member reminders, once per slot', async () => {
    const m = await joined();
    const real = intakeServicesOf(env.deps).intake;
    env.clock.set(m.joinedAtMs + 3 * DAY + 1);
    await runDueFollowUps(real);
    await runDueFollowUps(real);
    const reminders = await env.deps.store.collection('reminders').find({ memberId: m._id });
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ _id: `intake-nudge:${m._id}:2:0`, kind: 'activity', audience: 'member', status: 'scheduled', recurrence: { type: 'once' } });
  });

  it('starts the clock once, whatever the number of joins', async () => {
    const m = await joined();
    await startIntakeFollowUp(env.deps.store, m._id, m.joinedAtMs + 5 * DAY, env.clock.nowMs());
    expect(await env.deps.store.collection(INTAKE_FOLLOW_UPS).get(m._id)).toMatchObject({ joinedAtMs: m.joinedAtMs });
  });
});
