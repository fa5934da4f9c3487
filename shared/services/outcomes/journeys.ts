import type { Journey } from '../../domain/outcomes/aggregate';
import { dayStartMs } from '../../domain/outcomes/dimensions';
import type { OutcomeEvent, OutcomeEventType } from '../../domain/outcomes/events';
import { DAY_MS } from '../../domain/outcomes/metrics';
import type { Collection, Doc, DocumentStore, Filter } from '../../ports/document-store';
import { MEMBERS, type Member } from '../members/member';
import { OUTCOME_EVENTS, type OutcomeEventDoc } from './outcome-events';

const IN_BATCH = 200;

/** What a join-day cohort's counters read besides the day itself (shared/domain/outcomes/aggregate.ts). */
const COHORT_TYPES: readonly OutcomeEventType[] = ['welcomed', 'form_completed', 'gap_discussed', 'policy_bought', 'left'];

/** Documents whose `field` is one of `values`, read in batches (every store adapter reads a find whole: shared/adapters/store/README.md). */
async function whereIn<T extends Doc>(collection: Collection<T>, field: string, values: readonly string[], extra: Filter = {}): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += IN_BATCH) out.push(...(await collection.find({ ...extra, [field]: { $in: values.slice(i, i + IN_BATCH) } })));
  return out;
}

const strip = ({ _id: _ignored, ...event }: OutcomeEventDoc): OutcomeEvent => event;
const byId = (a: OutcomeEventDoc, b: OutcomeEventDoc) => a.atMs - b.atMs || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);

/**
 * The journeys one Shanghai day's rows are computed from, read for that day alone so a run holds
 * one day's events at a time: everyone with an event on the day, each with their first join (which
 * may be older), their cells (scene and campaign of the first join, else of the member document;
 * the current team), the day's events, and — for those whose first join is on the day — the later
 * steps the cohort counters follow, and for the day's plan tasks whether they were done.
 */
export async function loadDayJourneys(store: DocumentStore, day: string): Promise<Journey[]> {
  const startMs = dayStartMs(day);
  const events = store.collection<OutcomeEventDoc>(OUTCOME_EVENTS);
  const onDay = await events.find({ atMs: { $gte: startMs, $lt: startMs + DAY_MS } });
  const ids = [...new Set(onDay.map((e) => e.memberId))].sort();
  if (!ids.length) return [];

  const firstJoin = new Map<string, OutcomeEventDoc>();
  for (const j of (await whereIn(events, 'memberId', ids, { type: 'joined' })).sort(byId)) if (!firstJoin.has(j.memberId)) firstJoin.set(j.memberId, j);
  const cohort = ids.filter((id) => {
    const at = firstJoin.get(id)?.atMs;
    return at !== undefined && at >= startMs && at < startMs + DAY_MS;
  });
  const later = await whereIn(events, 'memberId', cohort, { type: { $in: [...COHORT_TYPES] } });
  const dueKeys = [...new Set(onDay.filter((e) => e.type === 'plan_task_due').map((e) => e.key))];
  const done = await whereIn(events, 'key', dueKeys, { type: 'plan_task_done' });
  const members = new Map((await whereIn(store.collection<Member>(MEMBERS), '_id', ids)).map((m) => [m._id, m]));

  const own = new Map<string, Map<string, OutcomeEventDoc>>();
  for (const e of [...onDay, ...later, ...done]) {
    const list = own.get(e.memberId) ?? new Map<string, OutcomeEventDoc>();
    list.set(e._id, e);
    own.set(e.memberId, list);
  }
  return ids.map((memberId) => {
    const first = firstJoin.get(memberId);
    const member = members.get(memberId);
    const scene = typeof first?.data?.scene === 'string' ? first.data.scene : member?.scene;
    const campaign = typeof first?.data?.campaign === 'string' ? first.data.campaign : member?.campaign;
    return {
      memberId,
      ...(first && { joinedAtMs: first.atMs }),
      ...(scene && { scene }),
      ...(campaign && { campaign }),
      team: member && member.status !== 'erased' ? { ...member.team } : {},
      events: [...(own.get(memberId)?.values() ?? [])].sort(byId).map(strip),
    };
  });
}
