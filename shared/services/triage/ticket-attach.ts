import { ConflictError, DuplicateKeyError } from '../../errors';
import type { Collection, DocumentStore } from '../../ports/document-store';
import { OPEN_TICKETS, TICKETS, openKeyOf, ticketIdFor, type OpenTicketPointer, type Ticket } from './records';
import type { AttachOutcome, EmergencyUpgrade, TicketDraft } from './ticket-store';

/*
 * A message joining its ticket: at most one ticket per member and role takes new messages (the
 * `triage_open_tickets` pointer, whose `_id` uniqueness arbitrates concurrent openers on every store
 * backend). A message either opens a ticket (id derived from the message, so a replay finds its own)
 * or joins the open one — unless the customer's standing changed since it opened (active member ↔
 * not): then it opens a new one and the old ticket stays open, off the pointer, until someone closes it.
 */

const MAX_ATTACH_ROUNDS = 5;

interface Collections {
  tickets: Collection<Ticket>;
  pointers: Collection<OpenTicketPointer>;
}

/** Turns a routine family-doctor ticket into an emergency: new SLA clock, needs a fresh acknowledgement. */
async function upgrade({ tickets }: Collections, ticket: Ticket, msgKey: string, u: EmergencyUpgrade, nowMs: number): Promise<boolean> {
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
async function openOwn({ tickets }: Collections, draft: TicketDraft, ownId: string, nowMs: number, point: (ticketId: string) => Promise<boolean>): Promise<AttachOutcome | null> {
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

/** Appends to the open ticket `ticket`: upgrades it to an emergency, adds red flags or shortens an urgent clock as the message calls for. */
async function appendTo(c: Collections, ticket: Ticket, msgKey: string, draft: TicketDraft, nowMs: number, upgradeWith: EmergencyUpgrade | undefined): Promise<AttachOutcome> {
  const { tickets } = c;
  const wasAcknowledged = ticket.status === 'acknowledged';
  // A replay of the message that upgraded the ticket still counts as the upgrade (its notification may be missing).
  const upgraded = upgradeWith ? (!ticket.emergency && (await upgrade(c, ticket, msgKey, upgradeWith, nowMs))) || ticket.upgradedBy === msgKey : false;
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

/** Takes the member's empty slot for the message's own ticket (false: another message's ticket took it first). */
async function takeEmptySlot({ pointers }: Collections, key: string, id: string): Promise<boolean> {
  try {
    await pointers.insert({ _id: key, ticketId: id });
    return true;
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    return (await pointers.get(key))?.ticketId === id;
  }
}

/**
 * Opens the member's ticket for `draft.role`, or appends to the open one. `upgradeWith` turns an
 * open routine ticket into an emergency (only emergencies pass it).
 */
export async function attachMessage(store: DocumentStore, msgKey: string, draft: TicketDraft, nowMs: number, upgradeWith?: EmergencyUpgrade): Promise<AttachOutcome> {
  const c: Collections = { tickets: store.collection<Ticket>(TICKETS), pointers: store.collection<OpenTicketPointer>(OPEN_TICKETS) };
  const { tickets, pointers } = c;
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
      if (draft.memberKnown === ticket.memberKnown) return appendTo(c, ticket, msgKey, draft, nowMs, upgradeWith);
      // No longer an active member: their words do not go to the team's ticket (nor to the team);
      // this message opens one like a non-member's. Active (again): a question from before is not
      // where the team would see it, so this one opens the team's ticket. The other stays as it is.
      const opened = await openOwn(c, draft, ownId, nowMs, (id) => pointers.updateOne({ _id: key, ticketId: pointer.ticketId }, { $set: { ticketId: id } }).then((r) => r.matched === 1));
      if (opened) return opened;
      continue;
    }
    const opened = await openOwn(c, draft, ownId, nowMs, (id) => takeEmptySlot(c, key, id));
    if (opened) return opened;
  }
  throw new ConflictError('ticket_contention', 'could not open or join the member ticket; retry');
}
