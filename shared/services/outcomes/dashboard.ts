import * as z from 'zod';
import type { Principal } from '../../domain/access/principal';
import { addDays, isDay } from '../../domain/outcomes/dimensions';
import { shanghaiDayKey } from '../../domain/reminders/shanghai-time';
import { METRICS, METRIC_IDS, type MetricId } from '../../domain/outcomes/metrics';
import { buildReport, type OutcomesReport } from '../../domain/outcomes/report';
import type { Clock } from '../../ports/clock';
import type { DocumentStore } from '../../ports/document-store';
import type { Authorize } from '../access/authorize';
import { storedRows } from './aggregation';

/** The longest range one request reads: a year of daily rows. */
export const MAX_RANGE_DAYS = 366;
const DEFAULT_RANGE_DAYS = 90;

const Day = z.string().refine(isDay, 'must be a date YYYY-MM-DD');
export const RangeQuerySchema = z
  .object({ from: Day.optional(), to: Day.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] })
  .refine((q) => !q.from || !q.to || addDays(q.from, MAX_RANGE_DAYS - 1) >= q.to, { message: `the range may span at most ${MAX_RANGE_DAYS} days`, path: ['to'] });
export type RangeQuery = z.infer<typeof RangeQuerySchema>;

export interface Dashboard extends OutcomesReport {
  from: string;
  to: string;
  /** When the newest row read was computed (the timer's last pass); null when nothing was computed. */
  asOfMs: number | null;
  /** The metrics' Chinese names, in display order. */
  metricNames: { id: MetricId; nameZh: string }[];
}

/** Missing ends default to the 90 days up to today (Asia/Shanghai). */
export function resolveRange(q: RangeQuery, nowMs: number): { from: string; to: string } {
  const to = q.to ?? (q.from ? addDays(q.from, DEFAULT_RANGE_DAYS - 1) : shanghaiDayKey(nowMs));
  const from = q.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  return { from, to };
}

/**
 * The ops dashboard (supervisors and ops, policy action `stats.read`): the metrics against their
 * targets over the days `from`…`to`, per scene, campaign and team member, weekly cohort retention
 * and SLA per role — aggregates only, with the small-cell rule applied here, before anything leaves.
 */
export async function outcomesDashboard(
  deps: { store: DocumentStore; clock: Clock; authorize: Authorize },
  principal: Principal,
  q: RangeQuery,
  o: { requestId?: string } = {},
): Promise<Dashboard> {
  await deps.authorize(principal, 'stats.read', undefined, { ...(o.requestId && { requestId: o.requestId }) });
  const { from, to } = resolveRange(q, deps.clock.nowMs());
  const rows = await storedRows(deps.store, from, to);
  const asOfMs = rows.reduce<number | null>((max, r) => (max === null || r.asOfMs > max ? r.asOfMs : max), null);
  return { from, to, asOfMs, metricNames: METRIC_IDS.map((id) => ({ id, nameZh: METRICS[id].nameZh })), ...buildReport(rows) };
}
