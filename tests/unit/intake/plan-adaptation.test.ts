import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submitHealthForm } from '../../../shared/services/intake/submit-form';
import { submitReading } from '../../../shared/services/intake/readings';
import { createPlanStore, PLANS, PLAN_VERSIONS } from '../../../shared/services/intake/plans';
import { adherenceOf, evaluatePlan, overridePlan } from '../../../shared/services/intake/plan-adaptation';
import { PLAN_EVALUATIONS, runDailyPlanEvaluations } from '../../../shared/services/intake/plan-evaluation-run';
import { createOutcomeEventLog } from '../../../shared/services/outcomes/outcome-events';
import { DAY_MS } from '../../../shared/domain/health/plan-adjustments';
import type { Doc, DocumentStore } from '../../../shared/ports/document-store';
import { memberActor, seedMember, startTestEnv, type TestEnv } from './support';

let env: TestEnv;
beforeEach(async () => {
  env = await startTestEnv(Date.UTC(2026, 5, 1, 0, 0));
  env.intake.evaluatePlan = (memberId) => evaluatePlan(env.intake, memberId);
});
afterEach(async () => {
  await env.close();
});

const consent = { healthDataProcessing: true, textVersion: 'health-data-v1' };
/** Normal-high BP at intake (125/82: weekly monitoring), no diagnosis. */
const form = (over: Record<string, unknown> = {}) => ({
  age: 52, sex: 'male', heightCm: 172, weightKg: 70, smoking: 'never', drinking: 'never', exerciseDaysPerWeek: 3,
  familyHistory: [], conditions: [], systolic: 125, diastolic: 82, consent, ...over,
});

let n = 0;
const bpReading = (systolic: number, diastolic: number) => ({
  readingId: `bp-reading-${++n}`, type: 'blood_pressure', systolic, diastolic, measuredAtMs: env.clock.nowMs() - 60_000, source: 'device',
});

/** One reading a day for `days` days, the clock moving a day after each. */
async function dailyReadings(memberId: string, days: number, systolic: number, diastolic: number) {
  for (let d = 0; d < days; d++) {
    await submitReading(env.intake, memberId, bpReading(systolic, diastolic), memberActor(memberId));
    env.clock.advance(DAY_MS);
  }
}

const live = (e: TestEnv) => {
  const cancelled = new Set(e.cancelled.map((c) => c.id));
  return e.scheduled.flatMap((s) => s.entries.map((_, i) => `${s.idempotencyKeyPrefix}:${i}`)).filter((id) => !cancelled.has(id));
};

