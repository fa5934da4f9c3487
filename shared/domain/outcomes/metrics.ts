/**
 * The programme's success metrics (docs/prd.md §8.1 业务指标, and the ticket SLA behind §8.2's response
 * time), defined once over the outcome events (events.ts) and the daily aggregates built from them
 * (aggregate.ts). Each metric is a ratio of two aggregate counters; every counter names exactly which
 * members or tasks it counts, so the dashboard, the CSV export and the simulation read the same rule.
 *
 * Two kinds of counters share an aggregate row of day D:
 * - cohort counters count the members who **joined on D** (their first `joined`, Asia/Shanghai day),
 *   each followed for a fixed window after their join; a window still open counts what happened so far
 *   and the row is recomputed daily until every window has closed (RECOMPUTE_DAYS);
 * - day counters count what **fell on D**: invitations sent, plan tasks due, tickets answered.
 */

export { DAY_MS } from '../reminders/shanghai-time';

/** Windows after the join (or the invitation) within which a step counts. */
export const WINDOWS = {
  /** An invited customer who joins within 30 days of the invitation counts as joined. */
  inviteToJoinDays: 30,
  /** The health form completed within 30 days of joining (the intake follow-ups stop at three weeks). */
  formDays: 30,
  /** A policy bought within 90 days of joining: the programme's quarter. */
  policyDays: 90,
  /** Retention is read at 30 and at 90 days after joining. */
  retentionDays: [30, 90] as const,
} as const;

/** Weekly retention curve: still active at the end of week 1…13 after joining. */
export const CURVE_WEEKS = 13;

/**
 * A day's row is final once every window that starts on it has closed; until then the timer
 * recomputes it. A window of L days from a join on day J closes during day J+L, so the timer's first
 * run after it (on day J+L+1) must still reach back to J. The longest window is the curve's 13 weeks
 * (91 days): the last 92 days are recomputed.
 */
export const RECOMPUTE_DAYS = Math.max(WINDOWS.policyDays, ...WINDOWS.retentionDays, WINDOWS.inviteToJoinDays, CURVE_WEEKS * 7) + 1;

export interface DailyCounts {
  // ── cohort: members who joined on this day ──
  /** Members whose first `joined` (contact added or group joined) fell on this day. */
  joined: number;
  /** Of them: the welcome message went out (`welcomed`). */
  welcomed: number;
  /** Of them: a `form_completed` within WINDOWS.formDays of joining. */
  formCompleted: number;
  /** Of them: the insurance consultant discussed a gap report with them (`gap_discussed`, any time so far). */
  gapDiscussed: number;
  /** Of them: a `policy_bought` reported by the policy system within WINDOWS.policyDays of joining. */
  policyBought: number;
  /** Of them: 30 days have passed since joining (the retention denominator). */
  reached30: number;
  /** Of those: no `left` within 30 days of joining. */
  retained30: number;
  reached90: number;
  retained90: number;
  /** Weekly curve: `curveReached[w-1]` members reached the end of week w, `curveRetained[w-1]` of them had not left by then. */
  curveReached: number[];
  curveRetained: number[];

  // ── day: what fell on this day ──
  /** Invitations sent on this day (`invited`, reported by the policy system). */
  invited: number;
  /** Of them: the invited customer joined within WINDOWS.inviteToJoinDays of the invitation. */
  invitedJoined: number;
  /** Plan tasks due on this day (`plan_task_due`). */
  planDue: number;
  /** Of them: done, confirmed by the member or by data (`plan_task_done` with the same key, any time so far). */
  planDone: number;
  /** Readings uploaded on this day (kind only). */
  readings: number;
  /** Tickets whose first staff answer came on this day (`ticket_answered`). */
  ticketsAnswered: number;
  /** Of them: answered by the ticket's SLA deadline. */
  ticketsWithinSla: number;
  /** Sum of their times to first answer (ms), for the mean. */
  answeredMsTotal: number;
  /**
   * Distinct members behind this row (cohort members, plus members with a day event). Rows of several
   * days are merged by taking the largest of these, a lower bound of the distinct members behind the
   * merged cell, so the small-cell rule (SMALL_CELL_MIN) errs on the side of hiding.
   */
  members: number;
}

export const COUNTER_KEYS = [
  'joined', 'welcomed', 'formCompleted', 'gapDiscussed', 'policyBought', 'reached30', 'retained30', 'reached90', 'retained90',
  'invited', 'invitedJoined', 'planDue', 'planDone', 'readings', 'ticketsAnswered', 'ticketsWithinSla', 'answeredMsTotal',
] as const satisfies readonly (keyof DailyCounts)[];
export type CounterKey = (typeof COUNTER_KEYS)[number];

