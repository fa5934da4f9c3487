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
}

const strip = ({ _id: _ignored, ...event }: OutcomeEventDoc): OutcomeEvent => event;

export function createOutcomeEventLog(store: DocumentStore): OutcomeEventLog {
  const events = store.collection<OutcomeEventDoc>(OUTCOME_EVENTS);
  return {
    async record(event) {
      const doc: OutcomeEventDoc = { _id: outcomeEventId(event), ...event };
      try {
        await events.insert(doc);
        return true;
      } catch (err) {
        if (err instanceof DuplicateKeyError) return false;
        throw err;
      }
    },
    async ofMember(memberId, types) {
      const docs = await events.find(types ? { memberId, type: { $in: [...types] } } : { memberId }, { sort: { atMs: 1, _id: 1 } });
      return docs.map(strip);
    },
  };
}
