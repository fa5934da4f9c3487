import { randomUUID } from 'node:crypto';
import { DuplicateKeyError, ForbiddenError } from '../../errors';
import type { AppTextMessage, ParsedEvent } from '../../ports/wecom-callback-events';
import { isWecomApiError, WecomErrcode, type KfMessage } from '../../ports/wecom-api';
import { memberIdForExternalUser, type Member } from '../members/member';
import { STAFF_ROSTER, type StaffMember } from '../team/roster';
import type { TriageContext } from './context';
import type { IngestResult, Pipeline, ResolvedMember } from './pipeline';
import { MESSAGES } from './records';
import { InboundMessageSchema, type AskData, type InboundMessage } from './schemas';
import { parseStaffForward } from './staff-forward';
import { FORWARD_USAGE_ZH, unsupportedText } from './texts';

/** kf message origin 3 = sent by the customer (4 = system push, 5 = servicer). */
const FROM_CUSTOMER = 3;

const known = (m: Member | null): boolean => m?.status === 'active';

/** Runs `work` over `items` with at most `limit` at once; rejects with the first failure after all settle. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (err) {
        errors.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (errors.length) throw errors[0];
}

/**
 * Where customer questions come in: 微信客服 (kf_msg_or_event → kf/sync_msg), the app callback
 * (staff forwarding a customer's words), and the mini-program. All become one InboundMessage.
 */
/** Whether the /wecom/triage callback acts on `event`; the inbox stores the rest done at once. */
export const triageActsOn = (event: ParsedEvent): boolean => event.kind === 'kf_msg_or_event' || event.kind === 'text';

/** What the intake steps share: the triage context and the pipeline messages go into. */
interface IntakeScope {
  readonly ctx: TriageContext;
  readonly pipeline: Pipeline;
}

/** kf external_userid → member: the deterministic id first, then the stored externalUserId. */
async function memberForExternalUser(ctx: TriageContext, externalUserId: string): Promise<ResolvedMember> {
  const { deps } = ctx;
  const derived = memberIdForExternalUser(deps.config.WECOM_CORP_ID, externalUserId);
  const member = (await deps.members.get(derived)) ?? (await deps.members.findByExternalUserId(externalUserId));
  return { memberId: member?._id ?? derived, member, memberKnown: known(member) };
}

/** Staff name a member by member id or external_userid. */
async function memberByRef(ctx: TriageContext, ref: string): Promise<Member | null> {
  const { deps } = ctx;
  return (await deps.members.get(ref)) ?? (await deps.members.findByExternalUserId(ref)) ?? (await deps.members.get(memberIdForExternalUser(deps.config.WECOM_CORP_ID, ref)));
}

/** Voice, images, files…: cannot be triaged; the customer is asked for text once per message. */
async function unsupported(ctx: TriageContext, m: KfMessage, externalUserId: string): Promise<void> {
  const { deps } = ctx;
  const who = await memberForExternalUser(ctx, externalUserId);
  const window = ctx.kfWindow;
  await window.customerMessage({ memberId: who.memberId, openKfId: m.openKfId, externalUserId, atMs: m.sendAtMs });
  try {
    await deps.store.collection(MESSAGES).insert({ _id: `kf:${m.msgid}`, channel: 'kf', memberId: who.memberId, unsupported: m.msgtype, atMs: m.sendAtMs, status: 'done', attempts: 1, leaseUntilMs: 0 });
  } catch (err) {
    if (err instanceof DuplicateKeyError) return;
    throw err;
  }
  if (!(await window.reserve(who.memberId, deps.clock.nowMs()))) return;
  await deps.wecom.kfSendMsg({ touser: externalUserId, openKfId: m.openKfId, msgtype: 'text', text: { content: unsupportedText() } }).catch((err: unknown) => {
    deps.log.warn('triage unsupported-message reply failed', { error: isWecomApiError(err) ? err.errcode : 'error' });
  });
}

async function kfMessage(scope: IntakeScope, m: KfMessage): Promise<void> {
  if (m.origin !== FROM_CUSTOMER || !m.externalUserId) return;
  if (m.msgtype === 'event') return;
  const text = m.msgtype === 'text' ? (m.text?.content ?? '') : '';
  const inbound = InboundMessageSchema.safeParse({ channel: 'kf', msgKey: `kf:${m.msgid}`, text, atMs: m.sendAtMs, openKfId: m.openKfId, externalUserId: m.externalUserId });
  if (!inbound.success) return unsupported(scope.ctx, m, m.externalUserId);
  await scope.pipeline.ingest(inbound.data, await memberForExternalUser(scope.ctx, m.externalUserId));
}

