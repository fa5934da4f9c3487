import type { DocumentStore } from '../../ports/document-store';
import { STAFF_GRANTS, type StaffGrant } from '../identity/staff-session';
import type { SlaTicketRef, SlaTicketSource } from '../reminders/sla';
import { TICKETS, type Ticket } from './records';
import { createOnCallAlerts } from './on-call-alerts';
import { ticketPageUrl } from '../../domain/team/staff-pages';

/**
 * Triage's implementation of the reminder capability's SlaTicketSource port
 * (shared/services/reminders/sla.ts): the cron asks for unacknowledged tickets, runs escalationStep
 * on each, and notifies the next on-call doctor (or the supervisors once the list is used up).
 */
export function toSlaTicketRef(t: Ticket, supervisorUserIds: readonly string[]): SlaTicketRef {
  return {
    ticketId: t._id,
    memberId: t.memberId,
    emergency: t.emergency,
    ...(t.urgent && { urgent: true }),
    // The SLA clock restarts when a routine ticket turns into an emergency.
    createdAtMs: t.slaStartAtMs,
    role: t.role,
    acknowledgedAtMs: t.acknowledgedAtMs ?? null,
    // [0] was told when the ticket was opened (with the assignee); escalation walks down from there.
    onCallList: [...t.onCallList],
    supervisorUserIds,
    // The window the ticket was opened with, so the cron escalates on the same clock.
    ...(t.emergency ? { emergencyAckMinutes: t.emergencyAckMinutes } : {}),
  };
}

export function createTicketSlaSource(store: DocumentStore, publicBaseUrl?: string): SlaTicketSource {
  const tickets = store.collection<Ticket>(TICKETS);
  const grants = store.collection<StaffGrant>(STAFF_GRANTS);
  const alerts = createOnCallAlerts(store);
  return {
    ...(publicBaseUrl !== undefined && { pageUrl: (ticketId: string) => ticketPageUrl(publicBaseUrl, ticketId) }),
    /** The escalated-to doctor may now open the emergency and finds it in their queue (on-call-alerts.ts). */
    async recordAlerted(ticket, staffIds, level, nowMs) {
      if (!ticket.emergency || ticket.memberId === undefined) return;
      await alerts.record({ ticketId: ticket.ticketId, memberId: ticket.memberId }, staffIds, level, nowMs);
    },

    /**
     * Open (unacknowledged) tickets whose first response was due by `nowMs`, emergencies first, then
     * the most overdue. Tickets not yet due are left out: escalationStep would only say "wait" for
     * them. A non-member's routine question is left out too: they were asked to join, nobody owes
     * them an answer.
     */
    async unacknowledgedBefore(nowMs, limit) {
      const found = await tickets.find(
        { status: 'open', slaDueAtMs: { $lte: nowMs }, $or: [{ emergency: true }, { memberKnown: true }] },
        { sort: { emergency: -1, slaDueAtMs: 1, _id: 1 }, limit },
      );
      if (!found.length) return [];
      const supervisors = (await grants.find({ role: 'supervisor' }, { sort: { _id: 1 } })).map((g) => g._id);
      return found.map((t) => toSlaTicketRef(t, supervisors));
    },
  };
}