export const emptyCounts = (): DailyCounts => ({
  ...(Object.fromEntries(COUNTER_KEYS.map((k) => [k, 0])) as Record<CounterKey, number>),
  curveReached: Array<number>(CURVE_WEEKS).fill(0),
  curveRetained: Array<number>(CURVE_WEEKS).fill(0),
  members: 0,
});

/** Adds `b` into `a` (members: the larger, see DailyCounts.members). */
export function mergeCounts(a: DailyCounts, b: DailyCounts): DailyCounts {
  const out = emptyCounts();
  for (const k of COUNTER_KEYS) out[k] = a[k] + b[k];
  out.curveReached = a.curveReached.map((v, i) => v + (b.curveReached[i] ?? 0));
  out.curveRetained = a.curveRetained.map((v, i) => v + (b.curveRetained[i] ?? 0));
  out.members = Math.max(a.members, b.members);
  return out;
}

export interface MetricDefinition {
  nameZh: string;
  /** The PRD's target as a fraction (docs/prd.md §8.1); null where the PRD sets none. */
  target: number | null;
  numerator: CounterKey;
  denominator: CounterKey;
}

/**
 * The five metrics of docs/prd.md §8.1 and the ticket SLA compliance.
 *
 * - join_rate 用户入群率 ≥ 80 %: invited customers who joined within 30 days of the invitation ÷
 *   invitations, by invitation day. Only customers the policy system reports as invited count
 *   (partner API); customers who join from a code without an invitation are members but not in it.
 * - profile_completion 健康档案完成率 ≥ 70 %: members of the join cohort with a completed health form
 *   within 30 days of joining ÷ members of the cohort.
 * - plan_completion 健康计划完成率 ≥ 60 %: plan tasks done (by the member, or by data: a reading or a
 *   report that answers the task) ÷ plan tasks due, by due day.
 * - insurance_conversion 保险转化率 ≥ 5 %: members of the join cohort who bought a policy within 90 days
 *   of joining (reported by the policy system) ÷ members of the cohort.
 * - retention 用户留存率 ≥ 85 %: members of the join cohort still active 30 days after joining (no
 *   `left`: contact deleted, last group left, consent withdrawn) ÷ members of the cohort who have
 *   reached 30 days; retention_90 the same at 90 days. Erased members' events are deleted with them,
 *   so they drop out of numerator and denominator alike.
 * - sla_compliance: tickets whose first staff answer (acknowledgement or reply) came by the ticket's
 *   SLA deadline ÷ tickets answered, by answer day and per role. The PRD's "服务响应时间 ≤ 3 秒"
 *   (§8.2) is the system's own response time (measured by the bench); staff answers are held to the
 *   ticket's SLA instead, so no fixed target is drawn — every ticket's deadline is its own.
 */
export const METRICS = {
  join_rate: { nameZh: '用户入群率', target: 0.8, numerator: 'invitedJoined', denominator: 'invited' },
  profile_completion: { nameZh: '健康档案完成率', target: 0.7, numerator: 'formCompleted', denominator: 'joined' },
  plan_completion: { nameZh: '健康计划完成率', target: 0.6, numerator: 'planDone', denominator: 'planDue' },
  insurance_conversion: { nameZh: '保险转化率', target: 0.05, numerator: 'policyBought', denominator: 'joined' },
  retention: { nameZh: '用户留存率（30天）', target: 0.85, numerator: 'retained30', denominator: 'reached30' },
  retention_90: { nameZh: '用户留存率（90天）', target: 0.85, numerator: 'retained90', denominator: 'reached90' },
  sla_compliance: { nameZh: '工单首次响应 SLA 达标率', target: null, numerator: 'ticketsWithinSla', denominator: 'ticketsAnswered' },
} as const satisfies Record<string, MetricDefinition>;

export type MetricId = keyof typeof METRICS;
export const METRIC_IDS = Object.keys(METRICS) as MetricId[];

export interface MetricValue {
  id: MetricId;
  numerator: number;
  denominator: number;
  /** null when nothing was counted (denominator 0). */
  rate: number | null;
  target: number | null;
  /** null when there is no rate or no target. */
  met: boolean | null;
}

export function metricValue(id: MetricId, counts: DailyCounts): MetricValue {
  const def: MetricDefinition = METRICS[id];
  const numerator = counts[def.numerator];
  const denominator = counts[def.denominator];
  const rate = denominator > 0 ? numerator / denominator : null;
  return { id, numerator, denominator, rate, target: def.target, met: rate === null || def.target === null ? null : rate >= def.target };
}

/** Mean time to a ticket's first staff answer, ms; null without tickets. */
export const meanAnswerMs = (c: DailyCounts): number | null => (c.ticketsAnswered > 0 ? Math.round(c.answeredMsTotal / c.ticketsAnswered) : null);

/**
 * Small cells: no aggregate about fewer than this many members is shown or exported — these are
 * health data, and a handful of members could be recognised from their numbers.
 */
export const SMALL_CELL_MIN = 10;
