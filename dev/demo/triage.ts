import { randomBytes } from 'node:crypto';
import type { DemoContext } from './context';
import { SandboxClient } from '../wecom-sandbox/inspect';
import { buildCallbackRequest, callbackUrl } from '../wecom-sandbox/callback-builder';
import type { SentRecord } from '../wecom-sandbox/state';
import { signToken } from '../../shared/adapters/auth/tokens';
import { memberIdForExternalUser } from '../../shared/services/members/member';
import type { StaffRole } from '../../shared/domain/team/roles';
import type { TicketDetail, TicketSummary } from '../../shared/services/triage/views';

const OPEN_KF_ID = 'wkDemoHealth';

/** A second doctor on call, so the emergency shows the on-call alert even when the member's doctor is on call too. */
const ON_CALL = { userId: 'doc_oncall', name: '值班医生', role: 'family_doctor', scenes: ['policy_delivery', 'claims_service', 'reactivation'], onCall: true };
const FALLBACK_ROSTER = [
  ON_CALL,
  { userId: 'doc_li', name: '李医生', role: 'family_doctor', scenes: ['policy_delivery', 'claims_service', 'reactivation'] },
  { userId: 'butler_xu', name: '徐管家', role: 'health_butler', scenes: ['policy_delivery', 'claims_service', 'reactivation'] },
  { userId: 'rights_he', name: '何顾问', role: 'rights_consultant', scenes: ['policy_delivery', 'claims_service', 'reactivation'] },
  { userId: 'ins_wang', name: '王顾问', role: 'insurance_consultant', scenes: ['policy_delivery', 'claims_service', 'reactivation'] },
];

