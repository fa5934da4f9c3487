import { beforeEach, describe, expect, it } from 'vitest';
import { createStoreAuditLog } from '../../../shared/adapters/audit/store-audit-log';
import { createLogger } from '../../../shared/adapters/log/logger';
import { shanghaiInstant } from '../../../shared/domain/reminders/shanghai-time';
import type { ScheduleEntry } from '../../../shared/domain/schedule/recurrence';
import { carriedOneOffIds, createPlanStore, planKeyPrefix, revisionEntriesToSchedule } from '../../../shared/services/intake/plans';
import { createMemberRepository } from '../../../shared/services/members/member-repository';
import { OUTCOME_EVENTS } from '../../../shared/services/outcomes/outcome-events';
import { completeByEvidence } from '../../../shared/services/plan-tasks/complete-by-data';
import type { PlanTaskDeps } from '../../../shared/services/plan-tasks/deps';
import { markDoneByMember } from '../../../shared/services/plan-tasks/mark-done';
import { listMemberTasks } from '../../../shared/services/plan-tasks/member-tasks';
import { awardPoints, createMemberPointsService, type AwardDeps } from '../../../shared/services/points/member-points';
import { createHarness, type Harness } from '../reminders-service/harness';

/*
 * Plan tasks over the real reminder dispatcher, outcome log and points ledger on an in-memory store:
 * a member on morning and evening blood pressure, a weekly fasting glucose, the yearly check-up, and
 * a family-doctor follow-up that is the team's task, not the member's.
 */
const MON_0600 = shanghaiInstant(2026, 3, 2, 6, 0);
const AM = shanghaiInstant(2026, 3, 2, 7, 30);
const PM = shanghaiInstant(2026, 3, 2, 21, 0);
const GLUCOSE = shanghaiInstant(2026, 3, 2, 7, 0);
const CHECK_UP = shanghaiInstant(2026, 3, 2, 10, 0);
const MIN = 60_000;

const ENTRIES: ScheduleEntry[] = [
  { kind: 'monitoring', title: '请测量早晨血压并上传（起床后、服药前）', recurrence: { type: 'daily', time: '07:30' }, audience: 'member', measures: 'blood_pressure' },
  { kind: 'monitoring', title: '请测量晚间血压并上传（睡前）', recurrence: { type: 'daily', time: '21:00' }, audience: 'member', measures: 'blood_pressure' },
  { kind: 'monitoring', title: '请测量空腹血糖并上传', recurrence: { type: 'weekly', days: [1, 4], time: '07:00' }, audience: 'member', measures: 'glucose' },
  { kind: 'check_up', title: '年度体检提醒：预约今年的健康体检，完成后上传体检报告', recurrence: { type: 'every_n_weeks', n: 52, time: '10:00' }, startAtMs: MON_0600, audience: 'member' },
  { kind: 'staff_follow_up', title: '高风险会员每周随访', recurrence: { type: 'daily', time: '09:00' }, audience: 'family_doctor' },
];
const [AM_ID, PM_ID, GLUCOSE_ID, CHECK_UP_ID, STAFF_ID] = ENTRIES.map((_, i) => `${planKeyPrefix('m1', 1)}:${i}`) as [string, string, string, string, string];

let h: Harness;
let deps: PlanTaskDeps;
let points: AwardDeps & { points: ReturnType<typeof createMemberPointsService> };

/** What intake does with a completed form: the plan stored (encrypted), its reminders made and recorded on it. */
async function schedulePlan(entries: ScheduleEntry[]): Promise<void> {
  const plans = createPlanStore(h.store, h.cipher);
  await plans.replace('m1', { version: 1, tier: 'high', entries, builtAtMs: h.clock.nowMs() });
  const { ids } = await h.service.createFromPlan('m1', entries, { idempotencyKeyPrefix: planKeyPrefix('m1', 1) });
  await plans.markScheduled('m1', 1, h.clock.nowMs(), ids);
}