describe('plans that respond to readings', () => {
  it('readings high for two weeks → adjusted plan version with reason; reminders switched', async () => {
    const m = await seedMember(env, { team: { family_doctor: 'doc_li' } });
    await submitHealthForm(env.intake, m._id, form(), memberActor(m._id));
    const plans = createPlanStore(env.deps.store, env.deps.cipher);
    const before = (await plans.get(m._id))!;
    const v1Ids = live(env);
    expect(v1Ids.every((id) => id.startsWith(`plan:${m._id}:v1:`))).toBe(true);

    // Three high readings are not yet "most readings": nothing changes.
    await dailyReadings(m._id, 3, 152, 96);
    expect((await plans.get(m._id))!.revision).toBe(0);
    // The fourth makes it four of four over the last 14 days.
    await dailyReadings(m._id, 11, 150, 94);

    const plan = (await plans.get(m._id))!;
    expect(plan).toMatchObject({ version: 1, revision: 1, adjustments: [{ code: 'bp_high', reasonZh: '近14天4次血压中有4次（100%）高于目标（低于135/85 mmHg）' }] });
    expect(plan.base).toEqual(before.entries);
    expect(plan.entries.filter((e) => e.title.includes('血压')).map((e) => e.recurrence)).toEqual([
      { type: 'daily', time: '07:30' },
      { type: 'daily', time: '21:00' },
    ]);
    expect(plan.scheduledAtMs).toBeDefined();

    // Reminders switched: every recurring v1 reminder retired, the revision's scheduled under its own
    // key; the profile plan's one-offs (measure once, the check-up invitations) are carried over, not
    // sent again; the doctor's follow-up handed over once.
    const oneOffs = before.entries.flatMap((e, i) => (e.recurrence.type === 'once' ? [`plan:${m._id}:v1:${i}`] : []));
    expect(oneOffs.length).toBeGreaterThan(0);
    expect(env.cancelled.filter((c) => c.reason === 'plan_adjusted').map((c) => c.id).sort()).toEqual(v1Ids.filter((id) => !oneOffs.includes(id)).sort());
    const now = live(env);
    expect(now.filter((id) => id.startsWith(`plan:${m._id}:v1r1:`))).toHaveLength(plan.entries.filter((e) => e.recurrence.type !== 'once').length);
    expect(now.filter((id) => id.startsWith(`plan:${m._id}:v1:`)).sort()).toEqual(oneOffs.sort());
    const revised = env.scheduled.find((s) => s.idempotencyKeyPrefix === `plan:${m._id}:v1r1`);
    expect(revised?.entries.some((e) => e.recurrence.type === 'once')).toBe(false);
    const doctor = env.scheduled.filter((s) => s.idempotencyKeyPrefix.startsWith(`adj:${m._id}:bp_high:`));
    expect(doctor).toHaveLength(1);
    expect(doctor[0]?.entries).toEqual([expect.objectContaining({ audience: 'family_doctor', kind: 'staff_follow_up' })]);

    // The history says why, newest first; the later high readings made no further versions.
    const history = await plans.history(m._id);
    expect(history.map((h) => [h.version, h.revision, h.cause])).toEqual([
      [1, 1, 'adjustment'],
      [1, 0, 'profile'],
    ]);
    expect(history[0]?.changes).toEqual([{ code: 'bp_high', change: 'start', reasonZh: expect.stringContaining('高于目标') }]);
    // Encrypted at rest: the stored history does not carry the reason in clear.
    const raw = JSON.stringify(await env.deps.store.collection(PLAN_VERSIONS).find({ memberId: m._id }));
    expect(raw).not.toContain('高于目标');
    expect(raw).not.toContain('血压');
  });

  it('goes back to the profile cadence after two months in range, and the daily run is idempotent', async () => {
    const m = await seedMember(env);
    await submitHealthForm(env.intake, m._id, form(), memberActor(m._id));
    await dailyReadings(m._id, 4, 150, 95);
    const plans = createPlanStore(env.deps.store, env.deps.cipher);
    expect((await plans.get(m._id))!.revision).toBe(1);
    // In range every other day for two months.
    for (let d = 0; d < 31; d++) {
      await submitReading(env.intake, m._id, bpReading(124, 78), memberActor(m._id));
      env.clock.advance(2 * DAY_MS);
    }
    const plan = (await plans.get(m._id))!;
    expect(plan.revision).toBe(2);
    expect(plan.adjustments).toEqual([]);
    expect(plan.entries).toEqual(plan.base);
    expect((await plans.history(m._id, 1))[0]?.changes).toEqual([{ code: 'bp_high', change: 'end', reasonZh: expect.stringContaining('恢复原来的监测频率') }]);

    const first = await runDailyPlanEvaluations(env.intake);
    expect(first).toMatchObject({ evaluated: 1, changed: 0 });
    expect(await runDailyPlanEvaluations(env.intake)).toMatchObject({ evaluated: 0, remaining: 0 });
    expect((await plans.get(m._id))!.revision).toBe(2);
  });

  it('the daily run starts the butler follow-up on missed plan tasks (adherence from outcome events)', async () => {
    const m = await seedMember(env);
    await submitHealthForm(env.intake, m._id, form(), memberActor(m._id));
    const events = createOutcomeEventLog(env.deps.store);
    // Due 3 to 12 days ago: every one's 48 h window has closed.
    for (let d = 3; d <= 12; d++) {
      const key = `plan:${m._id}:v1:0@${env.clock.nowMs() - d * DAY_MS}`;
      await events.record({ type: 'plan_task_due', memberId: m._id, key, atMs: env.clock.nowMs() - d * DAY_MS });
      if (d <= 5) await events.record({ type: 'plan_task_done', memberId: m._id, key, atMs: env.clock.nowMs() - d * DAY_MS + 3600_000, data: { by: 'member' } });
    }
    const run = await runDailyPlanEvaluations(env.intake);
    expect(run).toMatchObject({ evaluated: 1, changed: 1 });
    const plan = (await createPlanStore(env.deps.store, env.deps.cipher).get(m._id))!;
    expect(plan.adjustments).toEqual([expect.objectContaining({ code: 'low_adherence', reasonZh: '近14天10项计划任务完成了3项（30%）' })]);
    const butler = env.scheduled.find((s) => s.idempotencyKeyPrefix.startsWith(`adj:${m._id}:low_adherence:`));
    expect(butler?.entries).toEqual([expect.objectContaining({ audience: 'member', cadence: 'follow_up' })]);
  });

  it('a doctor override ends the adjustment, holds the rule off for N weeks, and is a version with its reason', async () => {
    const m = await seedMember(env, { team: { family_doctor: 'doc_li' } });
    await submitHealthForm(env.intake, m._id, form(), memberActor(m._id));
    await dailyReadings(m._id, 4, 150, 95);
    const doctor = { kind: 'staff' as const, id: 'doc_li' };
    const res = await overridePlan(env.intake, m._id, { code: 'bp_high', weeks: 4 }, doctor);
    expect(res).toMatchObject({ changed: true, revision: 2 });
    const plans = createPlanStore(env.deps.store, env.deps.cipher);
    const plan = (await plans.get(m._id))!;
    expect(plan.adjustments).toEqual([]);
    expect(plan.entries).toEqual(plan.base);
    // The doctor's follow-up task of the reverted adjustment is cancelled with it.
    expect(env.cancelled.filter((c) => c.reason === 'adjustment_ended').map((c) => c.id)).toEqual([expect.stringMatching(new RegExp(`^adj:${m._id}:bp_high:\\d+:0$`))]);
    // Still high for three more weeks: the hold keeps the normal cadence…
    await dailyReadings(m._id, 21, 150, 95);
    expect((await plans.get(m._id))!.revision).toBe(2);
    // …and once four weeks are over the data decides again.
    await dailyReadings(m._id, 8, 150, 95);
    expect((await plans.get(m._id))!).toMatchObject({ revision: 3, adjustments: [expect.objectContaining({ code: 'bp_high' })] });
    const history = await plans.history(m._id);
    expect(history.find((h) => h.cause === 'override')).toMatchObject({ by: doctor, changes: [{ code: 'bp_high', change: 'end', weeks: 4, reasonZh: '家庭医生复核后撤销「血压持续偏高」调整，4周内保持原来的计划' }] });
    const audit = await env.deps.audit.query({ memberId: m._id });
    expect(audit.filter((a) => a.action === 'plan.override' && a.outcome === 'done')).toHaveLength(1);
  });

  it('a newer profile version replaces the adjusted plan and retires its reminders', async () => {
    const m = await seedMember(env);
    await submitHealthForm(env.intake, m._id, form(), memberActor(m._id));
    await dailyReadings(m._id, 4, 150, 95);
    const revised = live(env).filter((id) => id.startsWith(`plan:${m._id}:v1r1:`));
    expect(revised.length).toBeGreaterThan(0);
    await submitHealthForm(env.intake, m._id, form({ conditions: ['hypertension'] }), memberActor(m._id));
    const plan = (await createPlanStore(env.deps.store, env.deps.cipher).get(m._id))!;
    expect(plan).toMatchObject({ version: 2, revision: 0, adjustments: [], holds: [] });
    expect(env.cancelled.filter((c) => c.reason === 'plan_replaced').map((c) => c.id)).toEqual(expect.arrayContaining(revised));
    expect(live(env).filter((id) => id.startsWith('plan:')).every((id) => id.startsWith(`plan:${m._id}:v2:`))).toBe(true);
  });

  it('a revision that lost to a newer profile version writes nothing and schedules nothing', async () => {
    const m = await seedMember(env);
    await submitHealthForm(env.intake, m._id, form(), memberActor(m._id));
    const plans = createPlanStore(env.deps.store, env.deps.cipher);
    const stale = (await plans.get(m._id))!;
    await submitHealthForm(env.intake, m._id, form({ weightKg: 72 }), memberActor(m._id));
    const res = await plans.revise(m._id, { version: stale.version, revision: 0 }, { entries: stale.entries, adjustments: [], holds: [], cause: 'adjustment', changes: [], by: { kind: 'system', id: 't' }, atMs: env.clock.nowMs(), carry: [] });
    expect(res.current).toBe(false);
    expect((await plans.get(m._id))!).toMatchObject({ version: 2, revision: 0 });
  });
});

