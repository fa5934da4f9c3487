import type { FourRRole } from '../team/roles';
import type { OutcomeEvent } from './events';
import { aggregateId, dayStartMs, NO_CAMPAIGN, teamDim, UNKNOWN_SCENE, weekOf, type Dimension } from './dimensions';
import { CURVE_WEEKS, DAY_MS, emptyCounts, WINDOWS, type DailyCounts } from './metrics';

/**
 * Everything the aggregation knows about one member (or one invited customer not yet a member):
 * their outcome events and the cells they fall in. Built by the service from the outcome log and the
 * member document; nothing here reads a store.
 */
export interface Journey {
  memberId: string;
  /** The member's first `joined` (contact or group); absent for a customer only invited so far. */
  joinedAtMs?: number;
  scene?: string;
  campaign?: string;
  /** The member's current 4R team (staff userids). */
  team: Partial<Record<FourRRole, string>>;
  /** The member's events, any order. */
  events: readonly OutcomeEvent[];
}

export interface AggregateRow {
  _id: string;
  day: string;
  dim: Dimension;
  value: string;
  counts: DailyCounts;
}

type Cell = readonly [Dimension, string];

/** The cells a member's counts go to: everyone, scene, campaign, each team member, join week. */
function memberCells(j: Journey): Cell[] {
  const cells: Cell[] = [
    ['all', 'all'],
    ['scene', j.scene ?? UNKNOWN_SCENE],
    ['campaign', j.campaign ?? NO_CAMPAIGN],
  ];
  for (const [role, staffId] of Object.entries(j.team) as [FourRRole, string | undefined][]) if (staffId) cells.push([teamDim(role), staffId]);
  if (j.joinedAtMs !== undefined) cells.push(['cohort', weekOf(j.joinedAtMs)]);
  return cells;
}

/** An invitation is counted by the scene and campaign the policy system gave it, else the member's. */
function invitationCells(j: Journey, e: OutcomeEvent): Cell[] {
  const scene = typeof e.data?.scene === 'string' ? e.data.scene : j.scene;
  const campaign = typeof e.data?.campaign === 'string' ? e.data.campaign : j.campaign;
  return [
    ['all', 'all'],
    ['scene', scene ?? UNKNOWN_SCENE],
    ['campaign', campaign ?? NO_CAMPAIGN],
  ];
}

/** A ticket counts for everyone, the member's scene/campaign/week, the routed role and the team member in it. */
function ticketCells(j: Journey, e: OutcomeEvent): Cell[] {
  const role = typeof e.data?.role === 'string' ? e.data.role : undefined;
  const base = memberCells(j).filter(([dim]) => !dim.startsWith('team:'));
  if (!role) return base;
  const staffId = j.team[role as FourRRole];
  return [...base, ['role', role], ...(staffId ? [[teamDim(role as FourRRole), staffId] as Cell] : [])];
}

class DayRows {
  private readonly rows = new Map<string, AggregateRow>();
  private readonly seen = new Map<string, Set<string>>();
  constructor(private readonly day: string) {}

  add(cells: readonly Cell[], memberId: string, apply: (c: DailyCounts) => void): void {
    for (const [dim, value] of cells) {
      const id = aggregateId(this.day, dim, value);
      let row = this.rows.get(id);
      if (!row) this.rows.set(id, (row = { _id: id, day: this.day, dim, value, counts: emptyCounts() }));
      apply(row.counts);
      const members = this.seen.get(id) ?? new Set<string>();
      members.add(memberId);
      this.seen.set(id, members);
      row.counts.members = members.size;
    }
  }

