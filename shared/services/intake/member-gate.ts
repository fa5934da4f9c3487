import { ConflictError, NotFoundError } from '../../errors';
import { MEMBERS, type Member } from '../members/member';
import { consentWithdrawn } from '../access/refusals';
import { ownConsent } from './own-consent';
import type { IntakeDeps } from './deps';

/**
 * The member a new health record (reading, exam report) is about, if we may store it: an erased
 * member answers 404 like an unknown one (as everywhere: the id is refused, nothing about it
 * revealed); a member who withdrew the health-data consent answers 409 `consent_withdrawn`
 * (as gap analysis does) — nothing is stored until they consent again through the health form; a
 * member who never gave it themself (PIPL art. 29: sensitive data needs the individual's separate
 * consent) answers 409 `consent_required` — whoever submits the record.
 */
export async function memberForHealthRecord(deps: Pick<IntakeDeps, 'store'>, memberId: string): Promise<Member> {
  const member = await deps.store.collection<Member>(MEMBERS).get(memberId);
  if (!member || member.status === 'erased') throw new NotFoundError('member');
  if (member.status === 'consent_withdrawn') throw consentWithdrawn();
  if (!(await ownConsent(deps.store, memberId))) throw consentRequired();
  return member;
}

export const consentRequired = () =>
  new ConflictError('consent_required', 'the member has not consented to processing health data; the member must submit the health form with consent first');