const events = (type: string) => h.store.collection<{ _id: string; key: string; data?: Record<string, unknown>; atMs: number }>(OUTCOME_EVENTS).find({ type }, { sort: { key: 1 } });
const earned = async () => (await points.points.history('m1', { limit: 50 })).entries.filter((e) => e.ruleId === 'plan_task_completed');
const at = async (ms: number) => {
  h.clock.set(ms);
  await h.service.dispatch();
};

beforeEach(async () => {
  h = createHarness({}, MON_0600);
  await h.addMember('m1');
  await h.addMember('m2');
  await h.openKf('m1');
  const platform = { store: h.store, clock: h.clock, audit: createStoreAuditLog(h.store, { clock: h.clock }), members: createMemberRepository(h.store) };
  points = { points: createMemberPointsService(platform), members: platform.members };
  deps = {
    store: h.store,
    clock: h.clock,
    cipher: h.cipher,
    log: createLogger({ level: 'silent' }),
    awardPoints: async (memberId, sourceRef, idempotencyKey) => {
      const r = await awardPoints(points, { memberId, rule: 'plan_task_completed', sourceRef, idempotencyKey });
      return r.duplicate || r.status !== 'applied' ? 0 : r.points;
    },
  };
  await schedulePlan(ENTRIES);
});

describe('a plan task falls due', () => {
  it('when the dispatcher takes its occurrence up — once, with the kind only — and the team’s follow-up is no member task', async () => {
    await at(CHECK_UP + MIN);
    await at(CHECK_UP + 2 * MIN);
    const due = await events('plan_task_due');
    expect(due.map((e) => e.key).sort()).toEqual([`${AM_ID}@${AM}`, `${GLUCOSE_ID}@${GLUCOSE}`, `${CHECK_UP_ID}@${CHECK_UP}`].sort());
    expect(due.find((e) => e.key.startsWith(AM_ID))).toMatchObject({ atMs: AM, data: { kind: 'monitoring' } });
    expect(due.some((e) => e.key.startsWith(STAFF_ID))).toBe(false);
  });

  it('even when the send fails (no channel reaches the member), but not while the member paused it', async () => {
    await h.store.collection('kf_sessions').deleteMany({ _id: 'm1' });
    await h.service.pauseKindForMember('m1', 'check_up', MON_0600 + 7 * 86_400_000);
    await at(CHECK_UP + MIN);
    const keys = (await events('plan_task_due')).map((e) => e.key);
    expect(keys).toContain(`${AM_ID}@${AM}`);
    expect(keys.some((k) => k.startsWith(CHECK_UP_ID))).toBe(false);
  });
});

