import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../runtime/deps';
import { chargeMemberWrite } from '../services/access/member-writes';
import { RateLimitedError, windowCounter } from '../services/access/windows';
import { verifiedPrincipal } from './principal';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Member writes on a function's routes, limited per member (and credential) and per client address
 * (services/access/member-writes.ts); 429 with `Retry-After`. Staff and machine callers are not
 * counted here, nor reads; a credential that does not verify is refused by the route (401).
 */
export function memberWriteLimits(deps: Pick<AppDeps, 'store' | 'clock' | 'config'>): MiddlewareHandler {
  const count = windowCounter(deps);
  const secrets = { signingSecret: deps.config.TOKEN_SIGNING_SECRET, internalKey: deps.config.INTERNAL_API_KEY, nowMs: () => deps.clock.nowMs() };
  return async (c, next) => {
    if (WRITES.has(c.req.method)) {
      const p = verifiedPrincipal((n) => c.req.header(n), secrets);
      if (p?.kind === 'member') {
        try {
          await chargeMemberWrite(count, p, c.req.header('x-client-ip') ?? 'unknown');
        } catch (err) {
          if (err instanceof RateLimitedError) c.header('retry-after', String(err.retryAfterS));
          throw err;
        }
      }
    }
    await next();
  };
}
