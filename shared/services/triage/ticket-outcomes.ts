import type { DocumentStore } from '../../ports/document-store';
import { createOutcomeEventLog } from '../outcomes/outcome-events';
import type { Ticket } from './records';

/**
 * A ticket's first staff answer, for response-time and SLA compliance per role (docs/prd.md §8.2).
 * The answer is the ticket's first acknowledgement — by the button or by a reply, which acknowledges
 * an open ticket too (ticket-access.ts) — because that is the moment the SLA clock and the escalation
 * cron stop (shared/services/reminders/sla.ts): the member heard from a person. Keyed by the ticket,
 * so a second acknowledgement (after an emergency upgrade reset it) is not another first answer.
 *
 * - withinSla: acknowledged by the ticket's deadline (`slaDueAtMs`);
 * - answeredInMs: from the ticket's opening to the answer, as the member waited.
 */
export async function recordTicketAnswered(store: DocumentStore, ticket: Ticket, atMs: number): Promise<void> {
  await createOutcomeEventLog(store).record({
    type: 'ticket_answered',
    memberId: ticket.memberId,
    key: ticket._id,
    atMs,
    data: { role: ticket.role, withinSla: atMs <= ticket.slaDueAtMs, answeredInMs: Math.max(0, atMs - ticket.createdAtMs) },
  });
}
