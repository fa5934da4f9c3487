import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../ports/clock';
import type { DocumentStore } from '../ports/document-store';
import { RateLimitedError, windowCounter } from '../services/access/windows';
import type { HttpContext, HttpVars } from './app';

export interface RateLimitOptions {
  store: DocumentStore;
  clock: Clock;
  /** Names the limit, so two route groups do not share counters. */
  name: string;
  limit: number;
  windowS: number;
  /**
   * Who is counted; defaults to the client IP the gateway reports. `null`: not counted by this limit
   * (a credential that does not verify is left to the per-address limit; the route refuses it).
   */
  key?: (c: HttpContext) => string | null;
}

/** Fixed-window request limit kept in the store (windows.ts); over it, 429 with `Retry-After`. */
export function rateLimit(opts: RateLimitOptions): MiddlewareHandler<{ Variables: HttpVars }> {
  const count = windowCounter(opts);
  return async (c, next) => {
    const who = opts.key ? opts.key(c) : clientAddress(c);
    if (who !== null) {
      const { count: n, closesInS } = await count(opts.name, who, opts.windowS);
      if (n > opts.limit) {
        c.header('retry-after', String(closesInS));
        throw new RateLimitedError(closesInS);
      }
    }
    await next();
  };
}

/** The client IP the gateway reports (`x-client-ip`). */
export const clientAddress = (c: { req: { header(name: string): string | undefined } }): string => c.req.header('x-client-ip') ?? 'unknown';
