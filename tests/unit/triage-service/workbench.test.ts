import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_COLLECTION } from '../../../shared/adapters/audit/store-audit-log';
import { KF_WINDOW_MS } from '../../../shared/domain/reminders/policy';
import { REPLIES } from '../../../shared/services/triage/records';
import { summaryLine, SUMMARY_MAX_CHARS } from '../../../shared/services/triage/views';
import { ingestKf, startHarness, TEAM, textOf, type Harness } from './harness';
import { failure } from '../../helpers/failure';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const doctor = { kind: 'staff', staffId: TEAM.family_doctor, role: 'family_doctor' } as const;
const rights = { kind: 'staff', staffId: TEAM.rights_consultant, role: 'rights_consultant' } as const;
const kfTo = (ext: string) => h.sent('kf/send_msg', ext);

describe('my queue', () => {
  it('lists emergencies first, then by SLA deadline, each with disposition and a one-line summary of the opening message', async () => {
    await h.addMember('wmQueue1');
    await h.addMember('wmQueue2');
    const routine = await ingestKf(h, 'wmQueue1', '最近血脂有点高\n饮食上要注意什么，能不能吃鸡蛋');
    h.clock.advance(60_000);
    const emergency = await ingestKf(h, 'wmQueue2', '我爸突然说话不清楚，一边手脚没力气');

    const queue = await h.service.listTickets(doctor, { mine: '1', limit: 50 });
    expect(queue.map((t) => t.id)).toEqual([emergency.ticketId, routine.ticketId]);
    expect(queue[0]).toMatchObject({ disposition: 'emergency', memberName: null, redFlags: expect.arrayContaining([expect.any(String)]) });
    expect(queue[1]).toMatchObject({ disposition: 'routine', summary: '最近血脂有点高' });
    expect(queue.every((t) => typeof t.slaDueAtMs === 'number' && typeof t.createdAtMs === 'number')).toBe(true);
  });

  it('cuts a summary to the first non-empty line and at most 60 characters', () => {
    expect(summaryLine('\n  头疼  \n第二行')).toBe('头疼');
    const long = '头'.repeat(80);
    expect(Array.from(summaryLine(long))).toHaveLength(SUMMARY_MAX_CHARS);
    expect(summaryLine(long).endsWith('…')).toBe(true);
    expect(summaryLine('😀'.repeat(61))).toHaveLength(2 * (SUMMARY_MAX_CHARS - 1) + 1);
  });
});

describe('ticket detail for the workbench', () => {
  it('shows the conversation with who said what, and the kf window as the reply channel', async () => {
    await h.addMember('wmDetail');
    const opened = await ingestKf(h, 'wmDetail', '最近总失眠怎么办');
    const detail = await h.service.getTicket(doctor, opened.ticketId as string);
    expect(detail.messages.map((m) => [m.from, m.text])).toEqual([
      ['member', '最近总失眠怎么办'],
      ['butler', textOf(kfTo('wmDetail')[0])],
    ]);
    expect(detail.replyChannel).toEqual({ kind: 'kf', openUntilMs: h.clock.nowMs() + KF_WINDOW_MS, remaining: 4 });
    expect(detail).toMatchObject({ summary: '最近总失眠怎么办', disposition: 'routine', escalationLevel: 0, firstAidZh: [] });
  });

  it('refuses the rights consultant a medical ticket of their own member', async () => {
    await h.addMember('wmNotYours');
    const opened = await ingestKf(h, 'wmNotYours', '孩子发烧38度5要不要去医院');
    expect(await failure(h.service.getTicket(rights, opened.ticketId as string))).toMatchObject({ status: 403, code: 'not_own_team' });
    expect(await failure(h.service.reply(rights, opened.ticketId as string, { text: '您好', key: 'rights-try-1' }))).toMatchObject({ status: 403, code: 'not_own_team' });
    expect(kfTo('wmNotYours')).toHaveLength(1);
  });
});

