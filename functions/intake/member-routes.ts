import { ValidationError } from '../../shared/errors';
import type { Principal } from '../../shared/domain/access/principal';

/**
 * Whose record a write is about: a member writes their own; staff (a clinician entering data for a
 * member) and machines name the member with `?memberId=`. The policy decides whether they may.
 */
export function subjectMemberId(principal: Principal, queryMemberId: string | undefined): string {
  if (queryMemberId) return queryMemberId;
  if (principal.kind === 'member') return principal.memberId;
  throw new ValidationError('memberId is required for staff and machine callers', [{ field: 'memberId', message: 'required (query parameter)' }]);
}
