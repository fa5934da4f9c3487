import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { buildCallbackRequest, callbackUrl } from '../../dev/wecom-sandbox/callback-builder';
import { SandboxClient } from '../../dev/wecom-sandbox/inspect';
import type { SentRecord } from '../../dev/wecom-sandbox/state';
import { memberIdForExternalUser } from '../../shared/services/members/member';
import { createTicketSlaSource } from '../../shared/services/triage/sla-source';
import { KF_SESSIONS, type KfSession } from '../../shared/services/reminders/kf-window';
import { dueSlaBreaches } from '../../shared/services/reminders/sla';
import { TICKETS, type Ticket } from '../../shared/services/triage/records';
import type { TicketDetail, TicketSummary } from '../../shared/services/triage/views';
import { errorOf } from '../helpers/http';
import { addMember as addTeamMember, importTeam } from '../helpers/team';

const OPEN_KF_ID = 'wkTriageE2E';

let stack: LocalStack;
let sandbox: SandboxClient;

const team = { family_doctor: 'doc-wang', health_butler: 'butler-li', rights_consultant: 'rights-zhao', insurance_consultant: 'ins-qian' } as const;

const addMember = (externalUserId: string) => addTeamMember(stack, team, externalUserId);

/** Signs and POSTs a kf_msg_or_event callback carrying `token`, as WeCom would. */
function kfCallback(token: string) {
  const built = buildCallbackRequest({
    token: stack.config.WECOM_CALLBACK_TOKEN,
    encodingAesKey: stack.config.WECOM_CALLBACK_AES_KEY,
    corpId: stack.config.WECOM_CORP_ID,
    event: { kind: 'kf_msg_or_event', corpId: stack.config.WECOM_CORP_ID, token, openKfId: OPEN_KF_ID },
  });
  return () => fetch(`${stack.url}${callbackUrl('/wecom/triage', built.query)}`, { method: 'POST', body: built.body, headers: { 'content-type': 'text/xml' } });
}

/** The customer writes to the kf account and WeCom tells us. */
async function customerWrites(externalUserId: string, text: string) {
  const { token } = await sandbox.kfCustomerMessage({ openKfId: OPEN_KF_ID, externalUserId, text });
  const res = await kfCallback(token)();
  expect(res.status).toBe(200);
  return { token, res };
}

const kfReplies = (externalUserId: string): SentRecord[] => stack.sandbox.state.sent.filter((s) => s.api === 'kf/send_msg' && s.touser.includes(externalUserId));
const cardsTo = (userid: string): SentRecord[] =>
  stack.sandbox.state.sent.filter((s) => s.api === 'message/send' && s.touser.includes(userid) && (s.body as { msgtype?: string }).msgtype === 'textcard');
const textOf = (s: SentRecord | undefined): string => ((s?.body as { text?: { content?: string } } | undefined)?.text?.content ?? '');
const cardOf = (s: SentRecord | undefined) => (s?.body as { textcard: { title: string; description: string; url: string } }).textcard;
const ticketIdIn = (url: string): string => url.split('/').pop() as string;

async function api<T>(path: string, token: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${stack.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
  return { status: res.status, body: (await res.json()) as T };
}

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' } });
  sandbox = new SandboxClient(stack.sandbox.url);
  await importTeam(stack, team, { family_doctor: '王医生', health_butler: '李管家', rights_consultant: '赵顾问', insurance_consultant: '钱顾问' }, [
    { userId: 'oncall-a', name: '值班甲', role: 'family_doctor', scenes: ['policy_delivery'], onCall: true },
    { userId: 'oncall-b', name: '值班乙', role: 'family_doctor', scenes: ['policy_delivery'], onCall: true },
  ]);
});
afterAll(async () => {
  await stack?.close();
});

