import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { signToken } from '../../shared/adapters/auth/tokens';
import { shanghaiInstant } from '../../shared/domain/reminders/shanghai-time';
import { ManualClock } from '../../shared/ports/clock';
import { MEMBERS, type Member } from '../../shared/services/members/member';
import { OUTCOME_EVENTS } from '../../shared/services/outcomes/outcome-events';
import { servicesOf as pointsServicesOf } from '../../functions/points/wiring';

/**
 * Plan tasks through the local stack, as a member with hypertension: the form builds the plan, the
 * minute timer makes its morning tasks fall due, a blood-pressure reading completes the morning
 * blood-pressure task by itself, the member presses 「完成」 on the medication (twice: one award),
 * cannot on the evening one yet, the exam report completes the check-up, and the mini-program marks
 * the glucose task done — each with its points, once.
 */
const T_PLAN = shanghaiInstant(2026, 3, 2, 6, 0); // a Monday, before the morning tasks
const T_TASKS = shanghaiInstant(2026, 3, 2, 10, 1);
const clock = new ManualClock(T_PLAN);
let stack: LocalStack;

const FORM = {
  age: 58,
  sex: 'male',
  heightCm: 170,
  weightKg: 82,
  systolic: 146,
  diastolic: 92,
  fastingGlucose: 6.4,
  smoking: 'never',
  drinking: 'occasional',
  exerciseDaysPerWeek: 1,
  familyHistory: [],
  conditions: ['hypertension'],
  medications: '氨氯地平 5mg 每日一次',
  consent: { healthDataProcessing: true, textVersion: 'health-data-v1' },
};

interface Task {
  reminderId: string;
  kind: string;
  title: string;
  occurrenceAtMs: number;
  upcoming: boolean;
  done: { by: string } | null;
}

