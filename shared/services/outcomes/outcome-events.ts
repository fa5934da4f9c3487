import { DuplicateKeyError } from '../../errors';
import { outcomeEventId, type OutcomeEvent, type OutcomeEventType } from '../../domain/outcomes/events';
import type { Doc, DocumentStore, FieldCondition, Filter } from '../../ports/document-store';

export const OUTCOME_EVENTS = 'outcome_events';

export type OutcomeEventDoc = Doc & OutcomeEvent;

/** A window on the events' `atMs`: from `fromMs` (inclusive) until `toMs` (exclusive); either may be left open. */
export interface AtRange {
  fromMs?: number;
  toMs?: number;
}

/** The store filter on `atMs` for a range (the port's $gte/$lt, which every store adapter serves); undefined when open on both ends. */
function atFilter(range: AtRange | undefined): FieldCondition | undefined {
  if (range?.fromMs === undefined && range?.toMs === undefined) return undefined;
  return { ...(range.fromMs !== undefined && { $gte: range.fromMs }), ...(range.toMs !== undefined && { $lt: range.toMs }) };
}

/** Records the steps the metrics are computed from (shared/domain/outcomes/events.ts). */
export interface OutcomeEventLog {
  /** Records the event once; recording it again (a retried handler) changes nothing. True when new. */
  record(event: OutcomeEvent): Promise<boolean>;
  /** The member's events of these types (within `range` when given, read by the store query), oldest first. */
  ofMember(memberId: string, types?: readonly OutcomeEventType[], range?: AtRange): Promise<OutcomeEvent[]>;
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
    async ofMember(memberId, types, range) {
      const atMs = atFilter(range);
      const filter: Filter = { memberId, ...(types && { type: { $in: [...types] } }), ...(atMs && { atMs }) };
      const docs = await events.find(filter, { sort: { atMs: 1, _id: 1 } });
      return docs.map(strip);
    },
  };
}
