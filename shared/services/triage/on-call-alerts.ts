import { DuplicateKeyError } from '../../errors';
import type { Doc, DocumentStore } from '../../ports/document-store';
import { ON_CALL_ALERTS, type Ticket } from './records';

/** One on-call doctor alerted about one emergency (ids, level and instant only). */
export interface OnCallAlert extends Doc {
  /** `${ticketId}:${staffId}`: alerting the same doctor again (a replay, a new SLA clock) records nothing new. */
  _id: string;
  ticketId: string;
  memberId: string;
  staffId: string;
  /** 0: the on-call card sent when the emergency opened; n ≥ 1: the n-th SLA escalation. */
  level: number;
  atMs: number;
}

/** At most this many of a doctor's latest alerts are looked at for their queue. */
export const QUEUE_ALERTS_SCAN = 500;

/**
 * Who was alerted about an emergency besides its assignee. The record is written before the card or
 * the escalation reminder goes out, so a doctor who receives one can always open the ticket it
 * links to; a doctor further down the on-call list who has not been alerted yet cannot.
 */
export function createOnCallAlerts(store: DocumentStore) {
  const alerts = store.collection<OnCallAlert>(ON_CALL_ALERTS);
  return {
    async record(ticket: { ticketId: string; memberId: string }, staffIds: readonly string[], level: number, atMs: number): Promise<void> {
      for (const staffId of new Set(staffIds)) {
        if (!staffId) continue;
        try {
          await alerts.insert({ _id: `${ticket.ticketId}:${staffId}`, ticketId: ticket.ticketId, memberId: ticket.memberId, staffId, level, atMs });
        } catch (err) {
          if (!(err instanceof DuplicateKeyError)) throw err;
        }
      }
    },

    /**
     * The staff who may act on the ticket as on-call doctors (`coServing`): emergencies only; on
     * tickets from before alerts were recorded, everyone on the on-call list (the earlier rule).
     */
    async coServing(ticket: Pick<Ticket, '_id' | 'emergency' | 'onCallList' | 'onCallAlertsKept'>): Promise<string[]> {
      if (!ticket.emergency) return [];
      if (!ticket.onCallAlertsKept) return [...ticket.onCallList];
      return (await alerts.find({ ticketId: ticket._id }, { sort: { atMs: 1, _id: 1 } })).map((a) => a.staffId);
    },

    /** The tickets a doctor was alerted about, latest alerts first (at most QUEUE_ALERTS_SCAN). */
    async ticketIdsFor(staffId: string): Promise<string[]> {
      return (await alerts.find({ staffId }, { sort: { atMs: -1, _id: 1 }, limit: QUEUE_ALERTS_SCAN })).map((a) => a.ticketId);
    },
  };
}

export type OnCallAlerts = ReturnType<typeof createOnCallAlerts>;
