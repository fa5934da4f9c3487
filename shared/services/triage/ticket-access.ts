import type { Principal } from '../../domain/access/principal';
import type { TriageContext } from './context';
import type { CloseBody, ListTicketsQuery, ReplyBody } from './schemas';
import type { StaffReplies, StaffReplyResult } from './staff-reply';
import { acknowledgeTicket, closeTicket, replyOnTicket } from './ticket-changes';
import { listTickets, loadTicket, memberNameFor, ticketDetailOf, type RequestContext } from './ticket-reading';
import type { TicketDetail, TicketSummary } from './views';

/**
 * Staff and members reading and moving tickets. Every ticket is judged by the access policy with
 * `assignedRole` = the ticket's role, so only the member's team member of that role (and the member)
 * see it: the insurance consultant cannot read a question routed to the doctor. An emergency is also
 * served by the on-call doctors alerted about it (`coServing`, on-call-alerts.ts): they find it in
 * their queue and may read, acknowledge, answer and close it as the assignee may; a doctor on the
 * list who was not alerted (yet) may not.
 *
 * The member's display name (`memberName`) is shown only to staff on the member's own team (the
 * `profile.read` relation, audited as that action); an on-call doctor from outside the team sees the
 * ticket without it.
 */
export function createTicketAccess(ctx: TriageContext, replies: StaffReplies) {
  return {
    /** Staff: `mine=1` (tickets assigned to them). Members: their own tickets. */
    list: (principal: Principal, q: ListTicketsQuery, rc: RequestContext = {}): Promise<TicketSummary[]> => listTickets(ctx, principal, q, rc),

    async get(principal: Principal, ticketId: string, rc: RequestContext = {}): Promise<TicketDetail> {
      const ticket = await loadTicket(ctx, principal, ticketId, 'ticket.read', rc);
      return { ...(await ticketDetailOf(ctx, replies, ticket)), memberName: await memberNameFor(ctx, principal, ticket.memberId, rc) };
    },

    /** open → acknowledged; repeating it is harmless; a closed ticket answers 409. */
    acknowledge: (principal: Principal, ticketId: string, rc: RequestContext = {}): Promise<TicketSummary> => acknowledgeTicket(ctx, principal, ticketId, rc),

    /** A staff member answers the customer through 微信客服 (staff-reply.ts); an open ticket counts as acknowledged by it. */
    reply: (principal: Principal, ticketId: string, body: ReplyBody, rc: RequestContext = {}): Promise<StaffReplyResult> => replyOnTicket(ctx, replies, principal, ticketId, body, rc),

    /** open|acknowledged → closed; frees the member's slot so the next question opens a new ticket. */
    close: (principal: Principal, ticketId: string, body: CloseBody, rc: RequestContext = {}): Promise<TicketSummary> => closeTicket(ctx, principal, ticketId, body, rc),
  };
}

export type TicketAccess = ReturnType<typeof createTicketAccess>;
