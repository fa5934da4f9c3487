import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../runtime/deps';
import { chargeMemberWrite } from '../services/access/member-writes';
import { RateLimitedError, windowCounter } from '../services/access/windows';
import type { HttpVars } from './app';
import { verifiedPrincipal } from './caller';
import { clientAddress } from './rate-limit';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Member writes on a function's routes, limited per member (and credential) and per client address
 * (services/access/member-writes.ts); 429 with `Retry-After`. Staff and machine callers are not
 * counted here, nor reads; a credential that does not verify is refused by the route (401). Reads
 * the caller resolveCaller verified, so it is mounted after it.
 */
export function memberWriteLimits(deps: Pick<AppDeps, 'store' | 'clock'>): MiddlewareHandler<{ Variables: HttpVars }> {
  const count = windowCounter(deps);
  return async (c, next) => {
    if (WRITES.has(c.req.method)) {
      const p = verifiedPrincipal(c);
      if (p?.kind === 'member') {
        try {
          await chargeMemberWrite(count, p, clientAddress(c));
        } catch (err) {
          if (err instanceof RateLimitedError) c.header('retry-after', String(err.retryAfterS));
          throw err;
        }
      }
    }
    await next();
  };
}
