/** Raised when waiting for a send slot would run past the run's deadline. */
export class DeadlineReached extends Error {
  override readonly name = 'DeadlineReached';
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

/**
 * At most `limit` holders at once; waiters are served first come, first served, those asking
 * `first` ahead of the others.
 */
export class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];
  private readonly firstWaiters: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async acquire(first = false): Promise<void> {
    if (this.active < Math.max(1, this.limit)) {
      this.active += 1;
      return;
    }
    // The releaser hands its place over directly, so `active` stays counted.
    await new Promise<void>((resolve) => (first ? this.firstWaiters : this.waiters).push(resolve));
  }

  release(): void {
    const next = this.firstWaiters.shift() ?? this.waiters.shift();
    if (next) next();
    else this.active -= 1;
  }

  /** Runs `fn` holding a place. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }
}