describe('staff reply over 微信客服', () => {
  it('sends inside the window, keeps the text encrypted on the ticket, acknowledges it and audits the reply', async () => {
    const memberId = await h.addMember('wmReply');
    const opened = await ingestKf(h, 'wmReply', '降压药早上吃还是晚上吃');
    const ticketId = opened.ticketId as string;
    h.clock.advance(10 * 60_000);

    const res = await h.service.reply(doctor, ticketId, { text: '建议早上起床后服用，每天固定时间。', key: 'reply-0001' });
    expect(res).toMatchObject({ sent: true, channel: 'kf', duplicate: false, sentAtMs: h.clock.nowMs() });
    const sent = kfTo('wmReply');
    expect(sent.map(textOf)).toEqual([expect.stringContaining('已收到'), '建议早上起床后服用，每天固定时间。']);
    expect((sent[1]?.body as { open_kfid: string }).open_kfid).toBe('wkUnitTriage');

    const raw = await h.deps.store.collection(REPLIES).find({ ticketId });
    expect(raw).toHaveLength(1);
    expect(JSON.stringify(raw)).not.toContain('早上起床');
    expect(raw[0]).toMatchObject({ memberId, staffId: TEAM.family_doctor, status: 'sent', key: 'reply-0001' });

    const detail = await h.service.getTicket(doctor, ticketId);
    expect(detail.messages.at(-1)).toMatchObject({ from: 'staff', staffId: TEAM.family_doctor, text: '建议早上起床后服用，每天固定时间。', atMs: h.clock.nowMs() });
    expect(detail).toMatchObject({ status: 'acknowledged', acknowledgedBy: TEAM.family_doctor });
    expect(detail.replyChannel).toMatchObject({ kind: 'kf', remaining: 3 });
    expect(detail.events.map((e) => e.type)).toEqual(expect.arrayContaining(['staff_replied', 'acknowledged']));
    // Two of the window's five gone (the acknowledgement, this reply): the event says three are left, as replyChannel does.
    expect(detail.events.find((e) => e.type === 'staff_replied')).toMatchObject({ meta: { channel: 'kf', remainingInWindow: 3 } });

    const audit = await h.deps.store.collection(AUDIT_COLLECTION).find({ action: 'ticket.reply' });
    expect(audit.map((a) => a.outcome).sort()).toEqual(['allowed', 'done']);
    expect(JSON.stringify(audit)).not.toContain('早上起床');
  });

  it('is idempotent by key: a retry sends nothing, the same key with another text is refused naming key', async () => {
    await h.addMember('wmIdem');
    const opened = await ingestKf(h, 'wmIdem', '体检报告里尿酸偏高要紧吗');
    const ticketId = opened.ticketId as string;
    const first = await h.service.reply(doctor, ticketId, { text: '先少吃海鲜和动物内脏，多喝水。', key: 'idem-key-1' });
    const again = await h.service.reply(doctor, ticketId, { text: '先少吃海鲜和动物内脏，多喝水。', key: 'idem-key-1' });
    expect(again).toEqual({ ...first, duplicate: true });
    const both = await Promise.allSettled([
      h.service.reply(doctor, ticketId, { text: '一周后复查。', key: 'idem-key-2' }),
      h.service.reply(doctor, ticketId, { text: '一周后复查。', key: 'idem-key-2' }),
    ]);
    expect(both.filter((r) => r.status === 'fulfilled')).not.toHaveLength(0);
    expect(kfTo('wmIdem').map(textOf).filter((t) => t === '一周后复查。')).toHaveLength(1);
    expect(kfTo('wmIdem').map(textOf).filter((t) => t === '先少吃海鲜和动物内脏，多喝水。')).toHaveLength(1);

    const reused = await failure(h.service.reply(doctor, ticketId, { text: '另一段话', key: 'idem-key-1' }));
    expect(reused).toMatchObject({ status: 409, code: 'idempotency_key_reused', details: { fields: [{ field: 'key' }] } });
  });

  it('never resends a reply whose attempt died mid-send: in progress at first, outcome unknown once stale', async () => {
    const memberId = await h.addMember('wmCrash');
    const opened = await ingestKf(h, 'wmCrash', '血压药吃完了去哪里开');
    const ticketId = opened.ticketId as string;
    const text = '社区医院可以开，带上医保卡。';
    // An invocation that wrote its record and died before kf/send_msg answered.
    const now = h.clock.nowMs();
    const { text: sealed } = h.deps.cipher.encryptFields({ text }, ['text'], memberId);
    await h.deps.store.collection(REPLIES).insert({ _id: `${ticketId}:crash-1`, ticketId, memberId, staffId: TEAM.family_doctor, key: 'crash-1', text: sealed, channel: 'kf', status: 'sending', createdAtMs: now, updatedAtMs: now });
    expect(await failure(h.service.reply(doctor, ticketId, { text, key: 'crash-1' }))).toMatchObject({ status: 409, code: 'reply_in_progress' });
    h.clock.advance(5 * 60_000);
    expect(await failure(h.service.reply(doctor, ticketId, { text, key: 'crash-1' }))).toMatchObject({ status: 409, code: 'reply_outcome_unknown' });
    expect(kfTo('wmCrash').map(textOf)).not.toContain(text);
  });

  it('answers 409 reply_channel_closed naming WeCom chat once 48 h passed, and sends again after the customer writes', async () => {
    await h.addMember('wmLate');
    const opened = await ingestKf(h, 'wmLate', '最近老是头晕');
    const ticketId = opened.ticketId as string;
    h.clock.advance(KF_WINDOW_MS + 60_000);

    const refused = await failure(h.service.reply(doctor, ticketId, { text: '请量一下血压告诉我。', key: 'late-1' }));
    expect(refused).toMatchObject({ status: 409, code: 'reply_channel_closed', details: { replyChannel: { kind: 'none', reason: 'kf_window_expired' } } });
    expect(refused.message).toContain('48小时');
    expect(refused.message).toContain('企业微信');
    expect((await h.service.getTicket(doctor, ticketId)).replyChannel).toMatchObject({ kind: 'none', reason: 'kf_window_expired', why: refused.message });
    expect(kfTo('wmLate')).toHaveLength(1);

    await ingestKf(h, 'wmLate', '还在吗');
    const retried = await h.service.reply(doctor, ticketId, { text: '请量一下血压告诉我。', key: 'late-1' });
    expect(retried).toMatchObject({ sent: true, duplicate: false });
    expect(kfTo('wmLate').map(textOf).filter((t) => t === '请量一下血压告诉我。')).toHaveLength(1);
  });

  it('stops at the window’s 5 messages with a reason that says so', async () => {
    await h.addMember('wmFive');
    const opened = await ingestKf(h, 'wmFive', '最近血糖控制得不好');
    const ticketId = opened.ticketId as string;
    // The acknowledgement took one; four more fit.
    for (let i = 1; i <= 4; i++) await h.service.reply(doctor, ticketId, { text: `第${i}条建议`, key: `five-${i}` });
    const refused = await failure(h.service.reply(doctor, ticketId, { text: '第5条建议', key: 'five-5' }));
    expect(refused).toMatchObject({ status: 409, code: 'reply_channel_closed', details: { replyChannel: { reason: 'kf_window_used_up' } } });
    expect(refused.message).toContain('5条');
    expect(kfTo('wmFive')).toHaveLength(5);
  });

  it('takes back the window when WeCom says it is spent, and tells the page', async () => {
    await h.addMember('wmSpent');
    const opened = await ingestKf(h, 'wmSpent', '孩子咳嗽一周了');
    await h.admin.injectFault({ path: 'kf/send_msg', kind: 'errcode', errcode: 95002, count: 1 });
    const refused = await failure(h.service.reply(doctor, opened.ticketId as string, { text: '请带孩子来门诊看看。', key: 'spent-1' }));
    expect(refused).toMatchObject({ status: 409, code: 'reply_channel_closed', details: { replyChannel: { kind: 'none', reason: 'kf_window_used_up' } } });
    expect((await h.deps.store.collection(REPLIES).find({})).map((r) => r.status)).toEqual(['closed']);
  });

  it('has no kf channel for a question from the mini-program, and refuses a closed ticket', async () => {
    const memberId = await h.addMember('wmMini');
    const member = await h.deps.members.get(memberId);
    const asked = await h.service.ask(member as NonNullable<typeof member>, { text: '膝盖疼爬楼梯更明显', clientMsgId: 'mini-1' });
    const ticketId = asked.ticketId as string;
    const refused = await failure(h.service.reply(doctor, ticketId, { text: '建议先减少爬楼。', key: 'mini-reply-1' }));
    expect(refused).toMatchObject({ status: 409, code: 'reply_channel_closed', details: { replyChannel: { reason: 'no_kf_session' } } });
    expect(refused.message).toContain('企业微信');

    await h.service.close(doctor, ticketId, { resolution: 'answered' });
    expect(await failure(h.service.reply(doctor, ticketId, { text: '建议先减少爬楼。', key: 'mini-reply-2' }))).toMatchObject({ status: 409, code: 'ticket_closed' });
  });
});

describe('staff textcards', () => {
  it('link to the workbench ticket page', async () => {
    await h.addMember('wmCard');
    const opened = await ingestKf(h, 'wmCard', '我想问一下积分怎么兑换体检');
    const card = h.sent('message/send').map((s) => (s.body as { textcard?: { url: string } }).textcard).find(Boolean);
    expect(card?.url).toBe(`https://health.example.test/staff/tickets/${opened.ticketId}`);
  });
});