describe('revisions racing profile versions', () => {
  it('leaves exactly the current plan version\'s reminders live, whichever writer wins', async () => {
    for (let round = 0; round < 6; round++) {
      const m = await seedMember(env);
      await submitHealthForm(env.intake, m._id, form(), memberActor(m._id));
      await dailyReadings(m._id, 3, 150, 95);
      // The fourth high reading (→ a revision) and a new form (→ version 2) at once, in either order.
      const reading = () => submitReading(env.intake, m._id, bpReading(150, 95), memberActor(m._id));
      const resubmit = () => submitHealthForm(env.intake, m._id, form({ weightKg: 71 + round }), memberActor(m._id));
      await Promise.all(round % 2 ? [reading(), resubmit()] : [resubmit(), reading()]);
      // The daily run may revise the new version too; then what is live must match what is stored.
      await runDailyPlanEvaluations(env.intake);
      const plan = (await createPlanStore(env.deps.store, env.deps.cipher).get(m._id))!;
      const base = `plan:${m._id}:v${plan.version}:`;
      const expected = plan.revision
        ? [...plan.base.flatMap((e, i) => (e.recurrence.type === 'once' ? [`${base}${i}`] : [])), ...plan.entries.filter((e) => e.recurrence.type !== 'once').map((_, i) => `plan:${m._id}:v${plan.version}r${plan.revision}:${i}`)]
        : plan.entries.map((_, i) => `${base}${i}`);
      const mine = live(env).filter((id) => id.startsWith(`plan:${m._id}:`));
      expect({ round, live: mine.sort() }).toEqual({ round, live: expected.sort() });
      expect(plan.version).toBe(2);
    }
  });
});

