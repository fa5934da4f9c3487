import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, shanghaiInstant } from '../../../shared/domain/reminders/shanghai-time';
import { MEMBERS, type Member } from '../../../shared/services/members/member';
import { REMINDERS, type ReminderDoc } from '../../../shared/services/reminders/reminder-doc';
import { createHarness, T0 } from './harness';

type H = ReturnType<typeof createHarness>;
const doc = (h: H, id: string) => h.store.collection<ReminderDoc>(REMINDERS).get(id) as Promise<ReminderDoc>;

describe('per-member anti-spam rules', () => {
  it('sends at most 4 pushes a Shanghai day and puts the 5th off to 08:00 the next morning', async () => {
    const h = createHarness();
    await h.addMember('m1');
    for (let i = 1; i <= 5; i += 1) await h.service.create({ idempotencyKey: `r${i}`, memberId: 'm1', kind: 'monitoring', title: `任务${i}` });
    const report = await h.service.dispatch();
    expect(report).toMatchObject({ sent: 4, deferred: 1 });
    expect(h.wecom.texts()).toEqual(['任务1', '任务2', '任务3', '任务4']);
    const held = await doc(h, 'r5');
    expect(held).toMatchObject({ status: 'scheduled', dueAtMs: shanghaiInstant(2026, 3, 3, 8, 0), lastDeferral: { reason: 'daily_cap' } });

    h.clock.set(held.dueAtMs);
    await h.service.dispatch();
    expect(h.wecom.texts().at(-1)).toBe('任务5');
  });

  it('holds identical content to the same member for the duplicate window, other members unaffected', async () => {
    const h = createHarness({ settings: { duplicateWindowMs: 6 * HOUR_MS } });
    await h.addMember('m1');
    await h.addMember('m2');
    await h.service.create({ idempotencyKey: 'a', memberId: 'm1', kind: 'monitoring', title: '请测量血压' });
    await h.service.create({ idempotencyKey: 'b', memberId: 'm1', kind: 'monitoring', title: '请测量血压' });
    await h.service.create({ idempotencyKey: 'c', memberId: 'm2', kind: 'monitoring', title: '请测量血压' });
    await h.service.dispatch();
    expect(h.wecom.deliveries().map((d) => d.to)).toEqual(['ext-m1', 'ext-m2']);
    expect(await doc(h, 'b')).toMatchObject({ dueAtMs: T0 + 6 * HOUR_MS, lastDeferral: { reason: 'duplicate_content' } });
    h.clock.set(T0 + 6 * HOUR_MS);
    await h.service.dispatch();
    expect(h.wecom.deliveries().map((d) => d.to)).toEqual(['ext-m1', 'ext-m2', 'ext-m1']);
  });

  it('does not hold back an emergency for the cap', async () => {
    const h = createHarness({ settings: { dailyCap: 1 } });
    await h.addMember('m1');
    await h.service.create({ memberId: 'm1', kind: 'monitoring', title: '常规' });
    await h.service.create({ memberId: 'm1', kind: 'follow_up_visit', title: '请立即就医', emergency: true });
    await h.service.dispatch();
    expect(h.wecom.texts().sort()).toEqual(['常规', '请立即就医'].sort());
  });

  it('never reaches a member whose consent is withdrawn', async () => {
    const h = createHarness();
    await h.addMember('m1');
    await h.service.create({ idempotencyKey: 'x', memberId: 'm1', kind: 'monitoring', title: '测血压' });
    // Withdrawn after the reminder was scheduled (creating one now is refused: member-status.test.ts).
    await h.store.collection(MEMBERS).updateOne({ _id: 'm1' }, { $set: { status: 'consent_withdrawn' } });
    await h.service.dispatch();
    expect(h.wecom.sent).toHaveLength(0);
    expect(await doc(h, 'x')).toMatchObject({ status: 'cancelled', cancelledReason: 'member_consent_withdrawn' });
  });
});

describe('follow-up cadence (spaced out while ignored)', () => {
  const createFollowUp = (h: H) =>
    h.service.create({ idempotencyKey: 'fu', memberId: 'm1', kind: 'check_up', title: '体检报告邀约：请上传今年的体检报告', cadence: 'follow_up' });

  async function runAt(h: H, ms: number) {
    h.clock.set(ms);
    await h.service.dispatch();
  }
  const day = (n: number) => T0 + n * DAY_MS;

  it('decays 14 → 7 → 14 days while ignored, stops after three weeks of silence, flags the member and tells the butler', async () => {
    const h = createHarness();
    await h.addMember('m1');
    await createFollowUp(h);
    await runAt(h, day(0));
    expect((await doc(h, 'fu')).dueAtMs).toBe(day(14));
    await runAt(h, day(14));
    expect((await doc(h, 'fu')).dueAtMs).toBe(day(21));
    await runAt(h, day(21));
    expect((await doc(h, 'fu')).dueAtMs).toBe(day(35));
    await runAt(h, day(35));

    const memberTexts = h.wecom.sent.filter((s) => s.api !== 'app').map((s) => s.atMs);
    expect(memberTexts).toEqual([day(0), day(14), day(21)]);
    expect(await doc(h, 'fu')).toMatchObject({ status: 'cancelled', cancelledReason: 'low_cooperation' });
    const member = await h.store.collection<Member>(MEMBERS).get('m1');
    expect(member).toMatchObject({ followUpStatus: 'low_cooperation', lowCooperationAtMs: day(35) });
    const notice = h.wecom.sent.find((s) => s.api === 'app');
    expect(notice?.api === 'app' && notice.input.touser).toEqual(['hb-1']);
    expect(h.wecom.texts('app')[0]).toContain('低配合度');
    expect(h.wecom.texts('app')[0]).not.toContain('体检');

    await runAt(h, day(60));
    expect(h.wecom.sent).toHaveLength(4);
  });

  it('returns to every 14 days once the member answers', async () => {
    const h = createHarness();
    await h.addMember('m1');
    await createFollowUp(h);
    await runAt(h, day(0));
    await runAt(h, day(14));
    await h.service.recordResponse('m1', day(16));
    await runAt(h, day(21));
    expect((await doc(h, 'fu')).dueAtMs).toBe(day(35));
    await runAt(h, day(35));
    // One follow-up ignored since the answer: a weekly nudge, not the end.
    expect(await doc(h, 'fu')).toMatchObject({ status: 'scheduled', dueAtMs: day(42) });
    expect(h.wecom.sent).toHaveLength(4);
  });

  it('keeps the cadence going when one follow-up cannot be delivered or a crash interrupted it', async () => {
    const h = createHarness();
    await h.addMember('m1');
    await createFollowUp(h);
    h.wecom.failNext('mass', 48002);
    await runAt(h, day(0));
    expect(await doc(h, 'fu')).toMatchObject({ status: 'scheduled', dueAtMs: day(14), cadence: { ignoredCount: 0 } });
    h.clock.set(day(14));
    await h.service.dispatch({ hooks: { afterSend: () => true } });
    await runAt(h, day(14) + 121_000);
    expect(await doc(h, 'fu')).toMatchObject({ status: 'scheduled', dueAtMs: day(28), cadence: { ignoredCount: 1 } });
    expect(h.wecom.sent).toHaveLength(1);
  });
});
