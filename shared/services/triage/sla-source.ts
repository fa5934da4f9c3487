import type { SlaTicket } from '../../domain/reminders/sla';
import type { DocumentStore } from '../../ports/document-store';
import { TICKETS, type Ticket } from './records';
import { createTicketEvents } from './ticket-events';

/**
 * What the reminder cron needs to escalate unacknowledged tickets (it owns the dispatch; triage owns
 * the tickets). Port shape agreed with shared/services/reminders; defined here because that folder
 * did not exist yet when triage needed it.
 */
export interface SlaTicketRecord extends SlaTicket {
  ticketId: string;
  memberId: string;
  /** First responder: the member's team member of the role (emergencies: the family doctor). */
  assignee: string | null;
  /** For escalationStep(ticket, nowMs, onCallList): onCallList[0] was told at creation. */
  onCallList: string[];
  /** Highest level already notified; escalate only when escalationStep's level is greater. */
  escalationLevel: number;
  slaDueAtMs: number;
  /** The acknowledgement window the ticket was opened with: pass it to escalationStep's options. */
  emergencyAckMinutes: number;
}

export interface SlaTicketSource {
  /** Tickets nobody acknowledged whose SLA was due before `nowMs`, most overdue first. */
  unacknowledgedBefore(nowMs: number, limit: number): Promise<SlaTicketRecord[]>;
}

export interface TicketSlaSource extends SlaTicketSource {
  /**
   * Records that escalation `level` was sent. Compare-and-set: true only for the first caller to
   * reach this level, so two cron runs never notify the same level twice.
   */
  recordEscalation(ticketId: string, level: number, nowMs: number): Promise<boolean>;
}

export function toSlaRecord(t: Ticket): SlaTicketRecord {
  return {
    ticketId: t._id,
    memberId: t.memberId,
    role: t.role,
    emergency: t.emergency,
    // The SLA clock restarts when a routine ticket turns into an emergency.
    createdAtMs: t.slaStartAtMs,
    acknowledgedAtMs: t.acknowledgedAtMs ?? null,
    assignee: t.assignee,
    onCallList: [...t.onCallList],
    escalationLevel: t.escalationLevel,
    slaDueAtMs: t.slaDueAtMs,
    emergencyAckMinutes: t.emergencyAckMinutes,
  };
}

export function createTicketSlaSource(store: DocumentStore): TicketSlaSource {
  const tickets = store.collection<Ticket>(TICKETS);
  const events = createTicketEvents(store);
  return {
    async unacknowledgedBefore(nowMs, limit) {
      const found = await tickets.find({ status: 'open', slaDueAtMs: { $lte: nowMs } }, { sort: { slaDueAtMs: 1, _id: 1 }, limit });
      return found.map(toSlaRecord);
    },

    async recordEscalation(ticketId, level, nowMs) {
      const res = await tickets.updateOne(
        { _id: ticketId, status: 'open', escalationLevel: { $lt: level } },
        { $set: { escalationLevel: level, updatedAtMs: nowMs } },
      );
      if (res.matched !== 1) return false;
      const ticket = await tickets.get(ticketId);
      if (ticket) {
        await events.record({ ticketId, memberId: ticket.memberId, type: 'escalated', atMs: nowMs, actor: { kind: 'system', id: 'sla' }, meta: { level }, stepKey: String(level) });
      }
      return true;
    },
  };
}
