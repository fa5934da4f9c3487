import { describe, expect, it } from 'vitest';
import { DAY_MS, localParts, shanghaiInstant } from '../../../shared/domain/reminders/shanghai-time';
import type { ScheduleEntry } from '../../../shared/domain/schedule/recurrence';
import { REMINDERS, type ReminderDoc } from '../../../shared/services/reminders/reminder-doc';
import { createHarness, T0 } from './harness';

const reminders = (h: ReturnType<typeof createHarness>) => h.store.collection<ReminderDoc>(REMINDERS);

describe('creating reminders', () => {
  it('stores the title encrypted and shows it decrypted to whoever lists the member', async () => {
    const h = createHarness();
    const { reminder, created } = await h.service.create({ memberId: 'm1', kind: 'medication', title: '请按时服用降压药', content: '早餐后一片' });
    expect(created).toBe(true);
    const raw = JSON.stringify(await reminders(h).get(reminder._id));
    expect(raw).not.toContain('降压药');
    expect(raw).not.toContain('早餐后');
    const [view] = await h.service.listForMember('m1');
    expect(view).toMatchObject({ title: '请按时服用降压药', content: '早餐后一片', status: 'scheduled', dueAtMs: T0, dueAtLocal: '2026-03-02 10:00' });
  });

  it('is idempotent on the caller key and refuses the key for a different reminder', async () => {
    const h = createHarness();
    const first = await h.service.create({ idempotencyKey: 'k-1', memberId: 'm1', kind: 'monitoring', title: '测血压' });
    const again = await h.service.create({ idempotencyKey: 'k-1', memberId: 'm1', kind: 'monitoring', title: '测血压（重发）' });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.reminder._id).toBe('k-1');
    expect(await reminders(h).count({})).toBe(1);
    await expect(h.service.create({ idempotencyKey: 'k-1', memberId: 'm2', kind: 'monitoring', title: 'x' })).rejects.toMatchObject({ code: 'idempotency_key_reused', status: 409 });
  });

  it('names the offending fields of a bad input', async () => {
    const h = createHarness();
    await expect(h.service.create({ kind: 'monitoring', title: '' })).rejects.toMatchObject({ status: 400 });
    const err = await h.service.create({ memberId: 'm1', kind: 'monitoring', title: 'x', recurrence: { type: 'daily', time: '25:00' as never } }).catch((e: unknown) => e);
    expect(JSON.stringify(err)).toContain('recurrence.time');
    await expect(h.service.create({ kind: 'staff_follow_up', audience: 'staff', title: 'x' })).rejects.toMatchObject({ status: 400 });
  });

  it('turns an intake plan into one reminder per entry, once, however often the plan is replayed', async () => {
    const h = createHarness();
    const plan: ScheduleEntry[] = [
      { kind: 'monitoring', title: '请测量并上传今日血压', recurrence: { type: 'daily', time: '08:30' }, audience: 'member' },
      { kind: 'exercise_task', title: '快走30分钟', recurrence: { type: 'weekly', days: [1, 3, 5], time: '19:00' }, audience: 'member' },
      { kind: 'staff_follow_up', title: '每两周随访', recurrence: { type: 'every_n_weeks', n: 2, time: '10:00' }, startAtMs: T0 + 7 * DAY_MS, audience: 'family_doctor' },
    ];
    const first = await h.service.createFromPlan('m1', plan, { idempotencyKeyPrefix: 'plan:m1:v1' });
    const replay = await h.service.createFromPlan('m1', plan, { idempotencyKeyPrefix: 'plan:m1:v1' });
    expect(first).toMatchObject({ created: 3, existing: 0 });
    expect(replay).toMatchObject({ created: 0, existing: 3, ids: first.ids });
    const docs = await reminders(h).find({ memberId: 'm1' });
    expect(docs).toHaveLength(3);
    const byKind = Object.fromEntries(docs.map((d) => [d.kind, d]));
    // Monday 10:00 → daily 08:30 is tomorrow; weekly Mon/Wed/Fri 19:00 is tonight; the doctor's follow-up starts a week later.
    expect(byKind.monitoring?.dueAtMs).toBe(shanghaiInstant(2026, 3, 3, 8, 30));
    expect(byKind.exercise_task?.dueAtMs).toBe(shanghaiInstant(2026, 3, 2, 19, 0));
    expect(byKind.staff_follow_up).toMatchObject({ audience: 'family_doctor', dueAtMs: shanghaiInstant(2026, 3, 9, 10, 0), source: 'plan' });
  });

  it('cancels every pending reminder of a member who withdraws consent, and nothing of others', async () => {
    const h = createHarness();
    await h.service.create({ memberId: 'm1', kind: 'monitoring', title: 'a' });
    await h.service.create({ memberId: 'm1', kind: 'staff_follow_up', audience: 'family_doctor', title: 'b' });
    await h.service.create({ memberId: 'm2', kind: 'monitoring', title: 'c' });
    expect(await h.service.cancelForMember('m1')).toBe(2);
    expect((await h.service.listForMember('m1')).map((r) => [r.status, r.cancelledReason])).toEqual([
      ['cancelled', 'consent_withdrawn'],
      ['cancelled', 'consent_withdrawn'],
    ]);
    expect((await h.service.listForMember('m2'))[0]?.status).toBe('scheduled');
  });
});

