import { DuplicateKeyError } from '../../errors';
import type { DocumentStore } from '../../ports/document-store';
import { EVENTS, type EventMeta, type TicketEvent, type TicketEventType } from './records';

export interface NewTicketEvent {
  ticketId: string;
  memberId: string;
  type: TicketEventType;
  atMs: number;
  actor: TicketEvent['actor'];
  meta?: EventMeta;
  /**
   * Makes the event idempotent: the same step replayed (a retried callback) writes it once.
   * Usually the message key, or `${actor}:${atMs}` for staff actions.
   */
  stepKey: string;
}

/** Orders events written in the same millisecond by this instance (sort key after atMs). */
let seq = 0;

/** The ticket's append-only history (compliance record); no update, no delete. */
export function createTicketEvents(store: DocumentStore) {
  const events = store.collection<TicketEvent>(EVENTS);
  return {
    async record(e: NewTicketEvent): Promise<void> {
      try {
        await events.insert({
          _id: `${e.ticketId}:${e.type}:${e.stepKey}`,
          ticketId: e.ticketId,
          memberId: e.memberId,
          atMs: e.atMs,
          seq: ++seq,
          type: e.type,
          actor: e.actor,
          ...(e.meta && { meta: e.meta }),
        });
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
      }
    },

    list: (ticketId: string) => events.find({ ticketId }, { sort: { atMs: 1, seq: 1, _id: 1 } }),
  };
}

export type TicketEvents = ReturnType<typeof createTicketEvents>;
