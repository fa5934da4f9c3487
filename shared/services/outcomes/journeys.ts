import type { Journey } from '../../domain/outcomes/aggregate';
import type { OutcomeEvent } from '../../domain/outcomes/events';
import type { Collection, Doc, DocumentStore, Filter } from '../../ports/document-store';
import { MEMBERS, type Member } from '../members/member';
import { OUTCOME_EVENTS, type OutcomeEventDoc } from './outcome-events';

const IN_BATCH = 200;

const strip = ({ _id: _ignored, ...event }: OutcomeEventDoc): OutcomeEvent => event;

async function byMemberIds<T extends Doc>(collection: Collection<T>, ids: readonly string[], field: string, extra: Filter = {}): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += IN_BATCH) {
    // Every store adapter reads a find whole (CloudBase pages under the hood, shared/adapters/store/README.md).
    out.push(...(await collection.find({ ...extra, [field]: { $in: ids.slice(i, i + IN_BATCH) } })));
  }
  return out;
}

/**
 * The journeys of everyone with an outcome event since `sinceMs`: their events since then, their
 * first join (which may be older: a group join before the window) and their cells (scene and
 * campaign of the first join, else of the member document; the current team).
 */
export async function loadJourneys(store: DocumentStore, sinceMs: number): Promise<Journey[]> {
  const events = store.collection<OutcomeEventDoc>(OUTCOME_EVENTS);
  const byMember = new Map<string, OutcomeEvent[]>();
  for (const doc of await events.find({ atMs: { $gte: sinceMs } })) {
    const list = byMember.get(doc.memberId) ?? [];
    list.push(strip(doc));
    byMember.set(doc.memberId, list);
  }
  const ids = [...byMember.keys()].sort();
  const olderJoins = await byMemberIds(events, ids, 'memberId', { type: 'joined', atMs: { $lt: sinceMs } });
  const earlier = new Map<string, OutcomeEvent[]>();
  for (const doc of olderJoins) earlier.set(doc.memberId, [...(earlier.get(doc.memberId) ?? []), strip(doc)]);
  const members = new Map((await byMemberIds(store.collection<Member>(MEMBERS), ids, '_id')).map((m) => [m._id, m]));

  return ids.map((memberId) => {
    const own = byMember.get(memberId) ?? [];
    const joins = [...(earlier.get(memberId) ?? []), ...own.filter((e) => e.type === 'joined')].sort((a, b) => a.atMs - b.atMs || (a.key < b.key ? -1 : 1));
    const first = joins[0];
    const member = members.get(memberId);
    const scene = typeof first?.data?.scene === 'string' ? first.data.scene : member?.scene;
    const campaign = typeof first?.data?.campaign === 'string' ? first.data.campaign : member?.campaign;
    return {
      memberId,
      ...(first && { joinedAtMs: first.atMs }),
      ...(scene && { scene }),
      ...(campaign && { campaign }),
      team: member && member.status !== 'erased' ? { ...member.team } : {},
      events: own,
    };
  });
}