describe('triage over HTTP: 微信客服 → ticket → staff → customer', () => {
  it('routes a routine insurance question to the member’s insurance consultant and acknowledges it to the customer', async () => {
    const ext = 'wmRoutine0001';
    const memberId = await addMember(ext);
    await customerWrites(ext, '我想问一下我的保单什么时候续保，保费会涨吗');

    const cards = cardsTo(team.insurance_consultant);
    expect(cards).toHaveLength(1);
    const card = cardOf(cards[0]);
    expect(card.title).toBe('新的客户服务工单');
    expect(card.title + card.description).not.toContain('保单');
    expect(card.url).toMatch(new RegExp(`^${stack.url}/staff/tickets/t_[A-Za-z0-9_-]{22}$`));
    expect(cardsTo(team.family_doctor)).toHaveLength(0);

    const replies = kfReplies(ext);
    expect(replies).toHaveLength(1);
    expect(textOf(replies[0])).toContain('保险顾问（钱顾问）');
    expect(textOf(replies[0])).toContain('不能替代医生面诊');

    const ticketId = ticketIdIn(card.url);
    const ic = stack.staffToken(team.insurance_consultant, 'insurance_consultant');
    const { status, body } = await api<TicketDetail>(`/api/triage/tickets/${ticketId}`, ic);
    expect(status).toBe(200);
    expect(body).toMatchObject({ memberId, role: 'insurance_consultant', status: 'open', emergency: false, assignee: team.insurance_consultant });
    expect(body.messages.filter((m) => m.from === 'member').map((m) => m.text)).toEqual(['我想问一下我的保单什么时候续保，保费会涨吗']);
    expect(body.messages.map((m) => m.from)).toEqual(['member', 'butler']);
    expect(body.events.map((e) => e.type)).toEqual(expect.arrayContaining(['opened', 'classified', 'customer_replied', 'staff_notified']));

    // Stored encrypted: the plaintext is nowhere in the message record.
    const raw = await stack.deps.store.collection('triage_messages').find({ ticketId });
    expect(JSON.stringify(raw)).not.toContain('续保');

    const session = await stack.deps.store.collection<KfSession>(KF_SESSIONS).get(memberId);
    expect(session).toMatchObject({ openKfId: OPEN_KF_ID, externalUserId: ext, sentSinceThen: 1 });
    // The member wrote to us: the reminder capability's follow-up cadence hears of it.
    const followUp = await stack.deps.store.collection<{ _id: string; lastResponseAtMs?: number }>('reminder_member_state').get(memberId);
    expect(followUp?.lastResponseAtMs).toBe(session?.lastCustomerMsgAtMs);

    // The doctor serves the same member but cannot read a ticket routed to the insurance consultant.
    const doc = stack.staffToken(team.family_doctor, 'family_doctor');
    const denied = await fetch(`${stack.url}/api/triage/tickets/${ticketId}`, { headers: { authorization: `Bearer ${doc}` } });
    expect(denied.status).toBe(403);
    expect((await errorOf(denied)).code).toBe('not_own_team');

    const mine = await api<{ tickets: TicketSummary[] }>('/api/triage/tickets?mine=1', ic);
    expect(mine.body.tickets.map((t) => t.id)).toContain(ticketId);

    const ack = await api<TicketSummary>(`/api/triage/tickets/${ticketId}/ack`, ic, { method: 'POST' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: team.insurance_consultant });
    const closed = await api<TicketSummary>(`/api/triage/tickets/${ticketId}/close`, ic, { method: 'POST', body: JSON.stringify({ resolution: 'answered' }) });
    expect(closed.body.status).toBe('closed');
    const ackAfterClose = await api<{ error: { code: string } }>(`/api/triage/tickets/${ticketId}/ack`, ic, { method: 'POST' });
    expect(ackAfterClose.status).toBe(409);
  });

  it('answers an emergency at once with 120 and first aid, alerts the family doctor and the on-call doctor, and exposes the escalation data', async () => {
    const ext = 'wmEmergency01';
    const memberId = await addMember(ext);
    const before = Date.now();
    await customerWrites(ext, '我爸胸口疼得厉害，一直出冷汗，怎么办');

    const reply = textOf(kfReplies(ext)[0]);
    expect(reply).toContain('120');
    expect(reply).toContain('不要自己走路或开车去医院');

    const doctorCard = cardOf(cardsTo(team.family_doctor)[0]);
    expect(doctorCard.title).toBe('【紧急】客户求助工单');
    expect(doctorCard.title + doctorCard.description).not.toMatch(/胸|心梗/);
    const onCallCard = cardOf(cardsTo('oncall-a')[0]);
    expect(onCallCard.title).toContain('值班');
    expect(cardsTo('oncall-b')).toHaveLength(0);

    const ticketId = ticketIdIn(doctorCard.url);
    const ticket = (await stack.deps.store.collection<Ticket>(TICKETS).get(ticketId)) as Ticket;
    expect(ticket).toMatchObject({ memberId, emergency: true, role: 'family_doctor', assignee: team.family_doctor, onCallList: ['oncall-a', 'oncall-b'], status: 'open' });
    expect(ticket.redFlags).toContain('chest_pain');
    expect(ticket.slaDueAtMs - ticket.slaStartAtMs).toBe(5 * 60_000);
    expect(ticket.slaStartAtMs).toBeGreaterThanOrEqual(before);

    const sla = createTicketSlaSource(stack.deps.store);
    expect((await sla.unacknowledgedBefore(ticket.slaDueAtMs - 1, 50)).map((t) => t.ticketId)).not.toContain(ticketId);
    const due = await sla.unacknowledgedBefore(ticket.slaDueAtMs + 1, 50);
    expect(due.find((t) => t.ticketId === ticketId)).toMatchObject({ memberId, emergency: true, role: 'family_doctor', createdAtMs: ticket.slaStartAtMs, acknowledgedAtMs: null, onCallList: ['oncall-a', 'oncall-b'] });
    // What the reminder cron makes of it: 5 minutes without acknowledgement → the next doctor on call.
    const breaches = await dueSlaBreaches(stack.deps.store, sla, ticket.slaDueAtMs + 1);
    expect(breaches.find((b) => b.ticket.ticketId === ticketId)).toMatchObject({ step: { action: 'escalate', level: 1, to: 'oncall-b' }, notify: ['oncall-b'] });

    const doc = stack.staffToken(team.family_doctor, 'family_doctor');
    const detail = await api<TicketDetail>(`/api/triage/tickets/${ticketId}`, doc);
    expect(detail.body.firstAidZh.join('')).toContain('120');
    await api(`/api/triage/tickets/${ticketId}/ack`, doc, { method: 'POST' });
    expect((await sla.unacknowledgedBefore(ticket.slaDueAtMs + 1, 50)).map((t) => t.ticketId)).not.toContain(ticketId);
  });

  it('has no second effect for the same callback 4× at once, nor for a second callback whose sync overlaps', async () => {
    const ext = 'wmDuplicate01';
    await addMember(ext);
    const first = await sandbox.kfCustomerMessage({ openKfId: OPEN_KF_ID, externalUserId: ext, text: '积分怎么兑换体检套餐' });
    const second = await sandbox.kfCustomerMessage({ openKfId: OPEN_KF_ID, externalUserId: ext, text: '还有就是绿通怎么预约' });
    const same = kfCallback(first.token);
    const other = kfCallback(second.token);
    const responses = await Promise.all([same(), same(), same(), same(), other()]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await other();

    const tickets = await stack.deps.store.collection<Ticket>(TICKETS).find({ memberId: memberIdForExternalUser(stack.config.WECOM_CORP_ID, ext) });
    expect(tickets).toHaveLength(1);
    expect(tickets[0]?.role).toBe('rights_consultant');
    expect(await stack.deps.store.collection('triage_messages').count({ ticketId: tickets[0]?._id })).toBe(2);
    expect(kfReplies(ext)).toHaveLength(1);
    expect(cardsTo(team.rights_consultant).filter((s) => cardOf(s).url.endsWith(tickets[0]?._id as string))).toHaveLength(1);

    // A sync that starts over (cursor lost, e.g. a crash before it moved) re-reads every message of
    // the last 3 days, the emergency included: msgid dedup means nothing is sent or opened twice.
    const sentBefore = stack.sandbox.state.sent.length;
    const ticketsBefore = await stack.deps.store.collection(TICKETS).count({});
    await stack.deps.store.collection('wecom_kf_cursors').deleteMany({});
    const third = await sandbox.kfCustomerMessage({ openKfId: OPEN_KF_ID, externalUserId: 'wmDuplicate02', text: '你好' });
    await kfCallback(third.token)();
    expect(await stack.deps.store.collection(TICKETS).count({})).toBe(ticketsBefore + 1);
    const newlySent = stack.sandbox.state.sent.slice(sentBefore);
    expect(newlySent.filter((s) => s.api === 'kf/send_msg').flatMap((s) => s.touser)).toEqual(['wmDuplicate02']);
  });

  it('takes questions from the mini-program (member by OPENID) and answers in the call; a retried call gets the first answer', async () => {
    const memberId = await addMember('wmMiniProg01');
    await stack.deps.members.bindOpenId(memberId, 'oMiniProgram01', Date.now());
    const ask = async (data: unknown, openId = 'oMiniProgram01') => {
      const res = await fetch(`${stack.url}/_dev/call/triage`, { method: 'POST', headers: { 'x-dev-openid': openId }, body: JSON.stringify({ action: 'ask', data }) });
      return (await res.json()) as { ok: boolean; data?: { outcome: string; ticketId: string; role: string; reply: string; emergency: boolean }; error?: { code: string } };
    };
    const first = await ask({ text: '小程序里怎么上传体检报告', clientMsgId: 'ask-1' });
    expect(first.ok).toBe(true);
    expect(first.data).toMatchObject({ outcome: 'processed', role: 'health_butler', emergency: false });
    expect(first.data?.reply).toContain('健康档案');
    expect(first.data?.reply).toContain('健康管家（李管家）');
    const again = await ask({ text: '小程序里怎么上传体检报告', clientMsgId: 'ask-1' });
    expect(again.data).toMatchObject({ outcome: 'duplicate', ticketId: first.data?.ticketId });
    expect(cardsTo(team.health_butler).filter((s) => cardOf(s).url.endsWith(first.data?.ticketId as string))).toHaveLength(1);

    expect((await ask({ text: '你好' }, 'oNotBound')).error?.code).toBe('openid_not_bound');
    expect((await ask({ text: '   ' })).error?.code).toBe('validation_failed');
  });

  it('files a question a staff member forwards to the app as “#<member> text”, for members of their own team only', async () => {
    const ext = 'wmForward001';
    const memberId = await addMember(ext);
    const forward = async (from: string, content: string, msgId: string) => {
      const built = buildCallbackRequest({
        token: stack.config.WECOM_CALLBACK_TOKEN,
        encodingAesKey: stack.config.WECOM_CALLBACK_AES_KEY,
        corpId: stack.config.WECOM_CORP_ID,
        agentId: stack.config.WECOM_AGENT_ID,
        event: { kind: 'text', corpId: stack.config.WECOM_CORP_ID, fromUserName: from, content, msgId, agentId: stack.config.WECOM_AGENT_ID },
      });
      const res = await fetch(`${stack.url}${callbackUrl('/wecom/triage', built.query)}`, { method: 'POST', body: built.body });
      expect(res.status).toBe(200);
    };
    const textsTo = (userid: string) => stack.sandbox.state.sent.filter((s) => s.api === 'message/send' && s.touser.includes(userid) && (s.body as { msgtype?: string }).msgtype === 'text').map(textOf);

    await forward(team.health_butler, `#${ext} 客户说最近血压偏高，降压药要不要加量`, '7001');
    const [receipt] = textsTo(team.health_butler);
    expect(receipt).toMatch(/^已登记新工单 t_\S+，转给家庭医生。$/);
    const ticketId = /t_[\w-]{22}/.exec(receipt as string)?.[0] as string;
    const doc = stack.staffToken(team.family_doctor, 'family_doctor');
    const detail = await api<TicketDetail>(`/api/triage/tickets/${ticketId}`, doc);
    expect(detail.body).toMatchObject({ memberId, role: 'family_doctor' });
    expect(detail.body.messages[0]).toMatchObject({ channel: 'staff_forward', forwardedBy: team.health_butler, text: '客户说最近血压偏高，降压药要不要加量' });
    expect(kfReplies(ext)).toHaveLength(0);

    await forward(team.family_doctor, `#${memberId}：客户说她现在呼吸困难，嘴唇发紫`, '7005');
    const urgent = textsTo(team.family_doctor).at(-1) as string;
    expect(urgent).toMatch(/^【紧急】已补充到进行中的工单 t_[\w-]{22}，已通知家庭医生和值班医生。请立即提醒客户拨打120。$/);
    expect(urgent).toContain(ticketId);
    expect((await stack.deps.store.collection<Ticket>(TICKETS).get(ticketId))?.emergency).toBe(true);

    await forward('oncall-b', `#${memberId} 客户想问体检预约`, '7002');
    expect(textsTo('oncall-b')[0]).toContain('不是该客户服务团队的成员');
    await forward('stranger', `#${memberId} 客户想问体检预约`, '7003');
    expect(textsTo('stranger')[0]).toContain('不在健康社群服务团队名单');
    await forward(team.health_butler, '帮我看看这个客户', '7004');
    expect(textsTo(team.health_butler).at(-1)).toContain('#客户编号 客户原话');
    expect(await stack.deps.store.collection(TICKETS).count({ memberId })).toBe(1);
  });
});