  result(): AggregateRow[] {
    return [...this.rows.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  }
}

const firstAtOrAfter = (events: readonly OutcomeEvent[], type: OutcomeEvent['type'], fromMs: number): number | undefined =>
  events.filter((e) => e.type === type && e.atMs >= fromMs).reduce<number | undefined>((min, e) => (min === undefined || e.atMs < min ? e.atMs : min), undefined);

/** The cohort counters of a member who joined on the day (metrics.ts says what each counts). */
function cohortCounts(j: Journey & { joinedAtMs: number }, asOfMs: number, c: DailyCounts): void {
  const join = j.joinedAtMs;
  const within = (type: OutcomeEvent['type'], days: number) => j.events.some((e) => e.type === type && e.atMs >= join && e.atMs <= join + days * DAY_MS);
  const leftAtMs = firstAtOrAfter(j.events, 'left', join);
  const stillIn = (untilMs: number) => leftAtMs === undefined || leftAtMs > untilMs;
  c.joined += 1;
  if (j.events.some((e) => e.type === 'welcomed')) c.welcomed += 1;
  if (within('form_completed', WINDOWS.formDays)) c.formCompleted += 1;
  if (j.events.some((e) => e.type === 'gap_discussed' && e.atMs >= join)) c.gapDiscussed += 1;
  if (within('policy_bought', WINDOWS.policyDays)) c.policyBought += 1;
  const [d30, d90] = WINDOWS.retentionDays;
  if (join + d30 * DAY_MS <= asOfMs) {
    c.reached30 += 1;
    if (stillIn(join + d30 * DAY_MS)) c.retained30 += 1;
  }
  if (join + d90 * DAY_MS <= asOfMs) {
    c.reached90 += 1;
    if (stillIn(join + d90 * DAY_MS)) c.retained90 += 1;
  }
  for (let w = 1; w <= CURVE_WEEKS; w++) {
    const at = join + w * 7 * DAY_MS;
    if (at > asOfMs) break;
    c.curveReached[w - 1] = (c.curveReached[w - 1] ?? 0) + 1;
    if (stillIn(at)) c.curveRetained[w - 1] = (c.curveRetained[w - 1] ?? 0) + 1;
  }
}

/**
 * The aggregate rows of one Shanghai day, as of `asOfMs` (windows still open count what happened by
 * then). Pure and deterministic: the same journeys and instant give the same rows, in the same order,
 * so recomputing a day — after a crash half-way, or again for a check — replaces it with equal rows.
 */
export function aggregateDay(day: string, journeys: Iterable<Journey>, asOfMs: number): AggregateRow[] {
  const startMs = dayStartMs(day);
  const endMs = startMs + DAY_MS;
  const onDay = (ms: number) => ms >= startMs && ms < endMs;
  const rows = new DayRows(day);
  for (const j of journeys) {
    if (j.joinedAtMs !== undefined && onDay(j.joinedAtMs)) rows.add(memberCells(j), j.memberId, (c) => cohortCounts(j as Journey & { joinedAtMs: number }, asOfMs, c));
    const doneKeys = new Set(j.events.filter((e) => e.type === 'plan_task_done' && e.atMs <= asOfMs).map((e) => e.key));
    for (const e of j.events) {
      if (!onDay(e.atMs) || e.atMs > asOfMs) continue;
      switch (e.type) {
        case 'invited': {
          const joined = j.joinedAtMs !== undefined && j.joinedAtMs <= e.atMs + WINDOWS.inviteToJoinDays * DAY_MS;
          rows.add(invitationCells(j, e), j.memberId, (c) => {
            c.invited += 1;
            if (joined) c.invitedJoined += 1;
          });
          break;
        }
        case 'plan_task_due':
          rows.add(memberCells(j), j.memberId, (c) => {
            c.planDue += 1;
            if (doneKeys.has(e.key)) c.planDone += 1;
          });
          break;
        case 'reading_uploaded':
          rows.add(memberCells(j), j.memberId, (c) => {
            c.readings += 1;
          });
          break;
        case 'ticket_answered':
          rows.add(ticketCells(j, e), j.memberId, (c) => {
            c.ticketsAnswered += 1;
            if (e.data?.withinSla === true) c.ticketsWithinSla += 1;
            c.answeredMsTotal += typeof e.data?.answeredInMs === 'number' ? e.data.answeredInMs : 0;
          });
          break;
        default:
          break;
      }
    }
  }
  return rows.result();
}
