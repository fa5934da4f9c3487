import { FOUR_R_ROLES, type FourRRole } from '../team/roles';
import type { Dimension } from './dimensions';
import { CURVE_WEEKS, emptyCounts, meanAnswerMs, mergeCounts, METRIC_IDS, METRICS, metricValue, SMALL_CELL_MIN, type CounterKey, type DailyCounts, type MetricId, type MetricValue } from './metrics';

/** A stored daily row, as the report reads it. */
export interface RowIn {
  dim: Dimension;
  value: string;
  counts: DailyCounts;
}

/** The value small cells are merged into. */
export const OTHER = '其他';

/** Counters that count members: a rate over fewer than SMALL_CELL_MIN of them is withheld even in a large cell. */
const MEMBER_DENOMINATORS: readonly CounterKey[] = ['joined', 'reached30', 'reached90', 'invited'];

export interface ReportMetric extends MetricValue {
  /** The rate was withheld: its denominator counts fewer than SMALL_CELL_MIN members. */
  withheld: boolean;
}

export interface ReportCell {
  value: string;
  /** A lower bound of the distinct members behind the cell (never below SMALL_CELL_MIN here). */
  members: number;
  metrics: Record<MetricId, ReportMetric>;
  ticketsAnswered: number;
  meanAnswerMs: number | null;
}

/** Lower bound of the distinct members behind merged rows (metrics.ts DailyCounts.members). */
export const cellSize = (c: DailyCounts): number => Math.max(c.joined, c.members);

function metricsOf(c: DailyCounts): Record<MetricId, ReportMetric> {
  return Object.fromEntries(
    METRIC_IDS.map((id) => {
      const v = metricValue(id, c);
      const withheld = MEMBER_DENOMINATORS.includes(METRICS[id].denominator) && v.denominator > 0 && v.denominator < SMALL_CELL_MIN;
      return [id, withheld ? { ...v, numerator: 0, denominator: 0, rate: null, met: null, withheld } : { ...v, withheld }];
    }),
  ) as Record<MetricId, ReportMetric>;
}


function cellOf(value: string, c: DailyCounts): ReportCell {
  return { value, members: cellSize(c), metrics: metricsOf(c), ticketsAnswered: c.ticketsAnswered, meanAnswerMs: meanAnswerMs(c) };
}

/** Rows of one dimension merged per value over the days read. */
function mergedByValue(rows: readonly RowIn[], dim: Dimension): Map<string, DailyCounts> {
  const out = new Map<string, DailyCounts>();
  for (const r of rows) if (r.dim === dim) out.set(r.value, mergeCounts(out.get(r.value) ?? emptyCounts(), r.counts));
  return out;
}

/**
 * The small-cell rule, applied before anything leaves the server: cells of fewer than SMALL_CELL_MIN
 * members are merged into 其他, and 其他 too is dropped when it stays under the minimum.
 */
export function safeCells(merged: Map<string, DailyCounts>): { cell: string; counts: DailyCounts }[] {
  const big: { cell: string; counts: DailyCounts }[] = [];
  let other: DailyCounts | null = null;
  for (const [value, counts] of [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (cellSize(counts) >= SMALL_CELL_MIN) big.push({ cell: value, counts });
    else other = mergeCounts(other ?? emptyCounts(), counts);
  }
  if (!other || cellSize(other) === 0) return big;
  if (cellSize(other) >= SMALL_CELL_MIN) {
    big.push({ cell: OTHER, counts: other });
    return big;
  }
  // Dropping a small 其他 alone would leave it readable by subtraction (the overall figures minus the cells
  // shown), so it is merged into the smallest cell shown, which is then shown as 其他 itself.
  if (!big.length) return big;
  const smallest = big.reduce((min, c) => (cellSize(c.counts) < cellSize(min.counts) ? c : min));
  return [...big.filter((c) => c !== smallest), { cell: OTHER, counts: mergeCounts(smallest.counts, other) }];
}

export interface CohortCurve {
  /** The join week (its Monday). */
  week: string;
  members: number;
  /** Share still active at the end of week 1…n after joining; stops at the last week all of them have reached. */
  retained: { week: number; rate: number }[];
}

export interface RoleSla {
  role: FourRRole;
  ticketsAnswered: number;
  withinSla: number;
  rate: number | null;
  meanAnswerMs: number | null;
}

export interface OutcomesReport {
  /** The five metrics (and SLA compliance) over everyone; null when fewer than SMALL_CELL_MIN members. */
  overall: ReportCell | null;
  byScene: ReportCell[];
  byCampaign: ReportCell[];
  /** Per 4R role: the team members' cells (staff userid as value). */
  byTeamMember: Record<FourRRole, ReportCell[]>;
  cohorts: CohortCurve[];
  slaByRole: RoleSla[];
  targets: Record<MetricId, number | null>;
}

function curveOf(week: string, c: DailyCounts): CohortCurve {
  const retained: { week: number; rate: number }[] = [];
  for (let w = 1; w <= CURVE_WEEKS; w++) {
    const reached = c.curveReached[w - 1] ?? 0;
    // A point only once every member of the cohort has reached it, so the curve never mixes populations.
    if (reached < c.joined || reached === 0) break;
    retained.push({ week: w, rate: (c.curveRetained[w - 1] ?? 0) / reached });
  }
  return { week, members: c.joined, retained };
}

/** What the dashboard and the CSV show for the rows of a date range: aggregates only, small cells merged or hidden. */
export function buildReport(rows: readonly RowIn[]): OutcomesReport {
  const all = mergedByValue(rows, 'all').get('all');
  const cells = (dim: Dimension) => safeCells(mergedByValue(rows, dim)).map(({ cell, counts }) => cellOf(cell, counts));
  const cohorts = [...mergedByValue(rows, 'cohort').entries()]
    .filter(([, c]) => c.joined >= SMALL_CELL_MIN)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([week, c]) => curveOf(week, c));
  const roles = mergedByValue(rows, 'role');
  const slaByRole = FOUR_R_ROLES.flatMap((role): RoleSla[] => {
    const c = roles.get(role);
    if (!c || cellSize(c) < SMALL_CELL_MIN) return [];
    return [{ role, ticketsAnswered: c.ticketsAnswered, withinSla: c.ticketsWithinSla, rate: c.ticketsAnswered ? c.ticketsWithinSla / c.ticketsAnswered : null, meanAnswerMs: meanAnswerMs(c) }];
  });
  return {
    overall: all && cellSize(all) >= SMALL_CELL_MIN ? cellOf('all', all) : null,
    byScene: cells('scene'),
    byCampaign: cells('campaign'),
    byTeamMember: Object.fromEntries(FOUR_R_ROLES.map((r) => [r, cells(`team:${r}`)])) as Record<FourRRole, ReportCell[]>,
    cohorts,
    slaByRole,
    targets: Object.fromEntries(METRIC_IDS.map((id) => [id, metricValue(id, emptyCounts()).target])) as Record<MetricId, number | null>,
  };
}
