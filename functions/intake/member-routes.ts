import { ValidationError } from '../../shared/errors';
import type { Principal } from '../../shared/domain/access/principal';
import type { Action } from '../../shared/domain/access/policy';
import type { HttpContext } from '../../shared/http/app';
import { principalOf } from '../../shared/http/caller';
import type { Authorize } from '../../shared/services/access/authorize';

/**
 * Whose record a write is about: a member writes their own; staff (a clinician entering data for a
 * member) and machines name the member with `?memberId=`. The policy decides whether they may.
 */
export function subjectMemberId(principal: Principal, queryMemberId: string | undefined): string {
  if (queryMemberId) return queryMemberId;
  if (principal.kind === 'member') return principal.memberId;
  throw new ValidationError('memberId is required for staff and machine callers', [{ field: 'memberId', message: 'required (query parameter)' }]);
}

/** Where a route finds the member it is about: the caller's own login, `?memberId=` (subjectMemberId) or `:memberId`. */
export type SubjectFrom = 'own' | 'query' | 'path';

/**
 * The caller, the member the request is about and its request id, once the policy allowed `action` on that member
 * (authorize audits the decision and throws the 403).
 */
export async function authorizedSubject(
  c: HttpContext,
  authorize: Authorize,
  action: Action,
  from: SubjectFrom,
): Promise<{ principal: Principal; memberId: string; requestId: string }> {
  const principal = principalOf(c);
  const memberId = from === 'path' ? (c.req.param('memberId') ?? '') : subjectMemberId(principal, from === 'query' ? c.req.query('memberId') : undefined);
  const requestId = c.get('requestId');
  await authorize(principal, action, memberId, { requestId });
  return { principal, memberId, requestId };
}
