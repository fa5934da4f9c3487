import { ensureReminderIndexes, type ReminderDoc } from '../reminder-doc';
import { mapPool } from '../throttle';
import { claim, findDue, release } from './lease';
import { flushMassTasks } from './mass-tasks';
import { processOne } from './process-one';
import { Crashed, RunState } from './run-state';
import type { DispatcherDeps, DispatchOptions, DispatchReport, StopReason } from './types';

/**
 * Batches of leftovers (routedApi) a run claims past what its APIs ask for, at most: enough to reach
 * what is due behind a tick's leftovers (2 700 in the paced bench), without a backlog of one saturated
 * API costing a claim and a release per reminder per tick.
 */
const MAX_PARKED_BATCHES = 10;

/**
 * The run loop: batches are claimed while some API wants more (intake.ts) and overlap; each
 * member's reminders go one after another (the cap and duplicate rules see each other); mass-task
 * items wait until no claimed reminder is still being routed and go out together.
 */
class RunLoop {
  /** Reminders claimed and not yet started, per member (or per reminder without one). */
  private readonly chains = new Map<string, ReminderDoc[]>();
  /**
   * Claimed reminders a previous run routed to an API that had no slot left for them (routedApi),
   * set aside unrouted while that API's queue is full. A run that ran out of time hands back the
   * reminders queued for the busiest API, and they are the first due in the next run: routed in
   * turn, they kept the other APIs waiting (subscription messages sent nothing for the first seven
   * seconds of the next tick, bench/reminders-paced.ts). Parked, they cost the claim only; they are
   * started as their API wants more, once nothing else is due, and handed back at the deadline.
   */
  private readonly parked = new Map<string, ReminderDoc[]>();
  /**
   * The last batch held only reminders handed back by a previous run (routedApi): it says nothing
   * about the APIs this run has not seen yet, which cannot ask for more, so the next batch is
   * claimed whatever the seen APIs want.
   */
  private lookPast = false;
  /** Chains and mass-task flushes under way. */
  readonly running = new Set<Promise<void>>();
  /** The first error that was not a reminder's own (a mass-task store failure): rethrown when the run ends. */
  failure: { err: unknown } | undefined;

  constructor(private readonly run: RunState) {}

  private track(task: Promise<void>): void {
    const p = task.catch((err: unknown) => {
      if (err instanceof Crashed) this.run.crashed = true;
      else this.failure ??= { err };
    });
    this.running.add(p);
    void p.finally(() => {
      this.running.delete(p);
      this.run.intake.wake();
    });
  }

  flushMasses(): void {
    const { run } = this;
    if (run.masses.length > 0 && !run.crashed) this.track(flushMassTasks(run, run.masses.splice(0)));
  }

  private async runChain(key: string, queue: ReminderDoc[]): Promise<void> {
    const { run } = this;
    try {
      for (let doc = queue.shift(); doc; doc = queue.shift()) {
        if (run.crashed) return;
        if (run.pastDeadline()) run.handBack(doc);
        else {
          try {
            await processOne(run, doc);
          } catch (err) {
            if (err instanceof Crashed) return;
            // A bug or a store failure for one reminder must not sink the run; its lease expires and it is retried.
            run.deps.log.error('reminder processing failed', { reminderId: doc._id, error: err instanceof Error ? err.message : 'unknown' });
          }
        }
        run.intake.done(doc._id);
      }
    } finally {
      this.chains.delete(key);
    }
  }

  /** Starts what was claimed, parking reminders for an API whose queue is full (see `parked`). */
  private admit(claimed: ReminderDoc[]): void {
    const { intake } = this.run;
    this.lookPast = claimed.every((d) => d.routedApi !== undefined);
    const startNow: ReminderDoc[] = [];
    const added = new Map<string, number>();
    for (const doc of claimed) {
      const api = doc.routedApi;
      if (api !== undefined && !intake.wants(api, added.get(api) ?? 0)) {
        const list = this.parked.get(api) ?? [];
        list.push(doc);
        this.parked.set(api, list);
        intake.hold(1);
        continue;
      }
      if (api !== undefined) added.set(api, (added.get(api) ?? 0) + 1);
      startNow.push(doc);
    }
    if (startNow.length > 0) this.start(startNow);
  }

  /** Starts parked reminders of the APIs that want more (all of them when `all`); whether any started. */
  private unpark(all: boolean): boolean {
    const { intake } = this.run;
    const docs: ReminderDoc[] = [];
    for (const [api, list] of this.parked) {
      while (list.length > 0 && (all || intake.wants(api, docs.length))) docs.push(list.shift() as ReminderDoc);
      if (list.length === 0) this.parked.delete(api);
    }
    if (docs.length === 0) return false;
    intake.hold(-docs.length);
    this.start(docs);
    return true;
  }

