import { randomUUID } from 'node:crypto';
import type { Channel } from '../../../domain/reminders/channel-router';
import type { Clock } from '../../../ports/clock';
import type { Collection, Filter } from '../../../ports/document-store';
import type { Member } from '../../members/member';
import { ApiPacer } from '../api-pacer';
import { Intake } from '../intake';
import { REMINDER_DEAD_LETTERS, REMINDERS, type DeadLetterDoc, type ReminderDoc } from '../reminder-doc';
import type { ReminderSettings } from '../settings';
import { DeadlineReached, Semaphore } from '../throttle';
import type { DispatcherDeps, DispatchOptions, DispatchReport, MassItem } from './types';

/** Thrown through every step once the run has (really or by a test hook) crashed: nothing more is written. */
export class Crashed extends Error {}

const DEFAULT_BUDGET_MS = 50_000;
/** An API is fed more reminders while fewer than this many milliseconds of its tokens are queued for. */
const QUEUE_AHEAD_MS = 3_000;
/** Claimed reminders a run holds at most, in batches (see Intake). */
const MAX_HELD_BATCHES = 20;

/**
 * Everything one dispatch run shares between its steps (lease.ts, outcomes.ts, the senders, the
 * run loop): the run's clocks and deadline, its pacer and intake, the places being worked on, what
 * it learnt on the way and its report. One object per run, passed explicitly: no step keeps state
 * of its own between reminders.
 */
export class RunState {
  readonly runId = randomUUID();
  readonly settings: ReminderSettings;
  readonly clock: Clock;
  readonly reminders: Collection<ReminderDoc>;
  readonly deadLetters: Collection<DeadLetterDoc>;
  /** The monotonic clock the deadline, the send window and the pacer run on. */
  readonly mono: () => number;
  readonly deadlineAtMs: number;
  readonly pacer: ApiPacer;
  readonly intake: Intake;
  /**
   * `settings.concurrency` reminders are worked on at once (store work, the WeCom call). Waiting for
   * an API's token gives the place up (waitForToken).
   */
  readonly work: Semaphore;
  readonly shardFilter: Filter;
  readonly report: DispatchReport;
  /** Set once the run crashed (a test or bench hook, or a Crashed seen by the loop). */
  crashed = false;
  /** Numbers this run's leases (`${runId}.${n}`). */
  claimSeq = 0;
  /** Leases only expire after a crash; once a page of them comes back short there are none left this run. */
  expiredLeasesLeft = true;
  /**
   * Reminders that found no time left keep their lease until the run ends and are released then:
   * released at once, they would be due again and claimed again ahead of what can still be sent.
   */
  readonly handedBack: ReminderDoc[] = [];
  /** Channels this deployment cannot use (credentials not configured), learnt during the run. */
  readonly unavailable = new Set<Channel>();
  /** The member's last response per follow-up reminder, read when its cadence was decided (follow-ups.ts). */
  readonly cadenceResponse = new Map<string, number | null>();
  /** Mass-task items of reminders already routed, sent together once no claimed reminder is still being routed. */
  readonly masses: MassItem[] = [];
  private readonly memberCache = new Map<string, Promise<Member | null>>();

  constructor(
    readonly deps: DispatcherDeps,
    private readonly options: DispatchOptions,
  ) {
    const { settings } = deps;
    this.settings = settings;
    this.clock = deps.clock;
    this.reminders = deps.store.collection<ReminderDoc>(REMINDERS);
    this.deadLetters = deps.store.collection<DeadLetterDoc>(REMINDER_DEAD_LETTERS);
    this.mono = deps.monotonicNow ?? Date.now;
    const window = options.sendWindow;
    this.deadlineAtMs = Math.min(this.mono() + (options.budgetMs ?? DEFAULT_BUDGET_MS), window?.toMs ?? Number.POSITIVE_INFINITY);
    const pacer = new ApiPacer({
      share: settings.apiShare,
      ceilings: settings.apiCeilingPerMin,
      workers: options.paceWorkers ?? 1,
      deadlineAtMs: this.deadlineAtMs,
      now: this.mono,
      ...(window && { sendWindowMs: window.toMs - window.fromMs }),
    });
    this.pacer = pacer;
    /**
     * An API wants more reminders while fewer are queued for it (for a token, or token in hand for a
     * place) than it sends in QUEUE_AHEAD_MS, at most a batch (an unpaced API: as places free up). One
     * that cannot give a token before the deadline wants none; the others still do.
     */
    this.intake = new Intake({
      maxHeld: settings.batchSize * MAX_HELD_BATCHES,
      wantsMore: (api, waiting) => !pacer.isOutOfTime(api) && waiting < Math.min(pacer.tokensIn(api, QUEUE_AHEAD_MS), settings.batchSize),
    });
    this.work = new Semaphore(settings.concurrency);
    this.shardFilter = options.shards ? { shard: { $in: [...options.shards] } } : {};
    this.report = {
      runId: this.runId,
      batches: 0,
      claimed: 0,
      sent: 0,
      byChannel: { kf: 0, subscribe_message: 0, mass_task: 0, app_message: 0 },
      deferred: 0,
      retried: 0,
      deadLettered: 0,
      cancelled: 0,
      uncertain: 0,
      released: 0,
      rateLimitSignals: 0,
      stoppedBy: 'drained',
    };
  }

  pastDeadline(): boolean {
    return this.mono() >= this.deadlineAtMs;
  }

  checkCrash(): void {
    if (this.crashed) throw new Crashed();
  }

  /** After a WeCom call delivered `count` reminders: the test and bench crash point. */
  afterSend(count: number): void {
    if (this.options.hooks?.afterSend?.(count)) this.crashed = true;
    this.checkCrash();
  }

  /**
   * No time left for this reminder: it keeps its lease and is released when the run ends, with the
   * API it was waiting for (`api`) if it got that far.
   */
  handBack(doc: ReminderDoc, api?: string): void {
    this.handedBack.push(api === undefined ? doc : { ...doc, routedApi: api });
    this.intake.keep();
  }

  /** One member record per run, however many of their reminders are due. */
  memberOf(id: string): Promise<Member | null> {
    let m = this.memberCache.get(id);
    if (!m) this.memberCache.set(id, (m = this.deps.members.get(id)));
    return m;
  }

  /**
   * Waits for a token of `api`, giving up the place meanwhile: otherwise every place would end up
   * queued behind the busiest API while the others, with tokens to spare, had nobody left to send.
   * A reminder holding its token gets the next free place before reminders not yet routed: the
   * token is a send slot of the API's pace, and spent late it is pace lost.
   */
  async waitForToken(api: string, doc?: ReminderDoc): Promise<void> {
    this.work.release();
    if (doc) this.intake.waitsFor(doc._id, api);
    try {
      await this.pacer.take(api);
    } finally {
      await this.work.acquire(true);
      if (doc) this.intake.doneWaiting(api);
    }
    // The token came in time, but the place to use it may not have; and WeCom may have blocked the API meanwhile.
    if (this.pastDeadline()) throw new DeadlineReached('no time left in this run');
    await this.pacer.whenOpen(api);
  }

  /** A rate-limit answer on `api`: that API alone waits out WeCom's block (60 s for 45009). */
  blockApi(api: string, delayMs: number): void {
    this.pacer.block(api, this.mono() + Math.max(0, delayMs));
  }
}
