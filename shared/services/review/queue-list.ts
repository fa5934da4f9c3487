import { decide, POLICY } from '../../domain/access/policy';
import { relationOf, type Principal } from '../../domain/access/principal';
import type { RequestContext, ReviewQueueDeps } from './queue';
import { OUTBOUND_REVIEWS, type OutboundReview } from './records';
import { reviewView, type ReviewView } from './review-view';

/** A reviewer's list: at most this many texts, read from the store this many at a time, scanning at most LIST_MAX_SCANNED. */
const LIST_LIMIT = 200;
const LIST_PAGE = 200;
const LIST_MAX_SCANNED = 10_000;

/** Whether the policy lets this principal decide on this member's texts, asked without a denial on record. */
async function mayReview(deps: ReviewQueueDeps, principal: Principal, memberId: string): Promise<boolean> {
  const member = await deps.members.get(memberId);
  return decide(principal, 'outbound.review', relationOf(principal, { memberId, team: member?.team ?? {} })).allow;
}

/**
 * Held texts this reviewer may decide on (or, with `flagged`, texts sent with wording kept for a
 * second look), oldest first; each one shown is an audited read.
 */
export async function listReviews(deps: ReviewQueueDeps, principal: Principal, rc: RequestContext, status: 'held' | 'flagged'): Promise<ReviewView[]> {
  const reviews = deps.store.collection<OutboundReview>(OUTBOUND_REVIEWS);
  if (principal.kind !== 'staff' || !POLICY['outbound.review'].grants[principal.role as keyof (typeof POLICY)['outbound.review']['grants']]) {
    await deps.authorize(principal, 'outbound.review', undefined, rc); // throws, audited
    return [];
  }
  // Granted per member (a family doctor for their own members): each text shown is authorised and audited below.
  await deps.staffSessions(principal);
  // Oldest first, page after page, until this reviewer's list is full: texts of other teams'
  // members ahead in the queue do not hide a family doctor's own (bounded by LIST_MAX_SCANNED).
  const out: ReviewView[] = [];
  const allowed = new Map<string, boolean>();
  let after: { createdAtMs: number; _id: string } | null = null;
  for (let scanned = 0; out.length < LIST_LIMIT && scanned < LIST_MAX_SCANNED; ) {
    const filter: Parameters<typeof reviews.find>[0] = after
      ? { status, $or: [{ createdAtMs: { $gt: after.createdAtMs } }, { createdAtMs: after.createdAtMs, _id: { $gt: after._id } }] }
      : { status };
    const page = await reviews.find(filter, { sort: { createdAtMs: 1, _id: 1 }, limit: LIST_PAGE });
    scanned += page.length;
    for (const r of page) {
      if (out.length >= LIST_LIMIT) break;
      if (!allowed.has(r.memberId)) allowed.set(r.memberId, await mayReview(deps, principal, r.memberId));
      if (!allowed.get(r.memberId)) continue;
      await deps.authorize(principal, 'outbound.review', r.memberId, rc);
      out.push(reviewView(deps.cipher, r));
    }
    const last = page.at(-1);
    if (page.length < LIST_PAGE || !last) break;
    after = { createdAtMs: last.createdAtMs, _id: last._id };
  }
  return out;
}