describe('the member marks a task done', () => {
  it('once: pressing twice records one done event and credits 10 points once', async () => {
    await at(CHECK_UP + MIN);
    const first = await markDoneByMember(deps, { memberId: 'm1', reminderId: AM_ID, occurrenceAtMs: AM, via: 'member-link' });
    const again = await markDoneByMember(deps, { memberId: 'm1', reminderId: AM_ID, occurrenceAtMs: AM, via: 'member-link' });
    expect(first).toMatchObject({ by: 'member', pointsAwarded: 10, replayed: false });
    expect(again).toMatchObject({ by: 'member', pointsAwarded: 0, replayed: true });
    expect(await events('plan_task_done')).toEqual([expect.objectContaining({ key: `${AM_ID}@${AM}`, data: { kind: 'monitoring', by: 'member', via: 'member-link' } })]);
    expect((await earned()).map((e) => e.amount)).toEqual([10]);
  });

  it('refuses an occurrence still to come, one past its window and one the series never had, naming occurrenceAtMs', async () => {
    await at(CHECK_UP + MIN);
    const refused = (occurrenceAtMs: number, code: string) =>
      expect(markDoneByMember(deps, { memberId: 'm1', reminderId: PM_ID, occurrenceAtMs, via: 'member' })).rejects.toMatchObject({
        status: 422,
        code,
        details: { fields: [expect.objectContaining({ field: 'occurrenceAtMs', messageZh: expect.any(String) })] },
      });
    await refused(PM, 'task_not_due');
    await refused(PM - 86_400_000 + 1, 'not_an_occurrence');
    await at(AM + 49 * 3_600_000);
    await expect(markDoneByMember(deps, { memberId: 'm1', reminderId: AM_ID, occurrenceAtMs: AM, via: 'member' })).rejects.toMatchObject({ status: 422, code: 'task_expired' });
    expect(await events('plan_task_done')).toEqual([]);
    expect(await earned()).toEqual([]);
  });

  it('of their own plan only: another member’s reminder is not found, the team’s follow-up is no task', async () => {
    await at(CHECK_UP + MIN);
    await expect(markDoneByMember(deps, { memberId: 'm2', reminderId: AM_ID, occurrenceAtMs: AM, via: 'member' })).rejects.toMatchObject({ status: 404 });
    await expect(markDoneByMember(deps, { memberId: 'm1', reminderId: STAFF_ID, occurrenceAtMs: shanghaiInstant(2026, 3, 2, 9, 0), via: 'member' })).rejects.toMatchObject({
      status: 422,
      code: 'not_a_plan_task',
    });
  });

  it('sees today’s tasks: the ones due with their state, newest first, then the evening one still to come', async () => {
    await at(CHECK_UP + MIN);
    await markDoneByMember(deps, { memberId: 'm1', reminderId: GLUCOSE_ID, occurrenceAtMs: GLUCOSE, via: 'member' });
    const tasks = await listMemberTasks(deps, 'm1');
    expect(tasks.map((t) => [t.title.slice(0, 8), t.occurrenceAtMs, t.upcoming, t.done?.by ?? null])).toEqual([
      ['年度体检提醒：预', CHECK_UP, false, null],
      ['请测量早晨血压并', AM, false, null],
      ['请测量空腹血糖并', GLUCOSE, false, 'member'],
      ['请测量晚间血压并', PM, true, null],
    ]);
  });
  it('lists what is still to come today only: a task at tomorrow 00:00 is not today’s', async () => {
    h = createHarness({}, MON_0600);
    await h.addMember('m1');
    deps = { ...deps, store: h.store, clock: h.clock, cipher: h.cipher };
    await schedulePlan([{ kind: 'medication', title: '请按时服用降压药', recurrence: { type: 'daily', time: '00:00' }, audience: 'member' }]);
    const midnight = shanghaiInstant(2026, 3, 3, 0, 0);
    h.clock.set(midnight - 60 * MIN);
    expect((await listMemberTasks(deps, 'm1')).map((t) => t.occurrenceAtMs)).toEqual([]);
    // At midnight it is today's, and due.
    h.clock.set(midnight);
    expect((await listMemberTasks(deps, 'm1')).map((t) => [t.occurrenceAtMs, t.upcoming])).toEqual([[midnight, false]]);
  });
});

