import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KF_SESSIONS, kfWindowState, type KfSession } from '../../../shared/services/triage';
import { memberIdForExternalUser } from '../../../shared/services/members/member';
import { ingestKf, startHarness, type Harness } from './harness';

const HOUR = 3_600_000;

describe('kfWindowState (48 h / 5 messages after the customer’s last message)', () => {
  const t0 = 1_000_000_000_000;
  it('is open with 5 slots right after a customer message, closed at 48 h and when the slots are used', () => {
    expect(kfWindowState({ lastCustomerMsgAtMs: t0, sentSinceThen: 0 }, t0)).toEqual({ open: true, remaining: 5, closesAtMs: t0 + 48 * HOUR });
    expect(kfWindowState({ lastCustomerMsgAtMs: t0, sentSinceThen: 4 }, t0 + 48 * HOUR - 1)).toMatchObject({ open: true, remaining: 1 });
    expect(kfWindowState({ lastCustomerMsgAtMs: t0, sentSinceThen: 0 }, t0 + 48 * HOUR)).toMatchObject({ open: false, remaining: 0 });
    expect(kfWindowState({ lastCustomerMsgAtMs: t0, sentSinceThen: 5 }, t0 + HOUR)).toMatchObject({ open: false, remaining: 0 });
    expect(kfWindowState(null, t0).open).toBe(false);
  });
});

describe('kf_sessions bookkeeping by the triage service', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });
  const session = (ext: string) => h.deps.store.collection<KfSession>(KF_SESSIONS).get(memberIdForExternalUser(h.deps.config.WECOM_CORP_ID, ext));

  it('restarts the window on every customer message and counts every kf reply', async () => {
    await h.addMember('wmWindow');
    await ingestKf(h, 'wmWindow', '积分怎么查');
    expect(await session('wmWindow')).toMatchObject({ openKfId: 'wkUnitTriage', externalUserId: 'wmWindow', lastCustomerMsgAtMs: h.clock.nowMs(), sentSinceThen: 1 });
    h.clock.advance(HOUR);
    // The next customer message restarts the count; its (emergency) reply is the first of the new window.
    await ingestKf(h, 'wmWindow', '我老公突然晕倒了叫不醒');
    expect(await session('wmWindow')).toMatchObject({ lastCustomerMsgAtMs: h.clock.nowMs(), sentSinceThen: 1 });
    expect(h.sent('kf/send_msg', 'wmWindow')).toHaveLength(2);
  });

  it('never lets an older message processed late restart the window', async () => {
    const window = h.service.kfWindow;
    const base = { memberId: 'm_late', openKfId: 'wk', externalUserId: 'wmLate' };
    await window.customerMessage({ ...base, atMs: 5_000 });
    expect(await window.reserve('m_late', 5_001)).not.toBeNull();
    await window.customerMessage({ ...base, atMs: 4_000 });
    await window.customerMessage({ ...base, atMs: 5_000 });
    expect(await window.get('m_late')).toMatchObject({ lastCustomerMsgAtMs: 5_000, sentSinceThen: 1 });
  });

  it('hands out at most five reply slots per window, and none after 48 h', async () => {
    const window = h.service.kfWindow;
    await window.customerMessage({ memberId: 'm_slots', openKfId: 'wk', externalUserId: 'wmSlots', atMs: 0 });
    const taken = await Promise.all(Array.from({ length: 7 }, () => window.reserve('m_slots', 1_000)));
    expect(taken.filter(Boolean)).toHaveLength(5);
    await window.customerMessage({ memberId: 'm_slots', openKfId: 'wk', externalUserId: 'wmSlots', atMs: 2_000 });
    expect(await window.reserve('m_slots', 2_000 + 48 * HOUR)).toBeNull();
    expect(await window.reserve('m_slots', 2_000 + 48 * HOUR - 1)).not.toBeNull();
  });

  it('skips the kf reply for a message older than the window (first sync of 3 days of history) but still files and routes it', async () => {
    await h.addMember('wmOld');
    const inbound = await h.kfMessage('wmOld', '续保的事想咨询一下');
    const memberId = memberIdForExternalUser(h.deps.config.WECOM_CORP_ID, 'wmOld');
    const old = { ...inbound, atMs: h.clock.nowMs() - 49 * HOUR };
    const result = await h.service.ingest(old, { memberId, member: await h.deps.members.get(memberId), memberKnown: true });
    expect(h.sent('kf/send_msg', 'wmOld')).toHaveLength(0);
    expect(h.sent('message/send', 'ins-1')).toHaveLength(1);
    const events = await h.events(result.ticketId as string);
    expect(events.find((e) => e.type === 'reply_skipped')?.meta).toMatchObject({ reason: 'kf_window_closed' });
  });

  it('believes WeCom over its own count when WeCom says the window is used up (95001)', async () => {
    await h.addMember('wmFull');
    await h.admin.setLimits({ kfMaxMessagesPerWindow: 0 });
    const result = await ingestKf(h, 'wmFull', '体检怎么预约');
    expect(h.sent('kf/send_msg', 'wmFull')).toHaveLength(0);
    expect((await session('wmFull'))?.sentSinceThen).toBe(5);
    const failed = (await h.events(result.ticketId as string)).find((e) => e.type === 'reply_failed');
    expect(failed?.meta).toMatchObject({ errcode: 95001, outcomeUnknown: false });
    // The staff member still hears about it.
    expect(h.sent('message/send', 'rights-1')).toHaveLength(1);
  });
});
