import { ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import { relationOf, type Principal } from '../../domain/access/principal';
import { decide, type Action } from '../../domain/access/policy';
import { openDisplayName } from '../members/display-name';
import type { TriageContext } from './context';
import { SLA_ESCALATIONS, type SlaEscalationDoc } from '../reminders/sla';
import { decryptMessageText, messagesOf } from './message-claim';
import type { Ticket } from './records';
import { replyChannelOf } from './reply-channel';
import { rejectReasonOf } from '../review/queue';
import type { ListTicketsQuery } from './schemas';
import type { StaffReplies } from './staff-reply';
import { summaryLine, ticketDetail, ticketSummary, type TicketDetail, type TicketSummary } from './views';

/*
 * Reading tickets under the access policy (the rules are told in ticket-access.ts): which ticket a
 * caller may open, the queue of their tickets, one ticket in full, and the member's name beside it.
 */

export interface RequestContext {
  requestId?: string;
}

/** What the policy judges a ticket by: its role, and the on-call doctors alerted about it. */
async function accessOf(ctx: TriageContext, ticket: Ticket, rc: RequestContext) {
  const coServing = await ctx.onCallAlerts.coServing(ticket);
  return { assignedRole: ticket.role, ...(coServing.length ? { coServing } : {}), ...rc };
}

/** The ticket, once `authorize` let the caller do `action` on it; an unknown id is refused like a denial. */
export async function loadTicket(ctx: TriageContext, principal: Principal, ticketId: string, action: Action, rc: RequestContext): Promise<Ticket> {
  const ticket = await ctx.tickets.get(ticketId);
  if (!ticket) {
    // Same answer as a denial would give, and audited like one: ids are unguessable, but probing is visible.
    await ctx.deps.authorize(principal, action, undefined, rc);
    throw new NotFoundError('ticket');
  }
  await ctx.deps.authorize(principal, action, ticket.memberId, await accessOf(ctx, ticket, rc));
  return ticket;
}

/**
 * The member's display name for a caller the policy already let read the ticket: staff on the
 * member's team only (profile.read without a ticket role), each read audited by `authorize`.
 * Anyone else gets null without a denial on record: they did not ask for the profile.
 */
export async function memberNameFor(ctx: TriageContext, principal: Principal, memberId: string, rc: RequestContext): Promise<string | null> {
  const { deps } = ctx;
  if (principal.kind !== 'staff') return null;
  const member = await deps.members.get(memberId);
  if (!member?.displayName || member.status === 'erased') return null;
  if (!decide(principal, 'profile.read', relationOf(principal, { memberId, team: member.team })).allow) return null;
  await deps.authorize(principal, 'profile.read', memberId, rc);
  return openDisplayName(deps.cipher, member);
}

/** One ticket in full: its messages, the staff's answers (sent and held), its events, escalation level and reply channel. */
export async function ticketDetailOf(ctx: TriageContext, replies: StaffReplies, ticket: Ticket): Promise<TicketDetail> {
  const { deps } = ctx;
  const [msgs, staffReplies, heldReplies, events, escalation, kf] = await Promise.all([
    messagesOf(ctx).find({ ticketId: ticket._id }, { sort: { atMs: 1, _id: 1 } }),
    replies.sentOn(ticket._id),
    replies.heldOn(ticket._id),
    ctx.events.list(ticket._id),
    // Kept by the reminder cron, which escalates unacknowledged tickets.
    deps.store.collection<SlaEscalationDoc>(SLA_ESCALATIONS).get(ticket._id),
    ctx.kfWindow.get(ticket.memberId),
  ]);
  const replyChannel = replyChannelOf(kf, deps.clock.nowMs());
  const reviews = await Promise.all(heldReplies.map(async (h) => ({ ...h, rejectReasonZh: h.status === 'rejected' ? await rejectReasonOf(deps, h.reviewId) : null })));
  return ticketDetail(ticket, { messages: msgs, staffReplies, heldReplies: reviews, events, escalationLevel: escalation?.level ?? 0, replyChannel }, deps.cipher);
}

/** The queue's preview line: the first line of the message that opened the ticket. */
async function summaryOf(ctx: TriageContext, ticket: Ticket): Promise<string | null> {
  const [first] = await messagesOf(ctx).find({ ticketId: ticket._id }, { sort: { atMs: 1, _id: 1 }, limit: 1 });
  if (!first) return null;
  return summaryLine(decryptMessageText(ctx, first));
}

/** The staff member's tickets (assigned, or alerted about as on-call) that the policy lets them read now. */
async function visibleToStaff(ctx: TriageContext, principal: Extract<Principal, { kind: 'staff' }>, q: ListTicketsQuery, rc: RequestContext): Promise<Ticket[]> {
  const visible: Ticket[] = [];
  const alerted = await ctx.onCallAlerts.ticketIdsFor(principal.staffId);
  for (const t of await ctx.tickets.listMine(principal.staffId, alerted, q.status, q.limit)) {
    try {
      await ctx.deps.authorize(principal, 'ticket.read', t.memberId, await accessOf(ctx, t, rc));
      visible.push(t);
    } catch (err) {
      // A ticket whose member has since been given another team member: no longer theirs to see;
      // an erased member's (closed) ticket an on-call doctor was alerted about: gone with the member.
      if (!(err instanceof ForbiddenError) && !(err instanceof NotFoundError)) throw err;
    }
  }
  return visible;
}

/** Staff: `mine=1` (tickets assigned to them). Members: their own tickets. */
export async function listTickets(ctx: TriageContext, principal: Principal, q: ListTicketsQuery, rc: RequestContext): Promise<TicketSummary[]> {
  const { deps } = ctx;
  if (principal.kind === 'member') {
    await deps.authorize(principal, 'ticket.read', principal.memberId, rc);
    return (await ctx.tickets.listByMember(principal.memberId, q.status, q.limit)).map((t) => ticketSummary(t));
  }
  if (principal.kind !== 'staff') {
    await deps.authorize(principal, 'ticket.read', undefined, rc);
    return [];
  }
  if (!q.mine) throw new ValidationError('staff list their own tickets: add mine=1', [{ field: 'mine', message: 'required for staff' }]);
  await deps.staffSessions(principal); // an ended session lists nothing, not even an empty list
  const visible = await visibleToStaff(ctx, principal, q, rc);
  // The preview and the name are read only for tickets the policy just allowed.
  const names = new Map<string, Promise<string | null>>();
  const nameOf = (memberId: string) => names.get(memberId) ?? names.set(memberId, memberNameFor(ctx, principal, memberId, rc)).get(memberId)!;
  return Promise.all(visible.map(async (t) => ticketSummary(t, await summaryOf(ctx, t), await nameOf(t.memberId))));
}