describe('data completes a task', () => {
  it('a blood-pressure reading completes exactly the blood-pressure task it was measured for, by reading, with its points', async () => {
    await at(CHECK_UP + MIN);
    const r = await completeByEvidence(deps, 'm1', 'blood_pressure', AM + 20 * MIN);
    expect(r).toMatchObject({ reminderId: AM_ID, occurrenceAtMs: AM, recorded: true, pointsAwarded: 10 });
    expect((await events('plan_task_done')).map((e) => [e.key, e.data?.by])).toEqual([[`${AM_ID}@${AM}`, 'reading']]);
    // The member's 「完成」 afterwards changes nothing and earns nothing more.
    expect(await markDoneByMember(deps, { memberId: 'm1', reminderId: AM_ID, occurrenceAtMs: AM, via: 'member' })).toMatchObject({ by: 'reading', replayed: true, pointsAwarded: 0 });
    expect((await earned()).map((e) => e.amount)).toEqual([10]);
    // A fasting glucose reading completes the glucose task, not the evening blood pressure.
    expect(await completeByEvidence(deps, 'm1', 'glucose', CHECK_UP)).toMatchObject({ reminderId: GLUCOSE_ID, occurrenceAtMs: GLUCOSE });
    expect(await completeByEvidence(deps, 'm1', 'weight', CHECK_UP)).toBeNull();
  });

  it('a reading before the dispatcher took the occurrence up (quiet hours) completes it and records it due, once', async () => {
    h.clock.set(AM + 10 * MIN);
    expect(await completeByEvidence(deps, 'm1', 'blood_pressure', AM + 5 * MIN)).toMatchObject({ reminderId: AM_ID, occurrenceAtMs: AM });
    await at(shanghaiInstant(2026, 3, 2, 8, 1));
    expect((await events('plan_task_due')).filter((e) => e.key === `${AM_ID}@${AM}`)).toHaveLength(1);
  });

  it('an exam report completes the check-up task, by report', async () => {
    await at(CHECK_UP + MIN);
    h.clock.set(CHECK_UP + 20 * 86_400_000);
    expect(await completeByEvidence(deps, 'm1', 'exam_report', h.clock.nowMs())).toMatchObject({ reminderId: CHECK_UP_ID, occurrenceAtMs: CHECK_UP, recorded: true });
    expect((await events('plan_task_done')).map((e) => e.data?.by)).toEqual(['report']);
  });

  it('after a plan revision a glucose reading completes the carried one-off glucose task, not a blood-pressure one', async () => {
    h = createHarness({}, MON_0600);
    await h.addMember('m1');
    await h.openKf('m1');
    deps = { ...deps, store: h.store, clock: h.clock, cipher: h.cipher };
    // The profile plan: a one-off fasting glucose (plan-monitoring.ts) before the morning blood pressure.
    const once: ScheduleEntry = { kind: 'monitoring', title: '请测量一次空腹血糖并上传，帮助完善健康档案', recurrence: { type: 'once' }, startAtMs: GLUCOSE, audience: 'member', measures: 'glucose' };
    const base = [once, ENTRIES[0] as ScheduleEntry];
    await schedulePlan(base);
    // A blood-pressure revision, scheduled the way plan-adaptation.ts applyRevision does: the recurring
    // entries anew under the revision's prefix, the one-off carried.
    const plans = createPlanStore(h.store, h.cipher);
    const plan = await plans.get('m1');
    const entries = [...base, ENTRIES[1] as ScheduleEntry];
    const { revision, retired } = await plans.revise('m1', { version: 1, revision: 0 }, { entries, adjustments: [], holds: [], cause: 'adjustment', changes: [], by: { kind: 'system', id: 'test' }, atMs: h.clock.nowMs(), carry: carriedOneOffIds('m1', plan!) });
    for (const id of retired) await h.service.cancel(id, 'plan_adjusted');
    const { ids } = await h.service.createFromPlan('m1', revisionEntriesToSchedule(entries), { idempotencyKeyPrefix: planKeyPrefix('m1', 1, revision) });
    expect(await plans.markScheduled('m1', 1, h.clock.nowMs(), ids, revision)).toBe(true);

    await at(AM + MIN);
    const r = await completeByEvidence(deps, 'm1', 'glucose', GLUCOSE + 5 * MIN);
    expect(r).toMatchObject({ reminderId: `${planKeyPrefix('m1', 1)}:0`, occurrenceAtMs: GLUCOSE, recorded: true });
    // The blood-pressure task is still open, and a blood-pressure reading completes it.
    expect(await completeByEvidence(deps, 'm1', 'blood_pressure', AM + 2 * MIN)).toMatchObject({ reminderId: `${planKeyPrefix('m1', 1, revision)}:0`, occurrenceAtMs: AM });
  });

  it('a plan stored before the code existed is matched by its titles', async () => {
    h = createHarness({}, MON_0600);
    await h.addMember('m1');
    const { awardPoints: _points, ...withoutPoints } = deps;
    deps = { ...withoutPoints, store: h.store, clock: h.clock, cipher: h.cipher };
    await schedulePlan(ENTRIES.map(({ measures: _m, ...e }) => e));
    await at(CHECK_UP + MIN);
    expect(await completeByEvidence(deps, 'm1', 'blood_pressure', CHECK_UP)).toMatchObject({ reminderId: AM_ID, occurrenceAtMs: AM, pointsAwarded: 0 });
  });
});