describe('policy renewal reminders', () => {
  it('schedules 30, 7 and 1 day(s) ahead at 09:00 Shanghai for the member and the insurance consultant, once', async () => {
    const h = createHarness();
    const first = await h.service.renewalReminders({ memberId: 'm1', policyId: 'P-001', expiresOn: '2026-06-30', productName: '百万医疗' });
    const again = await h.service.renewalReminders({ memberId: 'm1', policyId: 'P-001', expiresOn: '2026-06-30', productName: '百万医疗' });
    expect(first.created).toBe(6);
    expect(again).toMatchObject({ created: 0, ids: first.ids });
    const views = await h.service.listForMember('m1');
    const when = views.map((v) => [v.audience, v.dueAtLocal]);
    expect(when).toEqual([
      ['member', '2026-05-31 09:00'],
      ['insurance_consultant', '2026-05-31 09:00'],
      ['member', '2026-06-23 09:00'],
      ['insurance_consultant', '2026-06-23 09:00'],
      ['member', '2026-06-29 09:00'],
      ['insurance_consultant', '2026-06-29 09:00'],
    ]);
    expect(views[0]?.title).toContain('2026-06-30');
    expect(views[0]?.title).toContain('百万医疗');
  });

  it('moves the reminders when the expiry moves and drops those already past', async () => {
    const h = createHarness();
    await h.service.renewalReminders({ memberId: 'm1', policyId: 'P-1', expiresOn: '2026-06-30' });
    // Renewed through 2026-03-20: 30 days ahead is already past on 2026-03-02.
    const moved = await h.service.renewalReminders({ memberId: 'm1', policyId: 'P-1', expiryAtMs: shanghaiInstant(2026, 3, 20, 12, 0) });
    expect(moved).toMatchObject({ created: 4, cancelled: 6 });
    const pending = (await h.service.listForMember('m1', { status: 'scheduled' })).map((v) => v.dueAtLocal);
    expect(pending).toEqual(['2026-03-13 09:00', '2026-03-13 09:00', '2026-03-19 09:00', '2026-03-19 09:00']);
    expect(localParts(moved.expiryAtMs).day).toBe(20);
  });

  it('refuses a date that does not exist', async () => {
    const h = createHarness();
    await expect(h.service.renewalReminders({ memberId: 'm1', policyId: 'P-1', expiresOn: '2026-02-30' })).rejects.toMatchObject({ status: 400 });
  });
});
