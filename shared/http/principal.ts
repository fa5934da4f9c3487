import { UnauthorizedError, AppError } from '../errors';
import { verifyToken, verifyInternalKey } from '../adapters/auth/tokens';
import type { Principal } from '../domain/access/principal';
import { memberCallerKey } from '../services/access/member-writes';

export interface PrincipalSecrets {
  signingSecret: string;
  internalKey: string;
  nowMs: () => number;
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

/**
 * Whom a per-caller limit counts: the verified principal (`member:<id>:<credential>`, `staff:<id>`,
 * `machine`), never the raw header — padding `Authorization` with spaces, or signing in again for a
 * fresh token, would otherwise be a new caller. A member's welcome link and own login count apart, so
 * whoever holds a forwarded link cannot use up the member's own allowance. `null` when the credential does not verify (the route answers
 * 401; the per-address limit still counts the request).
 */
export function principalKey(header: (name: string) => string | undefined, secrets: PrincipalSecrets): string | null {
  const p = verifiedPrincipal(header, secrets);
  if (!p) return null;
  return p.kind === 'member' ? memberCallerKey(p) : p.kind === 'staff' ? `staff:${p.staffId}` : 'machine';
}

/** The caller when the credential verifies, else null (for limits; routes refuse with the 401). */
export function verifiedPrincipal(header: (name: string) => string | undefined, secrets: PrincipalSecrets): Principal | null {
  try {
    return principalFromHeaders(header, secrets);
  } catch {
    return null;
  }
}
