import { ConflictError, DuplicateKeyError } from '../../errors';
import type { DocumentStore } from '../../ports/document-store';
import type { FourRRole } from '../../domain/team/roles';
import type { RedFlag } from '../../domain/triage';
import { OPEN_TICKETS, TICKETS, openKeyOf, ticketIdFor, type OpenTicketPointer, type Ticket } from './records';
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

const MAX_ATTACH_ROUNDS = 5;

/**
 * Tickets per member and role: at most one taking new messages (the `triage_open_tickets` pointer,
 * whose `_id` uniqueness arbitrates concurrent openers on every store backend). A message either
 * opens a ticket (id derived from the message, so a replay finds its own) or joins the open one —
 * unless the customer's standing changed since it opened (active member ↔ not): then it opens a new
 * one and the old ticket stays open, off the pointer, until someone closes it.
 */
/**
 * A member's emergency tickets, for capabilities that must hold back while one is recent (offers at
 * moments of care, shared/services/offers/moments.ts): whether each is open and when it last moved.
 * Triage owns the tickets; nothing else reads their collection.
 */
export async function emergencyTicketsOf(store: DocumentStore, memberId: string): Promise<{ open: boolean; latestAtMs: number }[]> {
  const found = await store.collection<Ticket>(TICKETS).find({ memberId, emergency: true });
  return found.map((t) => ({ open: t.status !== 'closed', latestAtMs: Math.max(t.slaStartAtMs, t.lastMessageAtMs, t.closedAtMs ?? 0) }));
}

export function createTicketStore(store: DocumentStore) {
  const tickets = store.collection<Ticket>(TICKETS);
  const pointers = store.collection<OpenTicketPointer>(OPEN_TICKETS);

  /** Turns a routine family-doctor ticket into an emergency: new SLA clock, needs a fresh acknowledgement. */
  async function upgrade(ticket: Ticket, msgKey: string, u: EmergencyUpgrade, nowMs: number): Promise<boolean> {
    const res = await tickets.updateOne(
      { _id: ticket._id, emergency: false, status: { $in: ['open', 'acknowledged'] } },
      {
        $set: {
          emergency: true,
          intent: 'medical',
          redFlags: u.redFlags,
          status: 'open',
          assignee: ticket.assignee ?? u.assignee,
          onCallList: u.onCallList,
          onCallAlertsKept: true,
          slaStartAtMs: nowMs,
          slaDueAtMs: u.slaDueAtMs,
          emergencyAckMinutes: u.emergencyAckMinutes,
          upgradedBy: msgKey,
          updatedAtMs: nowMs,
        },
        $unset: { acknowledgedAtMs: true, acknowledgedBy: true },
      },
    );
    return res.matched === 1;
  }

  /**
   * Stores the message's own ticket and points the member's slot at it with `point` (false: another
   * message took the slot first; ours is dropped, nothing refers to it, and the caller joins theirs).
   */
  async function openOwn(draft: TicketDraft, ownId: string, nowMs: number, point: (ticketId: string) => Promise<boolean>): Promise<AttachOutcome | null> {
    const fresh: Ticket = { ...draft, _id: ownId, status: 'open', updatedAtMs: nowMs, lastMessageAtMs: nowMs };
    let ticket = fresh;
    try {
      await tickets.insert(fresh);
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
      // Our own ticket from an earlier attempt at this message.
      ticket = (await tickets.get(ownId)) ?? fresh;
      if (ticket.status === 'closed') throw new ConflictError('ticket_closed', 'the ticket this message opened is already closed');
    }
    if (await point(ownId)) return { kind: 'opened', ticket };
    await tickets.deleteOne({ _id: ownId, status: 'open' });
    return null;
  }

  return {
    get: (ticketId: string) => tickets.get(ticketId),

    /**
     * Opens the member's ticket for `draft.role`, or appends to the open one. `upgradeWith` turns an
     * open routine ticket into an emergency (only emergencies pass it).
     */
    async attach(msgKey: string, draft: TicketDraft, nowMs: number, upgradeWith?: EmergencyUpgrade): Promise<AttachOutcome> {
      const key = openKeyOf(draft.memberId, draft.role);
      const ownId = ticketIdFor(msgKey);
      for (let round = 0; round < MAX_ATTACH_ROUNDS; round++) {
        const pointer = await pointers.get(key);
        if (pointer) {
          const ticket = await tickets.get(pointer.ticketId);
          if (!ticket || ticket.status === 'closed') {
            // A close that stopped before removing its pointer.
            await pointers.deleteOne({ _id: key, ticketId: pointer.ticketId });
            continue;
          }
          if (ticket._id === ownId) return { kind: 'opened', ticket };
          if (draft.memberKnown !== ticket.memberKnown) {
            // No longer an active member: their words do not go to the team's ticket (nor to the team);
            // this message opens one like a non-member's. Active (again): a question from before is not
            // where the team would see it, so this one opens the team's ticket. The other stays as it is.
            const opened = await openOwn(draft, ownId, nowMs, (id) => pointers.updateOne({ _id: key, ticketId: pointer.ticketId }, { $set: { ticketId: id } }).then((r) => r.matched === 1));
            if (opened) return opened;
            continue;
          }
          const wasAcknowledged = ticket.status === 'acknowledged';
          // A replay of the message that upgraded the ticket still counts as the upgrade (its notification may be missing).
          const upgraded = upgradeWith ? (!ticket.emergency && (await upgrade(ticket, msgKey, upgradeWith, nowMs))) || ticket.upgradedBy === msgKey : false;
          const moreFlags = upgradeWith && ticket.emergency ? upgradeWith.redFlags.filter((f) => !ticket.redFlags.includes(f)) : [];
          // An urgent follow-up on a routine ticket nobody has acknowledged yet shortens its clock to the
          // urgent 30 minutes (compare-and-set: an acknowledgement or an emergency in between wins).
          if (draft.urgent && !ticket.emergency && ticket.urgent !== true && ticket.status === 'open' && draft.slaDueAtMs < ticket.slaDueAtMs) {
            await tickets.updateOne(
              { _id: ticket._id, status: 'open', emergency: false, urgent: { $ne: true } },
              { $set: { urgent: true, slaStartAtMs: draft.slaStartAtMs, slaDueAtMs: draft.slaDueAtMs } },
            );
          }
          await tickets.updateOne(
            { _id: ticket._id },
            {
              $set: {
                lastMessageAtMs: Math.max(ticket.lastMessageAtMs, nowMs),
                updatedAtMs: nowMs,
                ...(moreFlags.length && { redFlags: [...ticket.redFlags, ...moreFlags] }),
              },
            },
          );
          return { kind: 'appended', ticket: (await tickets.get(ticket._id)) ?? ticket, upgraded, wasAcknowledged };
        }

        const opened = await openOwn(draft, ownId, nowMs, async (id) => {
          try {
            await pointers.insert({ _id: key, ticketId: id });
            return true;
          } catch (err) {
            if (!(err instanceof DuplicateKeyError)) throw err;
            return (await pointers.get(key))?.ticketId === id;
          }
        });
        if (opened) return opened;
      }
      throw new ConflictError('ticket_contention', 'could not open or join the member ticket; retry');
    },

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
