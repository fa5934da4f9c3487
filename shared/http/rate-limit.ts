import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors';
import type { Clock } from '../ports/clock';
import type { Doc, DocumentStore } from '../ports/document-store';

export const RATE_LIMIT_COLLECTION = 'rate_limits';

interface Window extends Doc {
  count: number;
  expireAt: Date;
}

export class RateLimitedError extends AppError {
  override readonly name = 'RateLimitedError';
  constructor(readonly retryAfterS: number) {
    super('rate_limited', `too many requests; retry after ${retryAfterS} s`, 429, { retryAfterS });
  }
}

export interface RateLimitOptions {
  store: DocumentStore;
  clock: Clock;
  /** Names the limit, so two route groups do not share counters. */
  name: string;
  limit: number;
  windowS: number;
  /** Who is counted; defaults to the client IP the gateway reports. */
  key?: (header: (name: string) => string | undefined) => string;
}

/**
 * Fixed-window request limit kept in the store, so every function instance counts together
 * (per-instance memory would let a caller multiply its allowance by the instance count).
 * Windows expire by TTL. The key is hashed into the id; no IP is stored in the clear.
 */
export function rateLimit(opts: RateLimitOptions): MiddlewareHandler {
  const windows = opts.store.collection<Window>(RATE_LIMIT_COLLECTION);
  let indexed: Promise<void> | undefined;
  return async (c, next) => {
    indexed ??= windows.ensureIndex({ fields: ['expireAt'], expireAfterSeconds: 0 }).catch((err: unknown) => {
      indexed = undefined; // retried by the next request instead of failing every request from now on
      throw err;
    });
    await indexed;
    const nowMs = opts.clock.nowMs();
    const windowStart = Math.floor(nowMs / (opts.windowS * 1000)) * opts.windowS * 1000;
    const who = (opts.key ?? ((h) => h('x-client-ip') ?? 'unknown'))((n) => c.req.header(n));
    const id = `${opts.name}:${windowStart}:${createHash('sha256').update(who).digest('base64url').slice(0, 22)}`;
    await windows.updateOne({ _id: id }, { $inc: { count: 1 }, $setOnInsert: { expireAt: new Date(windowStart + opts.windowS * 2000) } }, { upsert: true });
    const current = await windows.get(id);
    if ((current?.count ?? 0) > opts.limit) {
      const retryAfterS = Math.max(1, Math.ceil((windowStart + opts.windowS * 1000 - nowMs) / 1000));
      c.header('retry-after', String(retryAfterS));
      throw new RateLimitedError(retryAfterS);
    }
    await next();
  };
}