  private parkedCount(): number {
    let n = 0;
    for (const list of this.parked.values()) n += list.length;
    return n;
  }

  /** At the end of the run: parked reminders go back with the others handed back. */
  handBackParked(): void {
    for (const list of this.parked.values()) for (const doc of list.splice(0)) this.run.handedBack.push(doc);
    this.parked.clear();
  }

  private start(claimed: ReminderDoc[]): void {
    this.run.intake.claimed(claimed.map((d) => d._id));
    for (const doc of claimed) {
      const key = doc.memberId ?? doc._id;
      const queue = this.chains.get(key);
      if (queue) {
        queue.push(doc);
        continue;
      }
      const fresh = [doc];
      this.chains.set(key, fresh);
      // Every chain is started; `work` admits settings.concurrency of them at a time (RunState.waitForToken).
      this.track(this.run.work.run(() => this.runChain(key, fresh)));
    }
  }

  /** Claims batches while some API wants more; returns why it stopped claiming (null: nothing left due). */
  async claimLoop(): Promise<StopReason | null> {
    const { run } = this;
    const { intake, settings, report } = run;
    let emptyClaims = 0;
    for (;;) {
      if (run.crashed) return 'crashed';
      if (run.pastDeadline()) return 'deadline';
      // The `changed()` promise is taken in the same turn as the check, so no change in between is missed.
      if (!intake.settled()) {
        await intake.changed();
        continue;
      }
      this.flushMasses();
      if (this.unpark(false)) continue;
      const lookPast = this.lookPast && intake.hasRoom() && this.parkedCount() < settings.batchSize * MAX_PARKED_BATCHES;
      if (!intake.hungry() && !lookPast) {
        // Nothing under way and no API can take more before the deadline.
        if (this.running.size === 0) return 'deadline';
        await intake.changed();
        continue;
      }
      const nowMs = run.clock.nowMs();
      const found = await findDue(run, nowMs, settings.batchSize);
      if (found.length === 0) {
        // Nothing else is due: what is parked is all there is left to send.
        if (this.unpark(true)) continue;
        return null;
      }
      report.batches += 1;
      const claimed = (await mapPool(found, settings.concurrency, (d) => claim(run, d, nowMs))).filter((d): d is ReminderDoc => d !== null);
      report.claimed += claimed.length;
      if (claimed.length === 0) {
        // Everything found was taken by another run between our read and our claim.
        if ((emptyClaims += 1) >= 3) return 'stalled';
        continue;
      }
      emptyClaims = 0;
      this.admit(claimed);
    }
  }
}

/** One dispatch run: claim due reminders under a lease, deliver, record, reschedule. */
export async function dispatchDue(deps: DispatcherDeps, options: DispatchOptions = {}): Promise<DispatchReport> {
  await ensureReminderIndexes(deps.store);
  const run = new RunState(deps, options);
  const { report, pacer } = run;
  const loop = new RunLoop(run);
  // The client's own short retries (45033, HTTP 429) hold that API back for the same delay.
  const unsubscribe = deps.wecom.onRateLimit((event) => {
    if (event.delayMs > 0) run.blockApi(event.api, event.delayMs);
  });
  try {
    const stopped = await loop.claimLoop();
    // What was started finishes (or hands itself back at the deadline); a chain's later reminder may still add mass items.
    while (loop.running.size > 0 || (run.masses.length > 0 && !run.crashed)) {
      loop.flushMasses();
      await Promise.all(loop.running);
    }
    loop.handBackParked();
    if (loop.failure) throw loop.failure.err;
    if (!run.crashed) await mapPool(run.handedBack.splice(0), run.settings.concurrency, (doc) => release(run, doc));
    report.stoppedBy = run.crashed
      ? 'crashed'
      : stopped === 'deadline' || report.released > 0
        ? 'deadline'
        : stopped === 'stalled'
          ? 'stalled'
          : // What is left waits for a blocked API: the next tick (or this run, once found due again) sends it.
            pacer.anyBlocked()
            ? 'rate_limited'
            : 'drained';
  } catch (err) {
    if (!(err instanceof Crashed)) throw err;
    report.stoppedBy = 'crashed';
  } finally {
    unsubscribe();
    report.rateLimitSignals = pacer.rateLimitSignals;
  }
  deps.log.info('reminder dispatch run', { ...report, byChannel: JSON.stringify(report.byChannel) });
  return report;
}