async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, init);
  const body = (await res.json()) as T & { error?: { message: string } };
  if (res.status >= 400) throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status}: ${body.error?.message ?? ''}`);
  return body;
}

const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const shanghai = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The member from the welcome step, or a fresh one made the same way (roster + add_external_contact). */
async function ensureMember(ctx: DemoContext, sandbox: SandboxClient, machine: Record<string, string>): Promise<{ memberId: string; externalUserId: string }> {
  const roster = typeof ctx.state.memberId === 'string' ? [ON_CALL] : FALLBACK_ROSTER;
  await call(`${ctx.baseUrl}/api/team/staff`, { method: 'PUT', headers: machine, body: JSON.stringify({ staff: roster }) });
  if (typeof ctx.state.memberId === 'string' && typeof ctx.state.externalUserId === 'string') {
    return { memberId: ctx.state.memberId, externalUserId: ctx.state.externalUserId };
  }
  const { externalUserId } = await sandbox.addExternalContact({ userid: 'ins_wang', name: '张先生' });
  const req = buildCallbackRequest({
    ...ctx.secrets.callbacks.welcome,
    event: { kind: 'change_external_contact', userId: 'ins_wang', externalUserId },
  });
  await fetch(`${ctx.baseUrl}${callbackUrl('/wecom/welcome', req.query)}`, { method: 'POST', body: req.body });
  const memberId = memberIdForExternalUser(ctx.secrets.callbacks.welcome.corpId, externalUserId);
  ctx.state.memberId = memberId;
  ctx.state.externalUserId = externalUserId;
  return { memberId, externalUserId };
}

/** The customer writes to 微信客服; WeCom pushes kf_msg_or_event; triage syncs, classifies, files, routes and replies. */
async function customerWrites(ctx: DemoContext, sandbox: SandboxClient, externalUserId: string, text: string): Promise<{ reply: string; cards: SentRecord[] }> {
  const sentBefore = (await sandbox.sent()).length;
  const { token } = await sandbox.kfCustomerMessage({ openKfId: OPEN_KF_ID, externalUserId, text });
  const req = buildCallbackRequest({
    ...ctx.secrets.callbacks.triage,
    event: { kind: 'kf_msg_or_event', token, openKfId: OPEN_KF_ID },
  });
  const res = await fetch(`${ctx.baseUrl}${callbackUrl('/wecom/triage', req.query)}`, { method: 'POST', body: req.body });
  ctx.print('微信客服消息回调（已加密）', 'encrypted kf_msg_or_event callback', `HTTP ${res.status}, ${res.headers.get('x-callback-outcome') ?? ''}`);
  const fresh = (await sandbox.sent()).slice(sentBefore);
  const reply = fresh.find((s) => s.api === 'kf/send_msg' && s.touser.includes(externalUserId));
  return { reply: (reply?.body as { text?: { content: string } } | undefined)?.text?.content ?? '(no reply)', cards: fresh.filter((s) => s.api === 'message/send') };
}

function staffToken(ctx: DemoContext, staffId: string, role: StaffRole): string {
  return signToken(ctx.secrets.TOKEN_SIGNING_SECRET, { aud: 'staff-session', sub: staffId, role }, 3600, Date.now());
}

/**
 * Step 2: the member asks a routine question and later reports an emergency through 微信客服.
 * Shows the classification, the ticket, who was alerted (cards carry no health text), what the
 * customer was told, and the doctor acknowledging the emergency through the ticket API.
 */
export async function demoTriage(ctx: DemoContext): Promise<void> {
  const machine = { 'x-internal-key': ctx.secrets.INTERNAL_API_KEY, 'content-type': 'application/json' };
  const sandbox = new SandboxClient(ctx.sandboxUrl);
  const { externalUserId } = await ensureMember(ctx, sandbox, machine);

  const routineText = '请问小程序里怎么设置用药提醒？想改成每天晚上8点';
  ctx.print('客户通过微信客服提问', 'customer asks via 微信客服', routineText);
  const routine = await customerWrites(ctx, sandbox, externalUserId, routineText);
  ctx.print('自动回复客户', 'automatic reply to the customer', routine.reply);
  for (const card of routine.cards) {
    const tc = card.body.textcard as { title: string; description: string; url: string };
    ctx.print('通知服务人员（应用消息卡片）', 'staff notified (textcard)', `→ ${card.touser.join(',')}: ${tc.title} — ${plain(tc.description)}\n${tc.url}`);
  }

  const sosText = `我爸突然胸口疼得厉害，一直冒冷汗，左胳膊也麻（演示 ${randomBytes(2).toString('hex')}）`;
  ctx.print('客户报告紧急情况', 'customer reports an emergency', sosText);
  const sos = await customerWrites(ctx, sandbox, externalUserId, sosText);
  ctx.print('立即回复：拨打120与急救要点', 'immediate reply: call 120 and first aid', sos.reply);
  for (const card of sos.cards) {
    const tc = card.body.textcard as { title: string; description: string };
    ctx.print('紧急通知', 'urgent alert', `→ ${card.touser.join(',')}: ${tc.title} — ${plain(tc.description)}`);
  }

  const doctorCard = sos.cards.find((c) => (c.body.textcard as { title: string }).title.startsWith('【紧急】'));
  if (!doctorCard) throw new Error('no emergency card reached the sandbox');
  const ticketId = (doctorCard.body.textcard as { url: string }).url.split('/').pop() as string;
  const doctorId = doctorCard.touser[0] as string;
  const auth = { authorization: `Bearer ${staffToken(ctx, doctorId, 'family_doctor')}`, 'content-type': 'application/json' };
  const ticket = await call<TicketDetail>(`${ctx.baseUrl}/api/triage/tickets/${ticketId}`, { headers: auth });
  ctx.print('服务工单（医生视角）', 'service ticket (doctor view)', {
    id: ticket.id,
    role: ticket.roleLabelZh,
    emergency: ticket.emergency,
    redFlags: ticket.redFlagLabelsZh,
    slaDue: `${shanghai(ticket.slaDueAtMs)} (Asia/Shanghai)`,
    onCall: ticket.onCallList,
    events: ticket.events.map((e) => e.type),
  });
  const acked = await call<TicketSummary>(`${ctx.baseUrl}/api/triage/tickets/${ticketId}/ack`, { method: 'POST', headers: auth });
  ctx.print('医生确认接单（停止升级）', 'doctor acknowledges (escalation stops)', `${acked.status} by ${acked.acknowledgedBy}`);
  ctx.state.emergencyTicketId = ticketId;
}
