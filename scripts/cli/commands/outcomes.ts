import { simulateOutcomes } from '../../../dev/outcomes-simulation';
import { reportCsv } from '../../../shared/domain/outcomes/csv';
import { isDay } from '../../../shared/domain/outcomes/dimensions';
import { METRIC_IDS, METRICS } from '../../../shared/domain/outcomes/metrics';
import { buildReport, type OutcomesReport } from '../../../shared/domain/outcomes/report';
import { resolveRange, RangeQuerySchema } from '../../../shared/services/outcomes/dashboard';
import { storedRows } from '../../../shared/services/outcomes/aggregation';
import { teamTarget } from '../team-target';
import { CliUsageError, type CliCommand, type CliIo } from '../command';

/**
 * `outcomes csv --from YYYY-MM-DD --to YYYY-MM-DD`: the dashboard's report as CSV on stdout (the same
 * small-cell rule: nothing about fewer than 10 members). Against a running `npm start` (same DATA_DIR)
 * through GET /api/outcomes/dashboard with its machine key; otherwise from the store of the environment.
 *
 * `outcomes simulate --seed N --members N [--days N]`: the seeded simulation (dev/outcomes-simulation.ts)
 * on an in-memory store; one JSON line per metric.
 */

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new CliUsageError(`${name} needs a value`);
  return v;
}

function intOption(args: string[], name: string, fallback: number, max: number): number {
  const raw = option(args, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new CliUsageError(`${name} must be an integer from 1 to ${max}`);
  return n;
}

async function csvCommand(args: string[], io: CliIo): Promise<number> {
  const from = option(args, '--from');
  const to = option(args, '--to');
  if (!from || !to) throw new CliUsageError('--from and --to are required');
  const parsed = RangeQuerySchema.safeParse({ from, to });
  if (!parsed.success || !isDay(from) || !isDay(to)) throw new CliUsageError(`invalid range: ${parsed.success ? 'not a date' : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const target = await teamTarget();
  let report: OutcomesReport;
  if (target.kind === 'stack') {
    report = await target.client.call<OutcomesReport>('GET', `/api/outcomes/dashboard?from=${from}&to=${to}`);
  } else {
    const range = resolveRange(parsed.data, target.deps.clock.nowMs());
    report = buildReport(await storedRows(target.deps.store, range.from, range.to));
  }
  io.stdout.write(reportCsv(report));
  return 0;
}

async function simulateCommand(args: string[], io: CliIo): Promise<number> {
  const seed = intOption(args, '--seed', 1, 2 ** 31 - 1);
  const members = intOption(args, '--members', 2_000, 100_000);
  const days = intOption(args, '--days', 90, 365);
  const startedMs = Date.now();
  const result = await simulateOutcomes({ seed, members, days });
  for (const id of METRIC_IDS) {
    const m = result.report.overall?.metrics[id];
    io.stdout.write(`${JSON.stringify({ metric: id, nameZh: METRICS[id].nameZh, numerator: m?.numerator ?? null, denominator: m?.denominator ?? null, rate: m?.rate ?? null, target: METRICS[id].target, met: m?.met ?? null })}\n`);
  }
  io.stderr.write(`simulated ${members} customers over ${days} days (seed ${seed}): ${result.events} events, ${result.from}…${result.to}, ${Date.now() - startedMs} ms\n`);
  return 0;
}

export const command: CliCommand = {
  name: 'outcomes',
  summary: 'outcome metrics: CSV export of the dashboard (small cells merged or hidden), seeded simulation',
  usage: 'npm run -s cli -- outcomes csv --from YYYY-MM-DD --to YYYY-MM-DD | outcomes simulate [--seed N] [--members N] [--days N]',
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'csv') return csvCommand(rest, io);
    if (sub === 'simulate') return simulateCommand(rest, io);
    throw new CliUsageError('expected csv or simulate');
  },
};
