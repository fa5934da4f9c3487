import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../../shared/domain/reminders/shanghai-time';
import { KF_SESSIONS, recordKfCustomerMessage, type KfSession } from '../../../shared/services/reminders/kf-window';
import { REMINDERS, type ReminderDoc } from '../../../shared/services/reminders/reminder-doc';
import { SUBSCRIPTIONS, type SubscriptionDoc } from '../../../shared/services/reminders/subscriptions';
import { createHarness, T0 } from './harness';

type H = ReturnType<typeof createHarness>;
const doc = (h: H, id: string) => h.store.collection<ReminderDoc>(REMINDERS).get(id) as Promise<ReminderDoc>;

describe('channel choice under WeCom rules', () => {
  it('uses kf/send_msg while the 48 h / 5-message window is open and counts the message', async () => {
    const h = createHarness();
    await h.addMember('m1');
    await h.openKf('m1', T0 - 47 * HOUR_MS, 4);
    await h.service.create({ idempotencyKey: 'r', memberId: 'm1', kind: 'monitoring', title: '请测量血压' });
    await h.service.dispatch();
    expect(h.wecom.sent).toEqual([{ api: 'kf', atMs: T0, input: { touser: 'kfext-m1', openKfId: 'wkKF1', msgtype: 'text', text: { content: '请测量血压' } } }]);
    expect(await doc(h, 'r')).toMatchObject({ status: 'sent', channel: 'kf', channelReason: expect.stringMatching(/^kf_window_open: .*47h ago, 4\/5/) });
    expect((await h.store.collection<KfSession>(KF_SESSIONS).get('m1'))?.sentSinceThen).toBe(5);
  });

  it('falls back to a subscription message when the kf window is spent, and uses the subscription up', async () => {
    const h = createHarness();
    await h.addMember('m1');
    await h.openKf('m1', T0 - HOUR_MS, 5);
    await h.subscribe('m1', 1);
    await h.service.create({ idempotencyKey: 'r', memberId: 'm1', kind: 'medication', title: '请服用二甲双胍（晚餐后）每日一次，勿漏服药' });
    await h.service.dispatch();
    const [sent] = h.wecom.sent;
    expect(sent?.api).toBe('subscribe');
    if (sent?.api !== 'subscribe') return;
    expect(sent.input).toMatchObject({ touser: 'openid-m1', templateId: 'health_reminder', data: { thing1: '请服用二甲双胍（晚餐后）每日一次，勿漏…', time2: '2026-03-02 10:00' } });
    expect((await doc(h, 'r')).channelReason).toMatch(/^subscription_available: kf window closed/);
    expect((await h.store.collection<SubscriptionDoc>(SUBSCRIPTIONS).get('m1|health_reminder'))?.remaining).toBe(0);
  });

  it("queues a mass-send task for the member's health butler otherwise, one task per butler and text", async () => {
    const h = createHarness();
    await h.addMember('m1');
    await h.addMember('m2');
    await h.addMember('m3', { team: { health_butler: 'hb-2' } });
    for (const m of ['m1', 'm2', 'm3']) await h.service.create({ idempotencyKey: m, memberId: m, kind: 'check_up', title: '年度体检提醒' });
    await h.service.dispatch();
    const tasks = h.wecom.sent.map((s) => (s.api === 'mass' ? [s.input.sender, s.input.externalUserIds] : s.api));
    expect(tasks).toEqual([
      ['hb-1', ['ext-m1', 'ext-m2']],
      ['hb-2', ['ext-m3']],
    ]);
    expect((await doc(h, 'm1')).channelReason).toMatch(/^mass_task_fallback:/);
  });

  it('goes to the next channel when WeCom refuses the kf message (95001) instead of failing', async () => {
    const h = createHarness();
    await h.addMember('m1');
    await h.openKf('m1', T0 - HOUR_MS, 0);
    await h.subscribe('m1', 2);
    h.wecom.failNext('kf', 95001);
    await h.service.create({ idempotencyKey: 'r', memberId: 'm1', kind: 'monitoring', title: '测血压' });
    await h.service.dispatch();
    expect(h.wecom.sent.map((s) => s.api)).toEqual(['subscribe']);
    expect(await doc(h, 'r')).toMatchObject({ status: 'sent', channel: 'subscribe_message', attempts: 0 });
    // The window is treated as spent until the member writes again.
    expect((await h.store.collection<KfSession>(KF_SESSIONS).get('m1'))?.sentSinceThen).toBe(5);
    await recordKfCustomerMessage(h.store, { memberId: 'm1', openKfId: 'wkKF1', externalUserId: 'kfext-m1', atMs: T0 + 1 });
    expect(await h.store.collection<KfSession>(KF_SESSIONS).get('m1')).toMatchObject({ sentSinceThen: 0, lastCustomerMsgAtMs: T0 + 1 });
    // An older message replayed later does not reopen anything.
    await recordKfCustomerMessage(h.store, { memberId: 'm1', openKfId: 'wkKF1', externalUserId: 'kfext-m1', atMs: T0 - 5 });
    expect((await h.store.collection<KfSession>(KF_SESSIONS).get('m1'))?.lastCustomerMsgAtMs).toBe(T0 + 1);
  });

  it('reaches staff by app message with the member reference, the assigned team member by role', async () => {
    const h = createHarness();
    await h.addMember('m1');
    await h.service.create({ idempotencyKey: 's', memberId: 'm1', kind: 'staff_follow_up', audience: 'family_doctor', title: '高风险会员每周随访' });
    await h.service.dispatch();
    const [sent] = h.wecom.sent;
    expect(sent?.api === 'app' && sent.input).toMatchObject({ touser: ['doc-1'], msgtype: 'text', text: { content: '【随访任务】高风险会员每周随访\n会员编号：m1' }, dedupeWindowS: 14_400 });
    expect(await doc(h, 's')).toMatchObject({ channel: 'app_message', channelReason: expect.stringMatching(/^staff_app_message:/) });
  });

  it('dead-letters a member reminder nobody can deliver (no butler, no window, no subscription)', async () => {
    const h = createHarness();
    await h.addMember('m1', { team: {}, addedBy: undefined });
    await h.service.create({ idempotencyKey: 'r', memberId: 'm1', kind: 'monitoring', title: '测血压' });
    await h.service.dispatch();
    expect(h.wecom.sent).toHaveLength(0);
    expect(await doc(h, 'r')).toMatchObject({ status: 'failed', lastError: { code: 'no_health_butler' } });
    expect(await h.service.deadLetters()).toMatchObject([{ reminderId: 'r', reason: 'no_channel', code: 'no_health_butler' }]);
  });

  it('fails the members a mass task could not include (no longer contacts of the butler)', async () => {
    const h = createHarness();
    await h.addMember('m1');
    await h.addMember('m2', { externalUserId: 'gone-m2' });
    await h.service.create({ idempotencyKey: 'a', memberId: 'm1', kind: 'check_up', title: '体检' });
    await h.service.create({ idempotencyKey: 'b', memberId: 'm2', kind: 'check_up', title: '体检' });
    await h.service.dispatch();
    expect((await doc(h, 'a')).status).toBe('sent');
    expect(await doc(h, 'b')).toMatchObject({ status: 'failed', lastError: { code: 'mass_not_contact' } });
  });

  it('sends a mass task through the next clinician the customer has as a contact, never health content through a consultant', async () => {
    const h = createHarness();
    h.wecom.contacts = new Map([
      ['doc-1', new Set(['ext-m1'])],
      ['ic-1', new Set(['ext-m1', 'ext-m2'])],
    ]);
    await h.addMember('m1');
    await h.addMember('m2', { addedBy: 'ic-1' });
    await h.service.create({ idempotencyKey: 'health1', memberId: 'm1', kind: 'medication', title: '按时服药' });
    await h.service.create({ idempotencyKey: 'health2', memberId: 'm2', kind: 'medication', title: '按时服药' });
    await h.service.create({ idempotencyKey: 'renew', memberId: 'm2', kind: 'policy_renewal', title: '保单即将到期' });
    await h.service.dispatch();
    const sent = h.wecom.sent.map((s) => s.api === 'mass' && [s.input.sender, s.input.externalUserIds, s.input.text]);
    expect(sent).toEqual([
      ['doc-1', ['ext-m1'], '按时服药'],
      ['ic-1', ['ext-m2'], '保单即将到期'],
    ]);
    expect(await doc(h, 'health2')).toMatchObject({ status: 'failed', lastError: { code: 'mass_not_contact' } });
  });
});
