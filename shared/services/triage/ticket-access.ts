import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import { relationOf, type Principal } from '../../domain/access/principal';
import { decide, type Action } from '../../domain/access/policy';
import { openDisplayName } from '../members/display-name';
import { actorFromPrincipal } from '../access/actor';
import type { TriageContext } from './context';
import { SLA_ESCALATIONS, type SlaEscalationDoc } from '../reminders/sla';
import { MESSAGES, type Ticket, type TriageMessage } from './records';
import { replyChannelOf } from './reply-channel';
import { rejectReasonOf } from '../review/queue';
import type { CloseBody, ListTicketsQuery, ReplyBody } from './schemas';
import type { StaffReplies, StaffReplyResult } from './staff-reply';
import { recordTicketAnswered } from './ticket-outcomes';
import { summaryLine, ticketDetail, ticketSummary, type TicketDetail, type TicketSummary } from './views';

export interface RequestContext {
  requestId?: string;
}

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
  const { deps } = ctx;
  const messages = deps.store.collection<TriageMessage>(MESSAGES);

  async function load(principal: Principal, ticketId: string, action: Action, rc: RequestContext): Promise<Ticket> {
    const ticket = await ctx.tickets.get(ticketId);
    if (!ticket) {
      // Same answer as a denial would give, and audited like one: ids are unguessable, but probing is visible.
      await deps.authorize(principal, action, undefined, rc);
      throw new NotFoundError('ticket');
    }
    await deps.authorize(principal, action, ticket.memberId, await accessOf(ticket, rc));
    return ticket;
  }

  async function accessOf(ticket: Ticket, rc: RequestContext) {
    const coServing = await ctx.onCallAlerts.coServing(ticket);
    return { assignedRole: ticket.role, ...(coServing.length ? { coServing } : {}), ...rc };
  }

  /**
   * The member's display name for a caller the policy already let read the ticket: staff on the
   * member's team only (profile.read without a ticket role), each read audited by `authorize`.
   * Anyone else gets null without a denial on record: they did not ask for the profile.
   */
  async function memberNameFor(principal: Principal, memberId: string, rc: RequestContext): Promise<string | null> {
    if (principal.kind !== 'staff') return null;
    const member = await deps.members.get(memberId);
    if (!member?.displayName || member.status === 'erased') return null;
    if (!decide(principal, 'profile.read', relationOf(principal, { memberId, team: member.team })).allow) return null;
    await deps.authorize(principal, 'profile.read', memberId, rc);
    return openDisplayName(deps.cipher, member);
  }

  async function detail(ticket: Ticket): Promise<TicketDetail> {
    const [msgs, staffReplies, heldReplies, events, escalation, kf] = await Promise.all([
      messages.find({ ticketId: ticket._id }, { sort: { atMs: 1, _id: 1 } }),
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
  async function summaryOf(ticket: Ticket): Promise<string | null> {
    const [first] = await messages.find({ ticketId: ticket._id }, { sort: { atMs: 1, _id: 1 }, limit: 1 });
    if (!first) return null;
    return summaryLine((deps.cipher.decryptFields({ text: first.text }, ['text'], first.memberId) as unknown as { text: string }).text);
  }

  async function staffChange(principal: Principal, ticket: Ticket, type: 'acknowledged' | 'closed', action: Action, meta: Record<string, string>): Promise<void> {
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

  return {
    /** Staff: `mine=1` (tickets assigned to them). Members: their own tickets. */
    async list(principal: Principal, q: ListTicketsQuery, rc: RequestContext = {}): Promise<TicketSummary[]> {
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
      const visible: Ticket[] = [];
      const alerted = await ctx.onCallAlerts.ticketIdsFor(principal.staffId);
      for (const t of await ctx.tickets.listMine(principal.staffId, alerted, q.status, q.limit)) {
        try {
          await deps.authorize(principal, 'ticket.read', t.memberId, await accessOf(t, rc));
          visible.push(t);
        } catch (err) {
          // A ticket whose member has since been given another team member: no longer theirs to see;
          // an erased member's (closed) ticket an on-call doctor was alerted about: gone with the member.
          if (!(err instanceof ForbiddenError) && !(err instanceof NotFoundError)) throw err;
        }
      }
      // The preview and the name are read only for tickets the policy just allowed.
      const names = new Map<string, Promise<string | null>>();
      const nameOf = (memberId: string) => names.get(memberId) ?? names.set(memberId, memberNameFor(principal, memberId, rc)).get(memberId)!;
      return Promise.all(visible.map(async (t) => ticketSummary(t, await summaryOf(t), await nameOf(t.memberId))));
    },

    async get(principal: Principal, ticketId: string, rc: RequestContext = {}): Promise<TicketDetail> {
      const ticket = await load(principal, ticketId, 'ticket.read', rc);
      return { ...(await detail(ticket)), memberName: await memberNameFor(principal, ticket.memberId, rc) };
    },

    /** open → acknowledged; repeating it is harmless; a closed ticket answers 409. */
    async acknowledge(principal: Principal, ticketId: string, rc: RequestContext = {}): Promise<TicketSummary> {
      const ticket = await load(principal, ticketId, 'ticket.ack', rc);
      const staffId = principal.kind === 'staff' ? principal.staffId : '';
      const { ticket: after, changed } = await ctx.tickets.acknowledge(ticket._id, staffId, deps.clock.nowMs());
      if (!after) throw new NotFoundError('ticket');
      if (!changed && after.status === 'closed') throw new ConflictError('ticket_closed', 'the ticket is already closed');
      if (changed) await staffChange(principal, after, 'acknowledged', 'ticket.ack', { emergency: String(after.emergency) });
      return ticketSummary(after);
    },

    /**
     * A staff member answers the customer through 微信客服 (staff-reply.ts). A ticket still open counts
     * as acknowledged by the answer: the member heard from a person, so the SLA cron stops escalating.
     */
    async reply(principal: Principal, ticketId: string, body: ReplyBody, rc: RequestContext = {}): Promise<StaffReplyResult> {
      const ticket = await load(principal, ticketId, 'ticket.reply', rc);
      const staffId = principal.kind === 'staff' ? principal.staffId : '';
      const earlier = await replies.earlier(ticket._id, body);
      if (earlier) return earlier;
      if (ticket.status === 'closed') throw new ConflictError('ticket_closed', 'the ticket is already closed');
      const actor = actorFromPrincipal(principal);
      const base = { actor, action: 'ticket.reply', subjectMemberId: ticket.memberId, ...(rc.requestId && { requestId: rc.requestId }) };
      let sent: Awaited<ReturnType<StaffReplies['send']>>;
      try {
        sent = await replies.send(ticket, staffId, body);
      } catch (err) {
        await deps.audit.append({ ...base, outcome: 'failed', reason: err instanceof AppError ? err.code : 'upstream_error', meta: { ticketId: ticket._id } });
        throw err;
      }
      const { remainingInWindow, ...result } = sent;
      if (result.duplicate) return result;
      const now = deps.clock.nowMs();
      if (!result.sent) {
        // Held by the outbound review: the member has not heard from anyone yet, so the ticket stays as it was (SLA running).
        await ctx.events.record({
          ticketId: ticket._id,
          memberId: ticket.memberId,
          type: 'reply_held',
          atMs: now,
          actor: { kind: 'staff', id: staffId },
          meta: { replyId: result.replyId, reviewId: result.reviewId },
          stepKey: result.replyId,
        });
        await deps.audit.append({ ...base, outcome: 'done', meta: { ticketId: ticket._id, channel: 'kf', held: true, reviewId: result.reviewId } });
        return result;
      }
      await ctx.events.record({
        ticketId: ticket._id,
        memberId: ticket.memberId,
        type: 'staff_replied',
        atMs: now,
        actor: { kind: 'staff', id: staffId },
        meta: { channel: 'kf', replyId: result.replyId, remainingInWindow },
        stepKey: result.replyId,
      });
      await deps.audit.append({ ...base, outcome: 'done', meta: { ticketId: ticket._id, channel: 'kf' } });
      if (ticket.status === 'open') {
        const { ticket: after, changed } = await ctx.tickets.acknowledge(ticket._id, staffId, now);
        if (after && changed) await staffChange(principal, after, 'acknowledged', 'ticket.ack', { emergency: String(after.emergency), by: 'reply' });
      }
      return result;
    },

    /** open|acknowledged → closed; frees the member's slot so the next question opens a new ticket. */
    async close(principal: Principal, ticketId: string, body: CloseBody, rc: RequestContext = {}): Promise<TicketSummary> {
      const ticket = await load(principal, ticketId, 'ticket.close', rc);
      const staffId = principal.kind === 'staff' ? principal.staffId : '';
      const { ticket: after, changed } = await ctx.tickets.close(ticket._id, staffId, body.resolution, deps.clock.nowMs());
      if (!after) throw new NotFoundError('ticket');
      if (changed) await staffChange(principal, after, 'closed', 'ticket.close', { resolution: body.resolution });
      return ticketSummary(after);
    },
  };
}

export type TicketAccess = ReturnType<typeof createTicketAccess>;
