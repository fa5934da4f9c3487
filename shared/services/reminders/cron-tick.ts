import type { Clock } from '../../ports/clock';
import type { DispatchOptions, DispatchReport } from './dispatch/types';
import { partitionShards, type ShardInvoker } from './fan-out';
import { REMINDERS, SHARD_SLOTS, type ReminderDoc } from './reminder-doc';
import type { SendWindow } from './send-window';
import type { ReminderSettings } from './settings';
import { errorCode, escalateSlaBreaches, type EscalationDeps } from './sla-escalation';

export interface CronOptions {
  /** Real milliseconds the run may take. */
  budgetMs: number;
  /** The timer minute's sending window (DispatchOptions.sendWindow); fan-out workers share their caller's minute. */
  sendWindow?: SendWindow;
  /** A fan-out worker's shard slots. */
  shards?: readonly number[];
  invoker?: ShardInvoker;
  hooks?: DispatchOptions['hooks'];
}

export interface CronReport {
  mode: 'single' | 'worker' | 'fan_out';
  escalated: number;
  runs: DispatchReport[];
  invoked: number;
  invokeFailures: number;
}

export type CronDeps = EscalationDeps & {
  clock: Clock;
  settings: ReminderSettings;
  monotonicNow?: () => number;
  /** One dispatch run (dispatch/run-loop.ts) with the service's dispatcher deps. */
  dispatch(options: DispatchOptions): Promise<DispatchReport>;
};

/**
 * The minute tick: SLA escalations, then the due reminders — in this run, or for a large backlog
 * spread over asynchronous workers on disjoint shards (each worker is this function again).
 */
export async function runCron(deps: CronDeps, options: CronOptions): Promise<CronReport> {
  const { settings } = deps;
  const mono = deps.monotonicNow ?? Date.now;
  const startedAt = mono();
  const remaining = () => Math.max(1000, options.budgetMs - (mono() - startedAt));
  // Every dispatch of this tick, fan-out workers' included, sends in the tick's window.
  const perRun = { ...(options.hooks && { hooks: options.hooks }), ...(options.sendWindow && { sendWindow: options.sendWindow }) };
  // Fan-out runs dispatch at the same time, each at its part of the corp's per-API ceilings.
  const fanOutPace = { paceWorkers: Math.max(1, Math.min(settings.fanOut.workers, SHARD_SLOTS)) };
  if (options.shards) {
    const run = await deps.dispatch({ shards: options.shards, budgetMs: remaining(), ...fanOutPace, ...perRun });
    return { mode: 'worker', escalated: 0, runs: [run], invoked: 0, invokeFailures: 0 };
  }
  const nowMs = deps.clock.nowMs();
  // Escalation trouble (the ticket source unreachable…) must never hold back the reminders.
  let escalated = 0;
  try {
    escalated = await escalateSlaBreaches(deps, nowMs);
  } catch (err) {
    deps.log.error('sla escalation step failed; dispatching anyway', { error: errorCode(err) });
  }
  const { invoker } = options;
  if (invoker && settings.fanOut.mode !== 'off' && settings.fanOut.workers > 1 && (await countDue(deps, nowMs)) >= settings.fanOut.threshold) {
    const [own = [], ...others] = partitionShards(settings.fanOut.workers);
    const started = others.map((shards) => invoker.invoke({ shards, ...(options.sendWindow && { sendWindow: options.sendWindow }) }).then(() => null, (err: unknown) => ({ shards, err })));
    const runs = [await deps.dispatch({ shards: own, budgetMs: remaining(), ...fanOutPace, ...perRun })];
    const failed = (await Promise.all(started)).filter((f): f is { shards: number[]; err: unknown } => f !== null);
    // A worker that could not be started: its shards are ours for what is left of this run.
    for (const f of failed) {
      deps.log.error('reminder fan-out invoke failed', { shards: f.shards.length, error: f.err instanceof Error ? f.err.message : 'unknown' });
      runs.push(await deps.dispatch({ shards: f.shards, budgetMs: remaining(), ...fanOutPace, ...perRun }));
    }
    return { mode: 'fan_out', escalated, runs, invoked: others.length - failed.length, invokeFailures: failed.length };
  }
  return { mode: 'single', escalated, runs: [await deps.dispatch({ budgetMs: remaining(), ...perRun })], invoked: 0, invokeFailures: 0 };
}

/** Reminders due now, over all shards: what decides whether a tick fans out. */
async function countDue(deps: CronDeps, nowMs: number): Promise<number> {
  const reminders = deps.store.collection<ReminderDoc>(REMINDERS);
  const [urgent, routine] = await Promise.all([0, 1].map((priority) => reminders.count({ status: 'scheduled', priority, dueAtMs: { $lte: nowMs } })));
  return (urgent ?? 0) + (routine ?? 0);
}
