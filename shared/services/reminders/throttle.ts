/** Raised when waiting for a send slot would run past the run's deadline. */
export class DeadlineReached extends Error {
  override readonly name = 'DeadlineReached';
}

/**
 * Gate in front of WeCom calls for one dispatch run: at most `limit` calls at once; a rate-limit
 * signal halves the limit and pauses new calls for the delay WeCom imposes, so the run slows down
 * as a whole instead of failing reminders one by one; successes raise the limit again by one.
 */
export class SendThrottle {
  private active = 0;
  private limit: number;
  private pausedUntilMs = 0;
  private successesSinceCut = 0;
  private waiters: (() => void)[] = [];
  rateLimitSignals = 0;

  constructor(
    private readonly maxLimit: number,
    private readonly deadlineAtMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.limit = Math.max(1, maxLimit);
  }

  get currentLimit(): number {
    return this.limit;
  }

  onRateLimit(delayMs: number): void {
    this.rateLimitSignals += 1;
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.successesSinceCut = 0;
    this.pausedUntilMs = Math.max(this.pausedUntilMs, this.now() + Math.max(0, delayMs));
  }

  /** True when a pause already reaches past the deadline: stop taking work. */
  get exhausted(): boolean {
    return this.pausedUntilMs >= this.deadlineAtMs || this.now() >= this.deadlineAtMs;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      const result = await fn();
      this.successesSinceCut += 1;
      if (this.limit < this.maxLimit && this.successesSinceCut >= this.limit) {
        this.limit += 1;
        this.successesSinceCut = 0;
      }
      return result;
    } finally {
      this.active -= 1;
      this.wake();
    }
  }

  private async acquire(): Promise<void> {
    for (;;) {
      if (this.exhausted) throw new DeadlineReached('no time left in this run');
      const waitMs = this.pausedUntilMs - this.now();
      if (waitMs > 0) {
        await new Promise((r) => setTimeout(r, Math.min(waitMs, 1000)));
        continue;
      }
      if (this.active < this.limit) {
        this.active += 1;
        return;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private wake(): void {
    const next = this.waiters.shift();
    next?.();
  }
}

/** Runs `fn` over `items` with at most `concurrency` at once; results in input order. */
export async function mapPool<T, R>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  });
  await Promise.all(workers);
  return out;
}
