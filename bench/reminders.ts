import { startLocalStack } from '../dev/local-stack';
import { createReminderService } from '../shared/services/reminders/reminder-service';
import { API_CEILING_PER_MIN } from '../shared/services/reminders/api-pacer';
import type { ReminderSettings } from '../shared/services/reminders/settings';
import { DaytimeClock } from './daytime-clock';
import { runPacedBench } from './reminders-paced';
import { countDeliveries, seedDueReminders } from './reminders-seed';
import { percentile, round } from './stats';
import { checkTargets } from './targets';

/**
 * The reminders section: `paced` — 30 000 due under WeCom's real per-API limit, minute ticks as in
 * production (share of each API's ceiling); `recovery` — 30 000 due with the limit lifted, the first
 * run killed after half the sends and a second one finishing (duplicates, losses, throughput).
 * Fails on any duplicate or loss, and on any rate-limit error or 60 s over WeCom's ceiling in the
 * paced run; the shares are reported against their target (bench/targets.ts).
 */
export async function runRemindersSection(): Promise<Record<string, Record<string, number>>> {
  const paced = await runPacedBench(30_000);
  const recovery = await runRemindersBench({ count: 30_000 });
  if (paced.duplicates !== 0 || paced.lost !== 0) throw new Error(`paced run: ${paced.duplicates} duplicates, ${paced.lost} lost`);
  // Never over WeCom's limit: no 45009, and no 60 s (sliding, whatever window WeCom counts in) over the ceiling.
  const peak = Math.max(paced.kfPeakPerMinute ?? 0, paced.subscribePeakPerMinute ?? 0);
  if (paced.rateLimitErrors !== 0 || peak > (paced.ceilingPerMinute ?? 0)) throw new Error(`paced run: ${paced.rateLimitErrors} rate-limit errors, ${peak} calls in one 60 s`);
  // Issue #16's target is 95 % of each API's ceiling. Tick 1 can send 9 690 per API (50 s window, 95 % share, one
  // second's burst); subscriptions' 12 000 then need ~12 s of tick 2 (share ≈ 0.99) and kf's 15 000 ~28 s (≈ 1.03),
  // so the target is reachable when the process keeps up. What held subscriptions back (measured with --cpu-prof): the
  // due query sorted the whole due backlog per batch of 500 (≈ 15 s of a run's CPU; the embedded store now reads a
  // range in key order, nedb-ordered-range.ts); kf reminders claimed beyond kf's pace were reviewed and reserved before
  // waiting, then handed back (now reviewed once their slot is in hand, member-sending.ts); and those leftovers were the
  // first due in tick 2, where they satisfied kf and so stopped the claims before any subscription was found: nothing
  // was sent to subscriptions for its first 7 s (now parked by routedApi and looked past, run-loop.ts). The
  // shares still fall when other work starves the process (kf 0.99–1.03, subscriptions 0.86–0.92 at a load average of
  // 5–7 on 2 cores; 1.03 and 0.99–1.00 near idle), hence floors below the target (subscriptions' raised from 0.6).
  checkTargets([
    { section: 'reminders', name: 'kf/send_msg share of ceiling', value: paced.kfShare ?? 0, target: 0.95, floor: 0.8, better: 'higher', issue: '#16' },
    { section: 'reminders', name: 'subscribe/send share of ceiling', value: paced.subscribeShare ?? 0, target: 0.95, floor: 0.75, better: 'higher', issue: '#16' },
  ]);
  return { paced, recovery };
}

export interface RemindersBenchOptions {
  /** Due reminders, one per member. */
  count?: number;
  /** The first run "crashes" after this many sends (default: half). */
  crashAfter?: number;
  settings?: Partial<ReminderSettings>;
  /** The real instant the run is taken to start at (default now); the bench clock moves it into Shanghai daytime. */
  realNowMs?: number;
}

