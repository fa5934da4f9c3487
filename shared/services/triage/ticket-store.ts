import type { DocumentStore } from '../../ports/document-store';
import type { FourRRole } from '../../domain/team/roles';
import type { RedFlag } from '../../domain/triage';
import { OPEN_TICKETS, TICKETS, openKeyOf, type OpenTicketPointer, type Ticket } from './records';
import { attachMessage } from './ticket-attach';
import type { TicketStatus } from './schemas';

/** Everything a new ticket needs besides its id and bookkeeping. */
export type TicketDraft = Pick<
  Ticket,
  | 'memberId'
  | 'memberKnown'
  | 'role'
  | 'assignee'
  | 'emergency'
  | 'urgent'
  | 'redFlags'
  | 'intent'
  | 'channel'
  | 'createdAtMs'
  | 'slaStartAtMs'
  | 'slaDueAtMs'
  | 'emergencyAckMinutes'
  | 'onCallList'
  | 'onCallAlertsKept'
>;

export type AttachOutcome =
  | { kind: 'opened'; ticket: Ticket }
  | { kind: 'appended'; ticket: Ticket; upgraded: boolean; wasAcknowledged: boolean };

export interface EmergencyUpgrade {
  redFlags: RedFlag[];
  assignee: string | null;
  onCallList: string[];
  slaDueAtMs: number;
  emergencyAckMinutes: number;
}

/**
 * A member's emergency tickets, for capabilities that must hold back while one is recent (offers at
 * moments of care, shared/services/offers/moments.ts): whether each is open and when it last moved.
 * Triage owns the tickets; nothing else reads their collection.
 */
export async function emergencyTicketsOf(store: DocumentStore, memberId: string): Promise<{ open: boolean; latestAtMs: number }[]> {
  const found = await store.collection<Ticket>(TICKETS).find({ memberId, emergency: true });
  return found.map((t) => ({ open: t.status !== 'closed', latestAtMs: Math.max(t.slaStartAtMs, t.lastMessageAtMs, t.closedAtMs ?? 0) }));
}

/**
 * Tickets per member and role: at most one taking new messages; a message opens its own ticket or
 * joins the open one (ticket-attach.ts). Staff acknowledge and close them; queues list them.
 */
export function createTicketStore(store: DocumentStore) {
  const tickets = store.collection<Ticket>(TICKETS);
  const pointers = store.collection<OpenTicketPointer>(OPEN_TICKETS);

  return {
    get: (ticketId: string) => tickets.get(ticketId),

    /**
     * Opens the member's ticket for `draft.role`, or appends to the open one. `upgradeWith` turns an
     * open routine ticket into an emergency (only emergencies pass it).
     */
    attach: (msgKey: string, draft: TicketDraft, nowMs: number, upgradeWith?: EmergencyUpgrade): Promise<AttachOutcome> => attachMessage(store, msgKey, draft, nowMs, upgradeWith),

    /** open → acknowledged. Returns the ticket after the attempt and whether this call changed it. */
    async acknowledge(ticketId: string, staffId: string, nowMs: number): Promise<{ ticket: Ticket | null; changed: boolean }> {
      const res = await tickets.updateOne(
        { _id: ticketId, status: 'open' },
        { $set: { status: 'acknowledged', acknowledgedAtMs: nowMs, acknowledgedBy: staffId, updatedAtMs: nowMs } },
      );
      return { ticket: await tickets.get(ticketId), changed: res.matched === 1 };
    },

    /** open|acknowledged → closed, and frees the member's slot for a new ticket of that role. */
    async close(ticketId: string, staffId: string, resolution: string, nowMs: number): Promise<{ ticket: Ticket | null; changed: boolean }> {
      const res = await tickets.updateOne(
        { _id: ticketId, status: { $in: ['open', 'acknowledged'] } },
        { $set: { status: 'closed', closedAtMs: nowMs, closedBy: staffId, resolution, updatedAtMs: nowMs } },
      );
      const ticket = await tickets.get(ticketId);
      if (ticket) await pointers.deleteOne({ _id: openKeyOf(ticket.memberId, ticket.role), ticketId });
      return { ticket, changed: res.matched === 1 };
    },

    /**
     * A staff member's queue: tickets assigned to them, and `alertedTicketIds` (emergencies they were
     * alerted about on call); emergencies first, then the nearest SLA deadline (the order they must be answered in).
     */
    listMine(staffId: string, alertedTicketIds: readonly string[], status: TicketStatus | undefined, limit: number): Promise<Ticket[]> {
      const whose = alertedTicketIds.length ? { $or: [{ assignee: staffId }, { _id: { $in: [...alertedTicketIds] } }] } : { assignee: staffId };
      return tickets.find(
        { ...whose, ...(status ? { status } : { status: { $in: ['open', 'acknowledged'] } }) },
        { sort: { emergency: -1, slaDueAtMs: 1, _id: 1 }, limit },
      );
    },

    listByMember(memberId: string, status: TicketStatus | undefined, limit: number): Promise<Ticket[]> {
      return tickets.find({ memberId, ...(status && { status }) }, { sort: { lastMessageAtMs: -1, _id: 1 }, limit });
    },

    keyOf: (memberId: string, role: FourRRole) => openKeyOf(memberId, role),
  };
}

export type TicketStore = ReturnType<typeof createTicketStore>;
