import type { Action } from '../../domain/access/policy';
import type { Principal } from '../../domain/access/principal';
import type { CallOptions, PrivacyContext } from './deps';
import type { PrivacyRequestType } from './records';

/**
 * Authorizes a member-rights operation. Staff act only "on a verified request": `privacyRequestId`
 * must name the member's own pending request of this type (requests.ts); then, and only then,
 * authorize hears `verifiedRequest` and the policy's `on_request` grant (ops admins) can apply. A
 * request id that is unknown, someone else's, of another type or expired is refused exactly like no
 * request at all, and exactly like an unknown member (403 no_verified_request), so neither request
 * ids nor member ids can be probed. Returns whether a verified request was used.
 */
export async function gateMemberRight(
  ctx: PrivacyContext,
  principal: Principal,
  action: Action,
  memberId: string,
  type: PrivacyRequestType,
  privacyRequestId: string | undefined,
  o: CallOptions,
): Promise<boolean> {
  const verified =
    principal.kind === 'staff' && privacyRequestId !== undefined
      ? await ctx.requests.verifies(privacyRequestId, memberId, type, ctx.deps.clock.nowMs())
      : false;
  await ctx.deps.authorize(principal, action, memberId, { ...(o.requestId && { requestId: o.requestId }), ...(verified && { verifiedRequest: true }) });
  return verified;
}
