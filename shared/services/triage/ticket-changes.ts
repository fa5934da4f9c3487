import { AppError, ConflictError, NotFoundError } from '../../errors';
import type { Principal } from '../../domain/access/principal';
import type { Action } from '../../domain/access/policy';
import { actorFromPrincipal } from '../access/actor';
import type { TriageContext } from './context';
import type { Ticket } from './records';
import type { CloseBody, ReplyBody } from './schemas';
import type { StaffReplies, StaffReplyResult } from './staff-reply';
import { recordTicketAnswered } from './ticket-outcomes';
import { loadTicket, type RequestContext } from './ticket-reading';
import { ticketSummary, type TicketSummary } from './views';

/*
 * Moving a ticket on (acknowledge, answer, close) under the access policy told in ticket-access.ts:
 * each change is a ticket event and an audit entry, recorded once by whoever made it.
 */

const staffIdOf = (principal: Principal) => (principal.kind === 'staff' ? principal.staffId : '');

async function staffChange(ctx: TriageContext, principal: Principal, ticket: Ticket, type: 'acknowledged' | 'closed', action: Action, meta: Record<string, string>): Promise<void> {
  const { deps } = ctx;
  const now = deps.clock.nowMs();
  const actor = actorFromPrincipal(principal);
  await ctx.events.record({
    ticketId: ticket._id,
    memberId: ticket.memberId,
    type,
    atMs: now,
    actor: { kind: actor.kind === 'staff' ? 'staff' : 'member', id: actor.id },
    meta,
    stepKey: `${actor.id}:${now}`,
  });
  await deps.audit.append({ actor, action, subjectMemberId: ticket.memberId, outcome: 'done', meta: { ticketId: ticket._id, ...meta } });
  if (type === 'acknowledged') await recordTicketAnswered(deps.store, ticket, ticket.acknowledgedAtMs ?? now);
}

/** open → acknowledged; repeating it is harmless; a closed ticket answers 409. */
export async function acknowledgeTicket(ctx: TriageContext, principal: Principal, ticketId: string, rc: RequestContext): Promise<TicketSummary> {
  const ticket = await loadTicket(ctx, principal, ticketId, 'ticket.ack', rc);
  const { ticket: after, changed } = await ctx.tickets.acknowledge(ticket._id, staffIdOf(principal), ctx.deps.clock.nowMs());
  if (!after) throw new NotFoundError('ticket');
  if (!changed && after.status === 'closed') throw new ConflictError('ticket_closed', 'the ticket is already closed');
  if (changed) await staffChange(ctx, principal, after, 'acknowledged', 'ticket.ack', { emergency: String(after.emergency) });
  return ticketSummary(after);
}

/** open|acknowledged → closed; frees the member's slot so the next question opens a new ticket. */
export async function closeTicket(ctx: TriageContext, principal: Principal, ticketId: string, body: CloseBody, rc: RequestContext): Promise<TicketSummary> {
  const ticket = await loadTicket(ctx, principal, ticketId, 'ticket.close', rc);
  const { ticket: after, changed } = await ctx.tickets.close(ticket._id, staffIdOf(principal), body.resolution, ctx.deps.clock.nowMs());
  if (!after) throw new NotFoundError('ticket');
  if (changed) await staffChange(ctx, principal, after, 'closed', 'ticket.close', { resolution: body.resolution });
  return ticketSummary(after);
}

type SentReply = Awaited<ReturnType<StaffReplies['send']>>;

/** After a new answer: the ticket event and audit entry (held or sent); a sent one acknowledges a ticket still open. */
async function recordAnswer(ctx: TriageContext, principal: Principal, ticket: Ticket, sent: SentReply, audit: { actor: ReturnType<typeof actorFromPrincipal>; action: string; subjectMemberId: string; requestId?: string }): Promise<void> {
  const { remainingInWindow, ...result } = sent;
  const staffId = staffIdOf(principal);
  const now = ctx.deps.clock.nowMs();
  const answerEvent = (type: 'reply_held' | 'staff_replied', meta: Record<string, string | number>) =>
    ctx.events.record({ ticketId: ticket._id, memberId: ticket.memberId, type, atMs: now, actor: { kind: 'staff', id: staffId }, meta, stepKey: result.replyId });
  if (!result.sent) {
    // Held by the outbound review: the member has not heard from anyone yet, so the ticket stays as it was (SLA running).
    await answerEvent('reply_held', { replyId: result.replyId, reviewId: result.reviewId });
    await ctx.deps.audit.append({ ...audit, outcome: 'done', meta: { ticketId: ticket._id, channel: 'kf', held: true, reviewId: result.reviewId } });
    return;
  }
  await answerEvent('staff_replied', { channel: 'kf', replyId: result.replyId, remainingInWindow });
  await ctx.deps.audit.append({ ...audit, outcome: 'done', meta: { ticketId: ticket._id, channel: 'kf' } });
  if (ticket.status === 'open') {
    const { ticket: after, changed } = await ctx.tickets.acknowledge(ticket._id, staffId, now);
    if (after && changed) await staffChange(ctx, principal, after, 'acknowledged', 'ticket.ack', { emergency: String(after.emergency), by: 'reply' });
  }
}

/**
 * A staff member answers the customer through 微信客服 (staff-reply.ts). A ticket still open counts
 * as acknowledged by the answer: the member heard from a person, so the SLA cron stops escalating.
 */
export async function replyOnTicket(ctx: TriageContext, replies: StaffReplies, principal: Principal, ticketId: string, body: ReplyBody, rc: RequestContext): Promise<StaffReplyResult> {
  const ticket = await loadTicket(ctx, principal, ticketId, 'ticket.reply', rc);
  const earlier = await replies.earlier(ticket._id, body);
  if (earlier) return earlier;
  if (ticket.status === 'closed') throw new ConflictError('ticket_closed', 'the ticket is already closed');
  const audit = { actor: actorFromPrincipal(principal), action: 'ticket.reply', subjectMemberId: ticket.memberId, ...(rc.requestId && { requestId: rc.requestId }) };
  let sent: SentReply;
  try {
    sent = await replies.send(ticket, staffIdOf(principal), body);
  } catch (err) {
    await ctx.deps.audit.append({ ...audit, outcome: 'failed', reason: err instanceof AppError ? err.code : 'upstream_error', meta: { ticketId: ticket._id } });
    throw err;
  }
  const { remainingInWindow: _window, ...result } = sent;
  if (!result.duplicate) await recordAnswer(ctx, principal, ticket, sent, audit);
  return result;
}
