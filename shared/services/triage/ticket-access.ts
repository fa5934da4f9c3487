import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import type { Principal } from '../../domain/access/principal';
import type { Action } from '../../domain/access/policy';
import { actorFromPrincipal } from '../../adapters/audit/actor';
import type { TriageContext } from './context';
import { SLA_ESCALATIONS, type SlaEscalationDoc } from '../reminders/sla';
import { MESSAGES, type Ticket, type TriageMessage } from './records';
import type { CloseBody, ListTicketsQuery } from './schemas';
import { ticketDetail, ticketSummary, type TicketDetail, type TicketSummary } from './views';

export interface RequestContext {
  requestId?: string;
}

/**
 * Staff and members reading and moving tickets. Every ticket is judged by the access policy with
 * `assignedRole` = the ticket's role, so only the member's team member of that role (and the member)
 * see it: the insurance consultant cannot read a question routed to the doctor.
 */
export function createTicketAccess(ctx: TriageContext) {
  const { deps } = ctx;
  const messages = deps.store.collection<TriageMessage>(MESSAGES);

  async function load(principal: Principal, ticketId: string, action: Action, rc: RequestContext): Promise<Ticket> {
    const ticket = await ctx.tickets.get(ticketId);
    if (!ticket) {
      // Same answer as a denial would give, and audited like one: ids are unguessable, but probing is visible.
      await deps.authorize(principal, action, undefined, rc);
      throw new NotFoundError('ticket');
    }
    await deps.authorize(principal, action, ticket.memberId, { assignedRole: ticket.role, ...(ticket.emergency ? { coServing: ticket.onCallList } : {}), ...rc });
    return ticket;
  }

  async function detail(ticket: Ticket): Promise<TicketDetail> {
    const [msgs, events, escalation] = await Promise.all([
      messages.find({ ticketId: ticket._id }, { sort: { atMs: 1, _id: 1 } }),
      ctx.events.list(ticket._id),
      // Kept by the reminder cron, which escalates unacknowledged tickets.
      deps.store.collection<SlaEscalationDoc>(SLA_ESCALATIONS).get(ticket._id),
    ]);
    return ticketDetail(ticket, msgs, events, escalation?.level ?? 0, deps.cipher);
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
  }

  return {
    /** Staff: `mine=1` (tickets assigned to them). Members: their own tickets. */
    async list(principal: Principal, q: ListTicketsQuery, rc: RequestContext = {}): Promise<TicketSummary[]> {
      if (principal.kind === 'member') {
        await deps.authorize(principal, 'ticket.read', principal.memberId, rc);
        return (await ctx.tickets.listByMember(principal.memberId, q.status, q.limit)).map(ticketSummary);
      }
      if (principal.kind !== 'staff') {
        await deps.authorize(principal, 'ticket.read', undefined, rc);
        return [];
      }
      if (!q.mine) throw new ValidationError('staff list their own tickets: add mine=1', [{ field: 'mine', message: 'required for staff' }]);
      await deps.staffSessions(principal); // an ended session lists nothing, not even an empty list
      const visible: TicketSummary[] = [];
      for (const t of await ctx.tickets.listByAssignee(principal.staffId, q.status, q.limit)) {
        try {
          await deps.authorize(principal, 'ticket.read', t.memberId, { assignedRole: t.role, ...rc });
          visible.push(ticketSummary(t));
        } catch (err) {
          // A ticket whose member has since been given another team member: no longer theirs to see.
          if (!(err instanceof ForbiddenError)) throw err;
        }
      }
      return visible;
    },

    async get(principal: Principal, ticketId: string, rc: RequestContext = {}): Promise<TicketDetail> {
      return detail(await load(principal, ticketId, 'ticket.read', rc));
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
