/**
 * When a dispatch run claims its next batch. Batches overlap: the next one is claimed as soon as
 * every reminder claimed so far knows which API it needs (it waits for that API's token, or is done)
 * and some API that reminders used in this run could take more. Waiting for a whole batch instead
 * would tie every API to the slowest: in a batch that is half kf and 40 % subscription messages, the
 * subscription API idled while kf worked through its larger half.
 */
export interface IntakeOptions {
  /** Claimed reminders not yet done, at most (leases held, documents in memory). */
  maxHeld: number;
  /** Whether `api`, with `waiting` reminders queued for its token, could use more reminders now. */
  wantsMore(api: string, waiting: number): boolean;
}

export class Intake {
  /** Claimed reminders that do not know their API yet. */
  private readonly routing = new Set<string>();
  /** Reminders queued for an API (its token, then a place to send), per API; an API appears once a reminder needed it in this run. */
  private readonly waiting = new Map<string, number>();
  private held = 0;
  private wakers: (() => void)[] = [];

  constructor(private readonly options: IntakeOptions) {}

  claimed(ids: readonly string[]): void {
    for (const id of ids) this.routing.add(id);
    this.held += ids.length;
  }

  /** The reminder reached its API's token queue. */
  waitsFor(id: string, api: string): void {
    this.routing.delete(id);
    this.waiting.set(api, (this.waiting.get(api) ?? 0) + 1);
    this.wake();
  }

  /** It left the queue (it sends now, or was refused). */
  doneWaiting(api: string): void {
    this.waiting.set(api, Math.max(0, (this.waiting.get(api) ?? 0) - 1));
    this.wake();
  }

  /** Nothing more to do for it in this run (sent, deferred, queued for a mass task, handed back). */
  done(id: string): void {
    this.routing.delete(id);
    this.held -= 1;
    this.wake();
  }

  /** A reminder done with (`done`) still holds its lease until the run ends: it counts as held. */
  keep(): void {
    this.held += 1;
  }

  /** Claimed reminders set aside before routing (RunLoop's parked ones): `n` more (or fewer) held. */
  hold(n: number): void {
    this.held += n;
  }

  /** Whether `api` could use `extra` more reminders on top of those queued for it now. */
  wants(api: string, extra = 0): boolean {
    return this.options.wantsMore(api, (this.waiting.get(api) ?? 0) + extra);
  }

  /** Whether the claims so far all know their API, so the queues tell what the APIs need. */
  settled(): boolean {
    return this.routing.size === 0;
  }

  /** Whether another batch may be held at all (the cap on claimed reminders). */
  hasRoom(): boolean {
    return this.held < this.options.maxHeld;
  }

  /** Whether claiming another batch would feed an API that needs it. A run with no API seen yet claims. */
  hungry(): boolean {
    if (!this.hasRoom()) return false;
    if (this.waiting.size === 0) return true;
    return [...this.waiting].some(([api, n]) => this.options.wantsMore(api, n));
  }

  /** Resolves at the next change of any count. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.wakers.push(resolve));
  }

  /** Something outside the counts changed (a batch or a mass task finished). */
  wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const w of wakers) w();
  }
}
