import { FOUR_R_ROLES } from '../team/roles';
import { METRIC_IDS } from './metrics';
import type { OutcomesReport, ReportCell } from './report';

/**
 * The dashboard's report as CSV (RFC 4180: comma-separated, CRLF line ends, a field quoted when it
 * holds a comma, a quote or a line break, quotes doubled). Built from the same report the dashboard
 * shows, so the small-cell rule has already been applied: no row is about fewer than 10 members.
 * A field that a spreadsheet would run as a formula (starting = + - @) is prefixed with an apostrophe.
 */
export const CSV_HEADER = ['section', 'group', 'members', 'metric', 'numerator', 'denominator', 'rate', 'target'] as const;

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (fields: (string | number | null)[]): string => fields.map(csvField).join(',');
const rate = (r: number | null): string | null => (r === null ? null : r.toFixed(4));

function cellLines(section: string, cell: ReportCell): string[] {
  return METRIC_IDS.map((id) => {
    const m = cell.metrics[id];
    return line([section, cell.value, cell.members, id, m.withheld ? null : m.numerator, m.withheld ? null : m.denominator, rate(m.rate), m.target]);
  });
}

export function reportCsv(report: OutcomesReport): string {
  const lines = [line([...CSV_HEADER])];
  if (report.overall) lines.push(...cellLines('overall', report.overall));
  for (const c of report.byScene) lines.push(...cellLines('scene', c));
  for (const c of report.byCampaign) lines.push(...cellLines('campaign', c));
  for (const role of FOUR_R_ROLES) for (const c of report.byTeamMember[role]) lines.push(...cellLines(`team:${role}`, c));
  for (const c of report.cohorts) for (const p of c.retained) lines.push(line(['cohort_retention', c.week, c.members, `week_${p.week}`, null, null, rate(p.rate), report.targets.retention]));
  for (const s of report.slaByRole) lines.push(line(['sla_role', s.role, null, 'sla_compliance', s.withinSla, s.ticketsAnswered, rate(s.rate), null]));
  return `${lines.join('\r\n')}\r\n`;
}
