import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submitHealthForm } from '../../../shared/services/intake/submit-form';
import { submitReading } from '../../../shared/services/intake/readings';
import { BEHAVIOUR_SCORES, readOwnScores, runMonthlyScores, sharedScoreOf, sharedScoresOfMonth } from '../../../shared/services/intake/behaviour-scores';
import { createOutcomeEventLog } from '../../../shared/services/outcomes/outcome-events';
import { createOptionalConsents } from '../../../shared/services/members/optional-consents';
import { currentConsentText } from '../../../shared/domain/consent/optional-consents';
import { memberActor, seedMember, startTestEnv, type TestEnv } from './support';
import { failure } from '../../helpers/failure';
import { PLANS } from '../../../shared/services/intake/plans';

/** 2026-07-03 10:00 Shanghai: June is the month to score (its last daily tasks' windows have closed). */
const JULY_3 = Date.UTC(2026, 6, 3, 2, 0);
const machine = { kind: 'system' as const, id: 'policy-system' };

let env: TestEnv;
beforeEach(async () => {
  env = await startTestEnv(Date.UTC(2026, 4, 1, 2, 0));
});
afterEach(async () => {
  await env.close();
});

const form = { age: 50, sex: 'female', heightCm: 160, weightKg: 60, smoking: 'never', drinking: 'never', exerciseDaysPerWeek: 3, familyHistory: [], conditions: [], consent: { healthDataProcessing: true, textVersion: 'health-data-v1' } };

/** A member with May and June readings (June lower) and 10 June tasks of which 8 done. */
async function memberWithJune(): Promise<string> {
  const m = await seedMember(env);
  await submitHealthForm(env.intake, m._id, form, memberActor(m._id));
  let n = 0;
  for (const [atMs, s] of [[Date.UTC(2026, 4, 10), 152], [Date.UTC(2026, 4, 12), 150], [Date.UTC(2026, 4, 14), 151], [Date.UTC(2026, 5, 10), 140], [Date.UTC(2026, 5, 12), 138], [Date.UTC(2026, 5, 14), 139]] as const) {
    env.clock.set(atMs + 3600_000);
    await submitReading(env.intake, m._id, { readingId: `score-bp-${++n}`, type: 'blood_pressure', systolic: s, diastolic: 88, measuredAtMs: atMs, source: 'device' }, memberActor(m._id));
  }
  const events = createOutcomeEventLog(env.deps.store);
  for (let d = 0; d < 10; d++) {
    const key = `plan:${m._id}:v1:0@${Date.UTC(2026, 5, 2 + d)}`;
    await events.record({ type: 'plan_task_due', memberId: m._id, key, atMs: Date.UTC(2026, 5, 2 + d) });
    if (d < 8) await events.record({ type: 'plan_task_done', memberId: m._id, key, atMs: Date.UTC(2026, 5, 2 + d) + 3600_000, data: { by: 'member' } });
  }
  env.clock.set(JULY_3);
  return m._id;
}

describe('monthly behaviour scores', () => {
  it('scores the previous Shanghai month once per member, encrypted, and shows the member how to raise it', async () => {
    const memberId = await memberWithJune();
    expect(await runMonthlyScores(env.intake)).toEqual({ month: '2026-06', computed: 1, remaining: 0 });
    expect(await runMonthlyScores(env.intake)).toEqual({ month: '2026-06', computed: 0, remaining: 0 });
    const raw = await env.deps.store.collection(BEHAVIOUR_SCORES).find({});
    expect(raw).toHaveLength(1);
    expect(JSON.stringify(raw)).not.toContain('adherence');

    const own = await readOwnScores(env.intake, memberId);
    expect(own.months).toEqual([expect.objectContaining({ month: '2026-06', final: true, score: 80, components: { adherence: { due: 10, done: 8, points: 48, maxPoints: 60 }, improvement: { measures: [{ measure: 'bp', trend: 'toward' }], points: 32, maxPoints: 40 } } })]);
    expect(own.months[0]?.tipsZh[0]).toContain('当月完成了 8/10 项');
    expect(own.current).toMatchObject({ month: '2026-07', final: false });
  });

  it('the policy system gets nothing without the member\'s consent, the score and a recommendation with it, each disclosure audited', async () => {
    const memberId = await memberWithJune();
    await runMonthlyScores(env.intake);
    expect(await sharedScoresOfMonth(env.intake, '2026-06', machine)).toEqual({ month: '2026-06', scores: [] });
    expect((await failure(sharedScoreOf(env.intake, memberId, '2026-06', machine))).status).toBe(404);

    const consents = createOptionalConsents(env.deps);
    await consents.set(memberId, 'behaviour_score_sharing', { granted: true, textVersion: currentConsentText('behaviour_score_sharing').version }, memberActor(memberId));
    const month = await sharedScoresOfMonth(env.intake, '2026-06', machine);
    expect(month.scores).toEqual([
      {
        memberId,
        month: '2026-06',
        score: 80,
        components: { adherencePoints: 48, improvementPoints: 32 },
        recommendation: { premiumAdjustmentPct: -3, rangePerYearPct: 5, cumulativeCapPct: 30, note: '仅为建议：是否调整保费及调整幅度由保险公司决定。' },
      },
    ]);
    // Nothing clinical leaves: no measure, trend, value or tip.
    expect(JSON.stringify(month)).not.toMatch(/bp|glucose|toward|血压/);
    expect((await sharedScoreOf(env.intake, memberId, '2026-06', machine, -29)).recommendation.premiumAdjustmentPct).toBe(-1);

    await consents.set(memberId, 'behaviour_score_sharing', { granted: false }, memberActor(memberId));
    expect((await sharedScoresOfMonth(env.intake, '2026-06', machine)).scores).toEqual([]);
    const trail = await env.deps.audit.query({ memberId });
    expect(trail.filter((e) => e.action === 'score.disclosed')).toHaveLength(2);
  });
});

