import { actorFromPrincipal } from '../access/actor';
import type { Principal } from '../../domain/access/principal';
import type { CallOptions, PrivacyContext } from './deps';
import type { PrivacyRequestType } from './records';
import { ACTION_FOR_REQUEST, requestView, type PrivacyRequestView } from './requests';
import type { RequestQueueQuery } from './schemas';

/**
 * The member asks for an export, erasure or consent withdrawal to be carried out by ops (for members
 * who cannot or would rather not press the button themselves, e.g. through customer service). The
 * request is the verification: only the member's own credentials (signed link or mini-program
 * session) can create one — the policy action of the request type grants `self`, and ops need the
 * request to act, so they can never make one. Asking again while one is pending returns it.
 */
export async function openPrivacyRequest(
  ctx: PrivacyContext,
  principal: Principal,
  memberId: string,
  type: PrivacyRequestType,
  o: CallOptions = {},
): Promise<{ request: PrivacyRequestView; created: boolean }> {
  await ctx.deps.authorize(principal, ACTION_FOR_REQUEST[type], memberId, { ...(o.requestId && { requestId: o.requestId }) });
  const actor = actorFromPrincipal(principal);
  const { request, created } = await ctx.requests.open(memberId, type, actor, ctx.deps.clock.nowMs());
  if (created) {
    await ctx.deps.audit.append({ actor, action: 'privacy.request', subjectMemberId: memberId, outcome: 'done', ...(o.requestId && { requestId: o.requestId }), meta: { privacyRequestId: request._id, type } });
  }
  return { request: requestView(request), created };
}

/** The member's own requests; ops may read them too (oversight, like the audit trail). */
export async function listPrivacyRequests(ctx: PrivacyContext, principal: Principal, memberId: string, o: CallOptions = {}): Promise<PrivacyRequestView[]> {
  await ctx.deps.authorize(principal, 'audit.read', memberId, { ...(o.requestId && { requestId: o.requestId }) });
  return (await ctx.requests.listForMember(memberId)).map(requestView);
}

/** Ops' work queue across members, oldest first: ids, types and deadlines only. */
export async function privacyRequestQueue(ctx: PrivacyContext, principal: Principal, q: RequestQueueQuery, o: CallOptions = {}): Promise<PrivacyRequestView[]> {
  await ctx.deps.authorize(principal, 'audit.read', undefined, { ...(o.requestId && { requestId: o.requestId }) });
  return (await ctx.requests.queue(q.status, q.limit)).map(requestView);
}
