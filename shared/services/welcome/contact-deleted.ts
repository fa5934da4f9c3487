import type { ExternalContactEvent } from '../../ports/wecom-callback-events';
import type { AppDeps } from '../../runtime/deps';
import { memberIdForExternalUser } from '../members/member';
import { createMemberRepository, type MemberRepository } from '../members/member-repository';
import { recordLeft } from './join-outcomes';

/**
 * del_follow_user: the customer deleted a staff member. When it is the staff member whose code brought
 * them in (`addedBy`), the membership's own contact is gone and the member counts as having left
 * (retention, docs/prd.md §8.1 留存率); deleting another team member's contact does not. Nothing else
 * changes: the member stays a member until they ask for erasure, and a re-add is a join again.
 */
export async function handleContactDeleted(deps: Pick<AppDeps, 'config' | 'store' | 'log'> & { members?: MemberRepository }, event: ExternalContactEvent): Promise<{ left: boolean }> {
  const memberId = memberIdForExternalUser(deps.config.WECOM_CORP_ID, event.externalUserId);
  const member = await (deps.members ?? createMemberRepository(deps.store)).get(memberId);
  if (!member || member.status === 'erased' || member.addedBy !== event.userId) return { left: false };
  const atMs = event.createTimeS * 1000;
  await recordLeft(deps.store, memberId, `contact:${event.userId}:${event.createTimeS}`, atMs, 'contact_deleted');
  deps.log.info('member deleted the contact they joined through', { memberId });
  return { left: true };
}