/**
 * Dispatches `count` reminders that are all due at once, against the WeCom sandbox, through the
 * real WeCom client and the embedded store (channel mix: seedDueReminders), with the sandbox's
 * per-API limit lifted so the store and the dispatcher set the pace. The first run is killed
 * after half the sends — it keeps its leases and leaves the in-flight markers — the clock jumps past
 * the lease, and a second run finishes. Everything is counted from what the sandbox received.
 *
 * delayP99Ms is due → received at the sandbox, minus the simulated lease wait for deliveries after
 * the crash (that wait is recoveryWaitMs). With everything due at the same instant it is the time to
 * drain the backlog, not a per-reminder latency.
 */
export async function runRemindersBench(options: RemindersBenchOptions = {}): Promise<Record<string, number>> {
  const count = options.count ?? 30_000;
  const crashAfter = options.crashAfter ?? Math.floor(count / 2);
  // Quiet hours would hold every send at night: the run happens at 10:00 Shanghai whatever the hour,
  // and the clock jumps past the lease for the crash scenario.
  const clock = new DaytimeClock(options.realNowMs);
  const stack = await startLocalStack({
    clock,
    env: { LOG_LEVEL: 'error' },
    sandboxLimits: { perApiPerMinute: 1_000_000_000 },
  });
  try {
    // The sandbox's limit is lifted, and the pacer's with it: the store and the dispatcher set the pace.
    const unlimited = Object.fromEntries(Object.keys(API_CEILING_PER_MIN).map((api) => [api, 1_000_000_000]));
    const settings: Partial<ReminderSettings> = { batchSize: 5000, concurrency: 64, apiCeilingPerMin: unlimited, ...options.settings };
    const service = createReminderService({ ...stack.deps, settings });
    const setupStarted = Date.now();
    const dueAtMs = clock.nowMs();
    const expected = await seedDueReminders(stack, service, count, dueAtMs);
    const setupMs = Date.now() - setupStarted;

    // Run 1: dies after `crashAfter` sends, leases kept, outcomes of in-flight sends unrecorded.
    let sends = 0;
    const started = Date.now();
    const first = await service.dispatch({ budgetMs: 600_000, hooks: { afterSend: (n) => (sends += n) >= crashAfter } });
    const firstMs = Date.now() - started;
    // The crashed run's leases expire; the next timer tick reclaims them.
    const recoveryWaitMs = (settings.leaseMs ?? service.settings.leaseMs) + 1000;
    const jumpAtMs = clock.nowMs();
    clock.offsetMs += recoveryWaitMs;
    const secondStarted = Date.now();
    const second = await service.dispatch({ budgetMs: 600_000 });
    const dispatchMs = firstMs + (Date.now() - secondStarted);

    // What the sandbox actually received.
    const { sent, duplicates, lost } = countDeliveries(stack, expected);
    const delays = stack.sandbox.state.sent.flatMap((s) => s.touser.map(() => s.atMs - dueAtMs - (s.atMs >= jumpAtMs + recoveryWaitMs ? recoveryWaitMs : 0)));
    if (first.stoppedBy !== 'crashed') throw new Error(`the first run was meant to crash but stopped: ${first.stoppedBy}`);
    return {
      count,
      sent,
      duplicates,
      lost,
      perSecond: round(sent / (dispatchMs / 1000), 0),
      delayP99Ms: round(percentile(delays, 99), 0),
      dispatchMs,
      setupMs,
      firstRunSent: first.sent,
      recoveredUncertain: second.uncertain,
      secondRunSent: second.sent,
      recoveryWaitMs,
      batchSize: settings.batchSize ?? 0,
      concurrency: settings.concurrency ?? 0,
    };
  } finally {
    await stack.close();
  }
}

if (process.argv[1]?.endsWith('reminders.ts') && process.argv.includes('--run')) {
  const countArg = process.argv.find((a) => a.startsWith('--count='));
  void runRemindersBench(countArg ? { count: Number(countArg.slice(8)) } : {}).then(
    (r) => console.table(r),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
