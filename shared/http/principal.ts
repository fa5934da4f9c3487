import { UnauthorizedError, AppError } from '../errors';
import { verifyToken, verifyInternalKey } from '../adapters/auth/tokens';
import type { Principal } from '../domain/access/principal';
import type { Env } from '../config';
import type { Clock } from '../ports/clock';

export interface PrincipalSecrets {
  signingSecret: string;
  internalKey: string;
  nowMs: () => number;
}

/** What verifying a caller needs, taken from the function's configuration and clock. */
export function principalSecrets(deps: { config: Pick<Env, 'TOKEN_SIGNING_SECRET' | 'INTERNAL_API_KEY'>; clock: Clock }): PrincipalSecrets {
  return { signingSecret: deps.config.TOKEN_SIGNING_SECRET, internalKey: deps.config.INTERNAL_API_KEY, nowMs: () => deps.clock.nowMs() };
}

/**
 * Who is calling an HTTP route:
 * - `X-Internal-Key`: another function or a timer (machine; never a staff role);
 * - `Authorization: Bearer <token>`: a staff session (from WeCom OAuth) or a member's signed link
 *   token (from the welcome message) or mini-program session. The member principal says which
 *   (`credential`): the policy limits a link token to the health-form flow.
 */
export function principalFromHeaders(header: (name: string) => string | undefined, secrets: PrincipalSecrets): Principal {
  const internal = header('x-internal-key');
  if (internal !== undefined) {
    if (!verifyInternalKey(secrets.internalKey, internal)) throw new UnauthorizedError('bad_internal_key', 'internal key rejected');
    return { kind: 'machine', id: header('x-caller') ?? 'internal' };
  }
  const auth = header('authorization');
  const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
  if (!token) throw new UnauthorizedError('unauthorized', 'a bearer token is required');
  const nowMs = secrets.nowMs();
  try {
    const staff = verifyToken(secrets.signingSecret, token, { aud: 'staff-session', nowMs });
    return { kind: 'staff', staffId: staff.sub, role: staff.role, rosterVersion: staff.rv ?? 0 };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'token_wrong_audience') throw err;
  }
  try {
    return { kind: 'member', memberId: verifyToken(secrets.signingSecret, token, { aud: 'member-link', nowMs }).sub, credential: 'member-link' };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'token_wrong_audience') throw err;
  }
  return { kind: 'member', memberId: verifyToken(secrets.signingSecret, token, { aud: 'mini-program', nowMs }).sub, credential: 'mini-program' };
}
