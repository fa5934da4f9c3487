import { describe, expect, it } from 'vitest';
import { HOUR_MS, shanghaiInstant } from '../../../shared/domain/reminders/shanghai-time';
import { REMINDERS, type ReminderDoc } from '../../../shared/services/reminders/reminder-doc';
import { createHarness } from './harness';

type H = ReturnType<typeof createHarness>;
const doc = (h: H, id: string) => h.store.collection<ReminderDoc>(REMINDERS).get(id) as Promise<ReminderDoc>;

/** Moves the clock to the reminder's due instant and runs the timer once; returns the delivery instants so far. */
async function fireNext(h: H, id: string): Promise<number[]> {
  h.clock.set((await doc(h, id)).dueAtMs);
  await h.service.dispatch();
  return h.wecom.sent.map((s) => s.atMs);
}

describe('recurrence in Asia/Shanghai time', () => {
  it('fires a monthly "31st 08:00" on 31 Jan, 28 Feb, 31 Mar (clamped, no drift), at 00:00 UTC', async () => {
    const h = createHarness({}, shanghaiInstant(2026, 1, 1, 12, 0));
    await h.addMember('m1');
    await h.service.create({ idempotencyKey: 'r', memberId: 'm1', kind: 'medication', title: '本月药量检查', recurrence: { type: 'monthly', day: 31, time: '08:00' } });
    await fireNext(h, 'r');
    await fireNext(h, 'r');
    const sent = await fireNext(h, 'r');
    expect(sent.map((ms) => new Date(ms).toISOString())).toEqual(['2026-01-31T00:00:00.000Z', '2026-02-28T00:00:00.000Z', '2026-03-31T00:00:00.000Z']);
    expect((await doc(h, 'r')).dueAtMs).toBe(shanghaiInstant(2026, 4, 30, 8, 0));
  });

  it('reads weekdays on the Shanghai calendar: Sunday 20:00 UTC is already Monday in Shanghai', async () => {
    const sundayEveningUtc = Date.UTC(2026, 2, 1, 20, 0); // 2026-03-02 04:00 Shanghai, a Monday
    const h = createHarness({}, sundayEveningUtc);
    await h.addMember('m1');
    await h.service.create({ idempotencyKey: 'w', memberId: 'm1', kind: 'exercise_task', title: '快走', recurrence: { type: 'weekly', days: [1], time: '09:00' } });
    expect((await doc(h, 'w')).dueAtMs).toBe(Date.UTC(2026, 2, 2, 1, 0));
    await fireNext(h, 'w');
    expect((await doc(h, 'w')).dueAtMs).toBe(Date.UTC(2026, 2, 9, 1, 0));
  });

  it('after downtime sends the latest missed occurrence once, not a burst', async () => {
    const h = createHarness({}, shanghaiInstant(2026, 3, 2, 8, 0));
    await h.addMember('m1');
    await h.service.create({ idempotencyKey: 'd', memberId: 'm1', kind: 'monitoring', title: '测血压', recurrence: { type: 'daily', time: '09:00' } });
    h.clock.set(shanghaiInstant(2026, 3, 5, 12, 0)); // three days without a timer
    await h.service.dispatch();
    await h.service.dispatch();
    expect(h.wecom.sent).toHaveLength(1);
    expect((await doc(h, 'd')).dueAtMs).toBe(shanghaiInstant(2026, 3, 6, 9, 0));
  });

  it('stops a series at its end', async () => {
    const h = createHarness({}, shanghaiInstant(2026, 3, 2, 8, 0));
    await h.addMember('m1');
    await h.service.create({ idempotencyKey: 'e', memberId: 'm1', kind: 'medication', title: '抗生素', recurrence: { type: 'daily', time: '09:00' }, endsAtMs: shanghaiInstant(2026, 3, 3, 12, 0) });
    await fireNext(h, 'e');
    await fireNext(h, 'e');
    expect(h.wecom.sent).toHaveLength(2);
    expect((await doc(h, 'e')).status).toBe('sent');
  });
});

describe('quiet hours 21:30–08:00 Shanghai', () => {
  it('moves a routine reminder authored for the night to 08:00 and keeps an emergency at its time', async () => {
    const h = createHarness({}, shanghaiInstant(2026, 3, 2, 12, 0));
    await h.addMember('m1');
    await h.service.create({ idempotencyKey: 'night', memberId: 'm1', kind: 'medication', title: '睡前服药', recurrence: { type: 'daily', time: '22:00' } });
    await h.service.create({ idempotencyKey: 'early', memberId: 'm1', kind: 'monitoring', title: '空腹血糖', recurrence: { type: 'daily', time: '07:30' } });
    await h.service.create({ idempotencyKey: 'sos', memberId: 'm1', kind: 'follow_up_visit', title: '请立即就医', startAtMs: shanghaiInstant(2026, 3, 2, 23, 0), emergency: true });
    expect((await doc(h, 'night')).dueAtMs).toBe(shanghaiInstant(2026, 3, 3, 8, 0));
    expect((await doc(h, 'early')).dueAtMs).toBe(shanghaiInstant(2026, 3, 3, 8, 0));
    expect((await doc(h, 'sos')).dueAtMs).toBe(shanghaiInstant(2026, 3, 2, 23, 0));

    h.clock.set(shanghaiInstant(2026, 3, 2, 23, 0));
    await h.service.dispatch();
    expect(h.wecom.texts()).toEqual(['请立即就医']);
  });

  it('defers a retry that falls due at night to the morning instead of sending it', async () => {
    const h = createHarness({}, shanghaiInstant(2026, 3, 2, 21, 29));
    await h.addMember('m1');
    await h.service.create({ idempotencyKey: 'late', memberId: 'm1', kind: 'monitoring', title: '测血压' });
    h.clock.advance(2 * 60_000); // the run starts at 21:31
    const report = await h.service.dispatch();
    expect(report).toMatchObject({ sent: 0, deferred: 1 });
    const d = await doc(h, 'late');
    expect(d).toMatchObject({ status: 'scheduled', dueAtMs: shanghaiInstant(2026, 3, 3, 8, 0), lastDeferral: { reason: 'quiet_hours' } });
    h.clock.set(d.dueAtMs);
    await h.service.dispatch();
    expect(h.wecom.sent.map((s) => s.atMs)).toEqual([shanghaiInstant(2026, 3, 3, 8, 0)]);
  });

  it('lets staff escalations through at night but holds routine staff reminders', async () => {
    const h = createHarness({}, shanghaiInstant(2026, 3, 2, 23, 30));
    await h.addMember('m1');
    await h.service.create({ memberId: 'm1', kind: 'sla_escalation', audience: 'staff', staffUserIds: ['oncall-2'], title: '工单超时' });
    await h.service.create({ memberId: 'm1', kind: 'staff_follow_up', audience: 'family_doctor', title: '随访' });
    await h.service.dispatch();
    expect(h.wecom.sent.map((s) => s.api === 'app' && s.input.touser)).toEqual([['oncall-2']]);
    h.clock.advance(9 * HOUR_MS);
    await h.service.dispatch();
    expect(h.wecom.sent).toHaveLength(2);
    expect(h.wecom.sent[1]?.atMs).toBe(shanghaiInstant(2026, 3, 3, 8, 30));
  });
});
