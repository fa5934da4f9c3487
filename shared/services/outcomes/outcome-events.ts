import { DuplicateKeyError } from '../../errors';
import { outcomeEventId, type OutcomeEvent, type OutcomeEventType } from '../../domain/outcomes/events';
import type { Doc, DocumentStore } from '../../ports/document-store';

export const OUTCOME_EVENTS = 'outcome_events';

export type OutcomeEventDoc = Doc & OutcomeEvent;

/** Records the steps the metrics are computed from (shared/domain/outcomes/events.ts). */
export interface OutcomeEventLog {
  /** Records the event once; recording it again (a retried handler) changes nothing. True when new. */
  record(event: OutcomeEvent): Promise<boolean>;
  /** The member's events of these types, oldest first. */
  ofMember(memberId: string, types?: readonly OutcomeEventType[]): Promise<OutcomeEvent[]>;
  /**
   * Moves every event recorded under one subject to another (a partner's provisional customer becoming a
   * known member): each is recorded under its new id, then the old one goes, so a re-run finishes an
   * interrupted move and nothing counts twice.
   */
  reassign(fromSubject: string, toMemberId: string): Promise<number>;
}

const strip = ({ _id: _ignored, ...event }: OutcomeEventDoc): OutcomeEvent => event;

export function createOutcomeEventLog(store: DocumentStore): OutcomeEventLog {
  const events = store.collection<OutcomeEventDoc>(OUTCOME_EVENTS);
  async function record(event: OutcomeEvent): Promise<boolean> {
    const doc: OutcomeEventDoc = { _id: outcomeEventId(event), ...event };
    try {
      await events.insert(doc);
      return true;
    } catch (err) {
      if (err instanceof DuplicateKeyError) return false;
      throw err;
    }
  }

  return {
    record,
    async reassign(fromSubject, toMemberId) {
      let moved = 0;
      for (const { _id: oldId, ...event } of await events.find({ memberId: fromSubject })) {
        await record({ ...event, memberId: toMemberId });
        await events.deleteOne({ _id: oldId });
        moved += 1;
      }
      return moved;
    },
    async ofMember(memberId, types) {
      const docs = await events.find(types ? { memberId, type: { $in: [...types] } } : { memberId }, { sort: { atMs: 1, _id: 1 } });
      return docs.map(strip);
    },
  };
}
