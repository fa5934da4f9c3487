import type { Channel } from '../../domain/reminders/channel-router';
import { MINUTE_MS } from '../../domain/reminders/shanghai-time';
import { DeadlineReached } from './throttle';

/** The API each channel calls, named as the WeCom client names it (RateLimitEvent.api). */
export const CHANNEL_API: Record<Channel, string> = {
  kf: 'kf/send_msg',
  subscribe_message: 'wechat/subscribe/send',
  mass_task: 'externalcontact/add_msg_template',
  app_message: 'message/send',
};

/**
 * Published per-minute ceilings. WeCom (访问频率限制 90454): "每企业调用单个cgi/api不可超过1万次/分"
 * for every API, then "按分钟拦截则被屏蔽60秒". WeChat publishes no per-minute figure for
 * subscribeMessage.send in our reference; it is paced like a WeCom API (the sandbox enforces the same).
 */
export const API_CEILING_PER_MIN: Record<string, number> = {
  'kf/send_msg': 10_000,
  'wechat/subscribe/send': 10_000,
  'externalcontact/add_msg_template': 10_000,
  'message/send': 10_000,
};
/** WeCom's per-API figure, for an API the table does not name. */
const DEFAULT_CEILING_PER_MIN = 10_000;

/** Blocks up to this long are waited out; longer ones put the reminder off (ApiPacer.whenOpen). */
const SHORT_BLOCK_MS = 5_000;

/** The API is blocked by a rate-limit answer until `untilMs` (on the pacer's clock). */
export class ApiBlocked extends Error {
  override readonly name = 'ApiBlocked';
  constructor(
    readonly api: string,
    readonly untilMs: number,
  ) {
    super(`${api} is rate-limited`);
  }
}

export interface PacerOptions {
  /** Fraction of each ceiling this deployment's reminders may use (the rest is left to other callers). */
  share: number;
  /** Runs dispatching at the same time (fan-out workers): each gets 1/workers of the share. */
  workers: number;
  /** Waiting for a token never reaches past this instant (on `now`'s clock). */
  deadlineAtMs: number;
  /**
   * How much of each minute this run's calls are confined to (a timer run's SendWindow): the run
   * spends its per-minute share inside it. Without it the share is spread over the whole minute,
   * which keeps any 60 s under the share for a run of any length or start.
   */
  sendWindowMs?: number;
  now: () => number;
  ceilings?: Record<string, number>;
  sleep?: (ms: number) => Promise<void>;
}

interface Bucket {
  perMinute: number;
  perMs: number;
  capacity: number;
  /** Tokens available minus those already promised to waiting callers (may be negative). */
  tokens: number;
  atMs: number;
  blockedUntilMs: number;
}

/**
 * One token bucket per API, shared by every concurrent send of a run. A bucket refills at
 * share × ceiling / workers per sending window (a minute, or the part of the minute a timer run sends
 * in) and holds at most one second of tokens (never more than the headroom the share leaves), so in
 * any 60 s a run stays under its part of the ceiling even when it starts full. A rate-limit answer
 * blocks only its API; the others keep their pace.
 */
export class ApiPacer {
  private readonly buckets = new Map<string, Bucket>();
  private readonly sleep: (ms: number) => Promise<void>;
  rateLimitSignals = 0;
  /** APIs a caller was refused on because its token would only come after the deadline. */
  private readonly outOfTime = new Set<string>();

  constructor(private readonly options: PacerOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /**
   * Takes one call's token for `api`, waiting for it if needed. Throws DeadlineReached when the wait
   * would pass the deadline (the token is given back) and ApiBlocked while the API is blocked.
   */
  async take(api: string): Promise<void> {
    const b = this.bucket(api);
    await this.whenOpen(api);
    const now = this.options.now();
    if (now >= this.options.deadlineAtMs) {
      this.outOfTime.add(api);
      throw new DeadlineReached('no time left in this run');
    }
    this.refill(b, now);
    b.tokens -= 1;
    if (b.tokens >= 0) return;
    const waitMs = Math.ceil(-b.tokens / b.perMs);
    if (now + waitMs >= this.options.deadlineAtMs) {
      b.tokens += 1;
      this.outOfTime.add(api);
      throw new DeadlineReached('no send slot before the deadline');
    }
    await this.sleep(waitMs);
    try {
      await this.whenOpen(api);
    } catch (err) {
      b.tokens += 1;
      throw err;
    }
  }

  /**
   * Resolves once `api` is not blocked. A short block (the client's own retry of a 45033, a few
   * seconds) that ends before the deadline is waited out; a longer one (45009: WeCom's 60 s) throws
   * ApiBlocked, so the caller puts the reminder off instead of holding on to it.
   */
  async whenOpen(api: string): Promise<void> {
    for (;;) {
      const until = this.buckets.get(api)?.blockedUntilMs ?? 0;
      const now = this.options.now();
      if (until <= now) return;
      if (until - now > SHORT_BLOCK_MS || until >= this.options.deadlineAtMs) throw new ApiBlocked(api, until);
      await this.sleep(until - now);
    }
  }

  /** A token taken for `api` that was not used for a call (the reminder was put off first): the next caller may have it. */
  refund(api: string): void {
    const b = this.bucket(api);
    b.tokens = Math.min(b.capacity, b.tokens + 1);
  }

  /** WeCom answered "rate limited" for `api`: no call to it before `untilMs`. */
  block(api: string, untilMs: number): void {
    this.rateLimitSignals += 1;
    const b = this.bucket(api);
    b.blockedUntilMs = Math.max(b.blockedUntilMs, untilMs);
  }

  /** Whether some API is blocked right now (the run ended because what was left waits for one). */
  anyBlocked(): boolean {
    const now = this.options.now();
    return [...this.buckets.values()].some((b) => b.blockedUntilMs > now);
  }

  /** Whether a call to `api` was refused for want of time: every later one would be too (tokens come in order). */
  isOutOfTime(api: string): boolean {
    return this.outOfTime.has(api);
  }

  /** Calls this run allows itself on `api` per minute (all inside its sending window). */
  ratePerMinute(api: string): number {
    return this.bucket(api).perMinute;
  }

  /** Tokens `api` gains in `ms` of its sending window. */
  tokensIn(api: string, ms: number): number {
    return this.bucket(api).perMs * ms;
  }

  private bucket(api: string): Bucket {
    let b = this.buckets.get(api);
    if (!b) {
      const ceiling = (this.options.ceilings ?? API_CEILING_PER_MIN)[api] ?? DEFAULT_CEILING_PER_MIN;
      const workers = Math.max(1, this.options.workers);
      const perMinute = (ceiling * this.options.share) / workers;
      const headroom = (ceiling * (1 - this.options.share)) / workers;
      const windowMs = Math.min(MINUTE_MS, Math.max(1000, this.options.sendWindowMs ?? MINUTE_MS));
      const perMs = perMinute / windowMs;
      const capacity = Math.max(1, Math.min(perMs * 1000, headroom));
      b = { perMinute, perMs, capacity, tokens: capacity, atMs: this.options.now(), blockedUntilMs: 0 };
      this.buckets.set(api, b);
    }
    return b;
  }

  private refill(b: Bucket, now: number): void {
    b.tokens = Math.min(b.capacity, b.tokens + (now - b.atMs) * b.perMs);
    b.atMs = now;
  }
}