/** One sync page: customers in parallel, each customer's messages in the order they were sent. */
async function kfBatch(scope: IntakeScope, batch: KfMessage[]): Promise<void> {
  const byCustomer = new Map<string, KfMessage[]>();
  for (const m of batch) {
    if (m.origin !== FROM_CUSTOMER || !m.externalUserId) continue;
    const list = byCustomer.get(m.externalUserId);
    if (list) list.push(m);
    else byCustomer.set(m.externalUserId, [m]);
  }
  await eachLimited([...byCustomer.values()], scope.ctx.options.kfConcurrency, async (list) => {
    for (const m of [...list].sort((a, b) => a.sendAtMs - b.sendAtMs)) await kfMessage(scope, m);
  });
}

async function syncKf(scope: IntakeScope, input: { openKfId: string; token?: string }): Promise<void> {
  const { deps } = scope.ctx;
  const onBatch = (batch: KfMessage[]) => kfBatch(scope, batch);
  try {
    await deps.wecom.kfSyncMsg({ openKfId: input.openKfId, ...(input.token && { token: input.token }), onBatch });
  } catch (err) {
    // The callback token lives 10 minutes; a retry after that syncs without it (stricter rate limit).
    if (!(input.token && isWecomApiError(err) && err.errcode === WecomErrcode.kfInvalidMsgToken)) throw err;
    await deps.wecom.kfSyncMsg({ openKfId: input.openKfId, onBatch });
  }
  await scope.pipeline.resumePending();
}

/** A staff member forwarded a customer's words: `#<member id | external_userid> <text>`. */
async function staffForward(scope: IntakeScope, ev: AppTextMessage): Promise<IngestResult | null> {
  const { deps } = scope.ctx;
  const staffId = ev.fromUserName;
  const tell = (content: string) => deps.wecom.sendAppMessage({ touser: staffId, msgtype: 'text', text: { content }, dedupeWindowS: 600 }).then(() => null);
  const parsed = parseStaffForward(ev.content);
  if (!parsed.ok) return tell(FORWARD_USAGE_ZH);
  const staff = await deps.store.collection<StaffMember>(STAFF_ROSTER).get(staffId);
  if (!staff?.active) {
    await deps.audit.append({ actor: { kind: 'staff', id: staffId }, action: 'triage.forward', outcome: 'denied', reason: 'not_in_roster' });
    return tell('你不在健康社群服务团队名单中，无法登记客户消息。');
  }
  const member = await memberByRef(scope.ctx, parsed.memberRef);
  if (!member) return tell(`未找到客户编号 ${parsed.memberRef}，请核对后重发。\n${FORWARD_USAGE_ZH}`);
  try {
    // Filing a question into a member's tickets takes what reading them takes: being on their team.
    await deps.authorize({ kind: 'staff', staffId, role: staff.role }, 'ticket.read', member._id);
  } catch (err) {
    if (!(err instanceof ForbiddenError)) throw err;
    return tell('你不是该客户服务团队的成员，无法为其登记消息。');
  }
  const inbound = InboundMessageSchema.parse({
    channel: 'staff_forward',
    msgKey: `app:${ev.msgId}`,
    text: parsed.text,
    atMs: ev.createTimeS * 1000,
    staffId,
    memberRef: parsed.memberRef,
  });
  return scope.pipeline.ingest(inbound, { memberId: member._id, member, memberKnown: known(member) });
}

export function createIntake(ctx: TriageContext, pipeline: Pipeline) {
  const { deps } = ctx;
  const scope: IntakeScope = { ctx, pipeline };
  return {
    syncKf: (input: { openKfId: string; token?: string }) => syncKf(scope, input),
    staffForward: (ev: AppTextMessage) => staffForward(scope, ev),

    /** The /wecom/triage callback: kf notifications and app text messages (triageActsOn); anything else is kept and ignored. */
    async handleCallback(event: ParsedEvent): Promise<void> {
      if (event.kind === 'kf_msg_or_event') return syncKf(scope, { openKfId: event.openKfId, token: event.token });
      if (event.kind === 'text') {
        await staffForward(scope, event);
        return;
      }
      deps.log.debug('triage callback ignored', { kind: event.kind });
    },

    /** Mini-program `ask`: the member comes from the caller's OPENID binding, never from the body. */
    async ask(member: Member, data: AskData): Promise<IngestResult> {
      const inbound: InboundMessage = InboundMessageSchema.parse({
        channel: 'mini_program',
        msgKey: `mp:${member._id}:${data.clientMsgId ?? randomUUID()}`,
        text: data.text,
        atMs: deps.clock.nowMs(),
        memberId: member._id,
      });
      return pipeline.ingest(inbound, { memberId: member._id, member, memberKnown: known(member) });
    },
  };
}

export type Intake = ReturnType<typeof createIntake>;
