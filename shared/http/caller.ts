import type { MiddlewareHandler } from 'hono';
import type { Principal } from '../domain/access/principal';
import { memberCallerKey } from '../services/access/member-writes';
import type { HttpContext, HttpVars } from './app';
import { principalFromHeaders, principalSecrets } from './principal';

/** The verified principal of this request, or the 401 its credential earns (thrown where a route needs a caller). */
export type Caller = { principal: Principal } | { refused: unknown };

type Ctx = Pick<HttpContext, 'get'>;

/**
 * Verifies the request's credential once (HMAC of the bearer token, or the internal key) and keeps
 * the outcome on the context, where the rate limits and the route handlers read it. Mounted by each
 * route group on its own prefix, before its limits. A refused credential does not stop the request
 * here: public routes under the prefix need none, and the route that needs one answers the 401.
 */
export function resolveCaller(deps: Parameters<typeof principalSecrets>[0]): MiddlewareHandler<{ Variables: HttpVars }> {
  const secrets = principalSecrets(deps);
  return async (c, next) => {
    let caller: Caller;
    try {
      caller = { principal: principalFromHeaders((n) => c.req.header(n), secrets) };
    } catch (err) {
      caller = { refused: err };
    }
    c.set('caller', caller);
    await next();
  };
}

function callerOf(c: Ctx): Caller {
  const caller = c.get('caller');
  if (!caller) throw new Error('resolveCaller is not mounted on this route');
  return caller;
}

/** The caller, or the 401 (`unauthorized`, `bad_internal_key`, `token_*`) its credential earned. */
export function principalOf(c: Ctx): Principal {
  const caller = callerOf(c);
  if ('refused' in caller) throw caller.refused;
  return caller.principal;
}

/** The caller when the credential verifies, else null (limits count; the route refuses with the 401). */
export function verifiedPrincipal(c: Ctx): Principal | null {
  const caller = callerOf(c);
  return 'principal' in caller ? caller.principal : null;
}

/**
 * Whom a per-caller limit counts: the verified principal (`member:<id>:<credential>`, `staff:<id>`,
 * `machine`), never the raw header — padding `Authorization` with spaces, or signing in again for a
 * fresh token, would otherwise be a new caller. A member's welcome link and own login count apart, so
 * whoever holds a forwarded link cannot use up the member's own allowance. `null` when the credential
 * does not verify (the route answers 401; the per-address limit still counts the request).
 */
export function callerKey(c: Ctx): string | null {
  const p = verifiedPrincipal(c);
  if (!p) return null;
  return p.kind === 'member' ? memberCallerKey(p) : p.kind === 'staff' ? `staff:${p.staffId}` : 'machine';
}
