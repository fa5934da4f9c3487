import { staffByIds } from '../team/roster';
import type { TriageContext } from './context';
import { setMessage } from './message-claim';
import type { MessageTicket } from './message-ticket';
import type { ReplyState, StoredClassification, Ticket, TriageMessage } from './records';
import { planReply, sendKfReply, type ReplyPlan } from './reply-customer';
import { forwardReceiptText, heldNoticeText } from './texts';

async function assigneeName(ctx: TriageContext, ticket: Ticket): Promise<string | undefined> {
  if (!ticket.assignee) return undefined;
  return (await staffByIds(ctx.deps.store, [ticket.assignee])).get(ticket.assignee)?.name;
}

/**
 * The outbound review of the butler's answer to a member (services/review). Emergency first aid and
 * urgent escalation texts go out without waiting: the review answers them before any I/O. A held
 * answer is not sent (the ticket's staff answer instead); true when held.
 */
async function heldByReview(ctx: TriageContext, rec: TriageMessage, plan: ReplyPlan, ticket: Ticket, now: number): Promise<boolean> {
  if (rec.channel === 'staff_forward' || (rec.channel === 'kf' && !plan.sendOverKf)) return false;
  const urgency = plan.kind === 'emergency' || plan.kind === 'urgent' ? 'emergency' : 'routine';
  const decision = await ctx.review.review({ channel: 'triage_reply', ref: rec._id, memberId: rec.memberId, text: plan.text, author: { kind: 'system', id: 'triage' }, urgency, ticketId: ticket._id });
  if (decision.send) return false;
  await ctx.events.record({ ticketId: ticket._id, memberId: rec.memberId, atMs: now, actor: { kind: 'system', id: 'triage' }, stepKey: rec._id, type: 'reply_held', meta: { kind: plan.kind, reviewId: decision.reviewId } });
  return true;
}

/** Delivers the reply for the record's channel; returns the state to save. */
async function deliverReply(ctx: TriageContext, rec: TriageMessage, plan: ReplyPlan, ticket: Ticket, now: number): Promise<ReplyState> {
  const { deps } = ctx;
  if (rec.channel === 'mini_program') {
    await ctx.events.record({ ticketId: ticket._id, memberId: rec.memberId, atMs: now, actor: { kind: 'system', id: 'triage' }, stepKey: rec._id, type: 'customer_replied', meta: { kind: plan.kind, channel: 'mini_program' } });
    return 'sent';
  }
  if (rec.channel === 'staff_forward') {
    const content = forwardReceiptText({ ticketId: ticket._id, role: ticket.role, emergency: ticket.emergency, opened: rec.opened === true, onCall: ticket.onCallList.length > 0 });
    // A receipt for the staff member; failing it must not hold up the customer's ticket.
    await deps.wecom.sendAppMessage({ touser: rec.staffId ?? '', msgtype: 'text', text: { content }, dedupeWindowS: 600 }).catch((err: unknown) => {
      deps.log.warn('triage forward receipt not sent', { ticketId: ticket._id, error: err instanceof Error ? err.name : 'error' });
    });
    return 'none';
  }
  if (!plan.sendOverKf) return 'none';
  // A send that may have left before a crash is not repeated, except the life-safety reply.
  if (rec.reply === 'sending' && plan.kind !== 'emergency') {
    await ctx.events.record({ ticketId: ticket._id, memberId: rec.memberId, atMs: now, actor: { kind: 'system', id: 'triage' }, stepKey: rec._id, type: 'reply_failed', meta: { kind: plan.kind, outcomeUnknown: true } });
    return 'unknown';
  }
  await setMessage(ctx, rec._id, { reply: 'sending' });
  return sendKfReply(
    { wecom: deps.wecom, window: ctx.kfWindow, events: ctx.events },
    { memberId: rec.memberId, openKfId: rec.openKfId ?? '', externalUserId: rec.externalUserId ?? '', plan, ticket, msgKey: rec._id, nowMs: now },
  );
}

/**
 * The reply step: plans what the customer is told and, unless an earlier attempt settled it, passes it
 * through the review and delivers it. Returns what the customer is (or would be) told — the held
 * notice when the review held the answer.
 */
export async function replyToCustomer(ctx: TriageContext, rec: TriageMessage, text: string, c: StoredClassification, at: MessageTicket, now: number): Promise<ReplyPlan> {
  const { ticket, opened } = at;
  const plan = planReply({
    classification: c,
    ticket,
    opened,
    memberKnown: rec.memberKnown,
    text,
    nowMs: now,
    ...(opened && !c.emergency && { assigneeName: await assigneeName(ctx, ticket) }),
  });
  if (rec.reply !== undefined && rec.reply !== 'sending') return plan;
  const held = await heldByReview(ctx, rec, plan, ticket, now);
  const reply = held ? 'skipped' : await deliverReply(ctx, { ...rec, opened }, plan, ticket, now);
  // What the customer was told stays with their message, encrypted like it, for the staff reading the ticket.
  const said = reply === 'sent' ? (ctx.deps.cipher.encryptFields({ replyText: plan.text }, ['replyText'], rec.memberId) as unknown as Pick<TriageMessage, 'replyText'>) : {};
  await setMessage(ctx, rec._id, { reply, ...said, ...(reply === 'sent' && { repliedAtMs: now }) });
  return held ? { ...plan, text: heldNoticeText() } : plan;
}