const session = (memberId: string) => ({ authorization: `Bearer ${signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: memberId }, 3600, clock.nowMs())}`, 'content-type': 'application/json' });
const tasksOf = async (memberId: string): Promise<Task[]> => {
  const res = await fetch(`${stack.url}/api/reminders/mine/tasks`, { headers: session(memberId) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { tasks: Task[] }).tasks;
};
const task = (tasks: Task[], words: string) => {
  const t = tasks.find((x) => x.title.includes(words));
  if (!t) throw new Error(`no task with ${words}: ${tasks.map((x) => x.title).join(' / ')}`);
  return t;
};
const done = (memberId: string, t: Pick<Task, 'reminderId' | 'occurrenceAtMs'>, headers = session(memberId)) =>
  fetch(`${stack.url}/api/reminders/mine/${encodeURIComponent(t.reminderId)}/done`, { method: 'POST', headers, body: JSON.stringify({ occurrenceAtMs: t.occurrenceAtMs }) });

async function seedMember(id: string): Promise<void> {
  const member: Member = { _id: id, externalUserId: `wm_${id}`, team: { family_doctor: 'doc-1', health_butler: 'hb-1' }, status: 'active', joinedAtMs: T_PLAN, updatedAtMs: T_PLAN };
  await stack.deps.store.collection<Member>(MEMBERS).insert(member);
}

beforeAll(async () => {
  stack = await startLocalStack({ clock, env: { LOG_LEVEL: 'silent' } });
  await seedMember('m_pt');
  await seedMember('m_other');
  const form = await fetch(`${stack.url}/api/intake/forms`, { method: 'POST', headers: session('m_pt'), body: JSON.stringify(FORM) });
  expect(form.status).toBe(201);
  clock.set(T_TASKS);
  expect((await fetch(`${stack.url}/_dev/timers/reminder-cron`, { method: 'POST' })).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

describe('plan tasks end to end', () => {
  it('lists the morning tasks that fell due and the evening one still to come', async () => {
    const tasks = await tasksOf('m_pt');
    expect(task(tasks, '早晨血压')).toMatchObject({ kind: 'monitoring', occurrenceAtMs: shanghaiInstant(2026, 3, 2, 7, 30), upcoming: false, done: null });
    expect(task(tasks, '服药')).toMatchObject({ kind: 'medication', upcoming: false, done: null });
    expect(task(tasks, '晚间血压')).toMatchObject({ upcoming: true });
    expect(tasks.some((t) => t.kind === 'staff_follow_up')).toBe(false);
  });

  it('a blood-pressure reading completes the morning blood-pressure task, and no other', async () => {
    const reading = { readingId: 'bp-20260302-0955', type: 'blood_pressure', systolic: 138, diastolic: 86, measuredAtMs: shanghaiInstant(2026, 3, 2, 9, 55), source: 'manual' };
    expect((await fetch(`${stack.url}/api/intake/readings`, { method: 'POST', headers: session('m_pt'), body: JSON.stringify(reading) })).status).toBe(201);
    const tasks = await tasksOf('m_pt');
    expect(task(tasks, '早晨血压').done).toMatchObject({ by: 'reading' });
    expect(task(tasks, '空腹血糖').done).toBeNull();
    expect(task(tasks, '服药').done).toBeNull();
  });

  it('「完成」 on the medication: 201 with 10 points, then 200 replayed with none', async () => {
    const medication = task(await tasksOf('m_pt'), '服药');
    const first = await done('m_pt', medication);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ by: 'member', pointsAwarded: 10, replayed: false });
    const again = await done('m_pt', medication);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toMatchObject({ by: 'member', pointsAwarded: 0, replayed: true });
  });

  it('refuses the evening task before it is due, naming occurrenceAtMs in Chinese; nobody else may mark it', async () => {
    const evening = task(await tasksOf('m_pt'), '晚间血压');
    const early = await done('m_pt', evening);
    expect(early.status).toBe(422);
    expect(await early.json()).toMatchObject({ error: { code: 'task_not_due', fields: [{ field: 'occurrenceAtMs', messageZh: expect.stringContaining('还没到时间') }] } });
    const medication = task(await tasksOf('m_pt'), '服药');
    expect((await done('m_other', medication)).status).toBe(404);
    const staff = { authorization: `Bearer ${stack.staffToken('hb-1', 'health_butler')}`, 'content-type': 'application/json' };
    expect((await done('m_pt', medication, staff)).status).toBe(403);
    const bad = await fetch(`${stack.url}/api/reminders/mine/${encodeURIComponent(medication.reminderId)}/done`, { method: 'POST', headers: session('m_pt'), body: JSON.stringify({ occurrenceAtMs: 'today' }) });
    expect(await bad.json()).toMatchObject({ error: { code: 'validation_failed', fields: [expect.objectContaining({ field: 'occurrenceAtMs' })] } });
  });

  it('an exam report completes the check-up task', async () => {
    const res = await fetch(`${stack.url}/api/intake/reports`, { method: 'POST', headers: session('m_pt'), body: JSON.stringify({ reportId: 'exam-2026', fileRef: 'cloud://env/reports/exam-2026.pdf' }) });
    expect(res.status).toBe(201);
    expect(task(await tasksOf('m_pt'), '年度体检').done).toMatchObject({ by: 'report' });
  });

  it('the mini-program lists the tasks and marks the glucose one done', async () => {
    await stack.deps.members.bindOpenId('m_pt', 'o_pt', clock.nowMs());
    const call = async (action: string, data: unknown) =>
      (await (await fetch(`${stack.url}/_dev/call/reminder-cron`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-openid': 'o_pt' }, body: JSON.stringify({ action, data }) })).json()) as {
        ok: boolean;
        data: { tasks: Task[] } & Record<string, unknown>;
      };
    const listed = await call('tasks', {});
    const glucose = task(listed.data.tasks, '空腹血糖');
    expect(await call('done', { reminderId: glucose.reminderId, occurrenceAtMs: glucose.occurrenceAtMs })).toMatchObject({ ok: true, data: { by: 'member', pointsAwarded: 10, replayed: false } });
    expect(await call('done', { reminderId: glucose.reminderId, occurrenceAtMs: glucose.occurrenceAtMs + 3_600_000 })).toMatchObject({ ok: false, error: { code: 'not_an_occurrence' } });
  });

  it('left one done event per occurrence and one 10-point award each', async () => {
    const doneEvents = await stack.deps.store.collection<{ _id: string; memberId: string; data: { by: string } }>(OUTCOME_EVENTS).find({ type: 'plan_task_done', memberId: 'm_pt' });
    expect(doneEvents.map((e) => e.data.by).sort()).toEqual(['member', 'member', 'reading', 'report']);
    const awards = (await pointsServicesOf(stack.deps).points.history('m_pt', { limit: 50 })).entries.filter((e) => e.ruleId === 'plan_task_completed');
    expect(awards.map((e) => e.amount)).toEqual([10, 10, 10, 10]);
  });
});