describe('behaviour scores after a withdrawal', () => {
  it('a member who withdrew the health-data consent is neither scored nor disclosed', async () => {
    const memberId = await memberWithJune();
    await createOptionalConsents(env.deps).set(memberId, 'behaviour_score_sharing', { granted: true, textVersion: currentConsentText('behaviour_score_sharing').version }, memberActor(memberId));
    await runMonthlyScores(env.intake);
    await env.deps.store.collection('members').updateOne({ _id: memberId }, { $set: { status: 'consent_withdrawn' } });
    expect((await sharedScoresOfMonth(env.intake, '2026-06', machine)).scores).toEqual([]);
    expect((await failure(sharedScoreOf(env.intake, memberId, '2026-06', machine))).status).toBe(404);
    env.clock.set(Date.UTC(2026, 7, 3, 2, 0));
    expect(await runMonthlyScores(env.intake)).toMatchObject({ month: '2026-07', computed: 0 });
  });
});

describe('the monthly run over many members', () => {
  it('records the members it passes over, so 500 of them at the head do not starve the ones after', async () => {
    const memberId = await memberWithJune();
    // 501 members who withdrew, their plans still stored, ahead of the active member in the run's order.
    const plan = await env.deps.store.collection(PLANS).get(memberId);
    for (let i = 0; i <= 500; i++) {
      const id = `a${String(i).padStart(4, '0')}`;
      await env.deps.store.collection('members').insert({ _id: id, externalUserId: `wm${id}`, addedBy: 'staff_a', team: {}, status: 'consent_withdrawn', intakeStatus: 'done', joinedAtMs: 0, updatedAtMs: 0 });
      await env.deps.store.collection(PLANS).insert({ ...plan!, _id: id });
    }
    expect(await runMonthlyScores(env.intake)).toEqual({ month: '2026-06', computed: 0, remaining: 2 });
    expect(await runMonthlyScores(env.intake)).toEqual({ month: '2026-06', computed: 1, remaining: 0 });
    expect((await readOwnScores(env.intake, memberId)).months.map((m) => m.month)).toEqual(['2026-06']);
    expect(await runMonthlyScores(env.intake)).toEqual({ month: '2026-06', computed: 0, remaining: 0 });
  });
});

describe('when a month is scored', () => {
  it('not before its last daily tasks can no longer be completed: from 00:00 on the 3rd (Shanghai), with a task due on the last evening counted', async () => {
    const memberId = await memberWithJune();
    // Due 23:00 on 30 June (Shanghai), not done: open until 23:00 on 2 July.
    const key = `plan:${memberId}:v1:0@${Date.UTC(2026, 5, 30, 15)}`;
    await createOutcomeEventLog(env.deps.store).record({ type: 'plan_task_due', memberId, key, atMs: Date.UTC(2026, 5, 30, 15), data: { kind: 'monitoring' } });
    const third = Date.UTC(2026, 6, 2, 16, 0); // 2026-07-03 00:00 Shanghai
    env.clock.set(third - 1);
    expect(await runMonthlyScores(env.intake)).toEqual({ month: '2026-06', computed: 0, remaining: 1 });
    expect(await env.deps.store.collection(BEHAVIOUR_SCORES).count({})).toBe(0);
    env.clock.set(third);
    expect(await runMonthlyScores(env.intake)).toEqual({ month: '2026-06', computed: 1, remaining: 0 });
    expect((await readOwnScores(env.intake, memberId)).months[0]?.components.adherence).toMatchObject({ due: 11, done: 8 });
  });
});