describe('the daily evaluation over many members', () => {
  it('records a failed evaluation for the day, so 500 failing members at the head do not starve the ones after', async () => {
    const m = await seedMember(env);
    await submitHealthForm(env.intake, m._id, form(), memberActor(m._id));
    // 501 plans that cannot be read (sealed for another member: decryption fails), ahead of the member in the run's order.
    const plan = await env.deps.store.collection(PLANS).get(m._id);
    for (let i = 0; i <= 500; i++) await env.deps.store.collection(PLANS).insert({ ...plan!, _id: `a${String(i).padStart(4, '0')}` });
    expect(await runDailyPlanEvaluations(env.intake)).toMatchObject({ evaluated: 500, remaining: 2 });
    expect(await runDailyPlanEvaluations(env.intake)).toMatchObject({ evaluated: 2, remaining: 0 });
    expect(await env.deps.store.collection(PLAN_EVALUATIONS).get(m._id)).toMatchObject({ day: '2026-06-01', failed: false });
    expect(await env.deps.store.collection(PLAN_EVALUATIONS).get('a0000')).toMatchObject({ day: '2026-06-01', failed: true });
    expect(await runDailyPlanEvaluations(env.intake)).toMatchObject({ evaluated: 0, remaining: 0 });
  });
});

describe('adherence', () => {
  it('counts only occurrences whose completion window has closed: a task the member can still complete is not missed yet', async () => {
    const now = env.clock.nowMs();
    const events = createOutcomeEventLog(env.deps.store);
    const due = (atMs: number, kind: string) => events.record({ type: 'plan_task_due', memberId: 'm1', key: `plan:m1:v1:${kind}@${atMs}`, atMs, data: { kind } });
    await due(now - 48 * 3600_000, 'monitoring'); // exactly 48 h ago: still open
    await due(now - 48 * 3600_000 - 1, 'medication'); // closed a moment ago
    await due(now - 5 * DAY_MS, 'follow_up_visit'); // open for 14 days
    await due(now - 15 * DAY_MS, 'exercise_task'); // closed, but before the window asked about
    expect(await adherenceOf(env.deps, 'm1', now - 14 * DAY_MS, now, now)).toEqual({ due: 1, done: 0 });
    expect(await adherenceOf(env.deps, 'm1', now - 14 * DAY_MS, now, now + 1)).toEqual({ due: 2, done: 0 });
    expect(await adherenceOf(env.deps, 'm1', now - 14 * DAY_MS, now, now + 10 * DAY_MS)).toEqual({ due: 3, done: 0 });
  });

  it('reads only the events of the window it counts, whatever the member\'s history, with the same count', async () => {
    const now = env.clock.nowMs();
    const events = createOutcomeEventLog(env.deps.store);
    const task = async (atMs: number, doneAtMs?: number) => {
      const key = `plan:m1:v1:0@${atMs}`;
      await events.record({ type: 'plan_task_due', memberId: 'm1', key, atMs, data: { kind: 'monitoring' } });
      if (doneAtMs !== undefined) await events.record({ type: 'plan_task_done', memberId: 'm1', key, atMs: doneAtMs, data: { kind: 'monitoring', by: 'reading' } });
    };
    // A year of daily tasks before the window, all done.
    for (let d = 15; d < 380; d++) await task(now - d * DAY_MS, now - d * DAY_MS + 3600_000);
    const since = now - 14 * DAY_MS;
    // In the window: one done by a reading an hour before it fell due, one done a day later, one missed.
    await task(since + 2 * 3600_000, since + 3600_000);
    await task(since + DAY_MS, since + 2 * DAY_MS);
    await task(since + 3 * DAY_MS);
    // The documents the store hands back (what a MongoDB or CloudBase read carries over the network).
    let read = 0;
    const inner = env.deps.store;
    const store: DocumentStore = {
      kind: inner.kind,
      close: () => inner.close(),
      collection: <T extends Doc>(name: string) => {
        const c = inner.collection<T>(name);
        const find: typeof c.find = async (filter, options) => {
          const docs = await c.find(filter, options);
          read += docs.length;
          return docs;
        };
        return new Proxy(c, { get: (target, prop, receiver) => (prop === 'find' ? find : Reflect.get(target, prop, receiver)) });
      },
    };
    expect(await adherenceOf({ store }, 'm1', since, now, now)).toEqual({ due: 3, done: 2 });
    expect(read).toBeLessThanOrEqual(5);
  });
});
