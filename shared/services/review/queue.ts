import type { FieldCipher } from '../../ports/field-cipher';
import type { Principal } from '../../domain/access/principal';
import type { AuditLog } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import type { DocumentStore } from '../../ports/document-store';
import type { Authorize } from '../access/authorize';
import type { MemberRepository } from '../members/member-repository';
import type { StaffSessionCheck } from '../identity/session-check';
import { checkReview, loadReview, rejectReview, releaseReview } from './queue-decisions';
import { listReviews } from './queue-list';
import { OUTBOUND_REVIEWS, type OutboundReview, type ReviewChannel } from './records';
import { reviewView, type ReviewView } from './review-view';

export interface RequestContext {
  requestId?: string;
}

export type Delivery = NonNullable<OutboundReview['delivery']>;

/**
 * What each channel does with a decision: `release` sends the text through the channel it was
 * going to (called once per review: the release is claimed before it runs); `rejected` tells the author.
 */
export interface ReviewChannelHandler {
  release(review: OutboundReview, text: string): Promise<Delivery>;
  rejected?(review: OutboundReview, reasonZh: string, reviewerId: string): Promise<void>;
}

export interface ReviewQueueDeps {
  store: DocumentStore;
  cipher: FieldCipher;
  clock: Clock;
  audit: AuditLog;
  authorize: Authorize;
  members: MemberRepository;
  staffSessions: StaffSessionCheck;
}

/**
 * The human queue: texts the outbound review held, decided by a reviewer (policy `outbound.review`:
 * the member's family doctor, or a compliance reviewer). Release sends the text through its own
 * channel exactly once — the held → released change is a compare-and-set, so a second click, a retry
 * or a concurrent reviewer sends nothing more; reject keeps it from the member for good and tells the
 * author why. Nobody decides on a text they wrote. Every decision is audited with the rules it hit.
 */
export function createReviewQueue(deps: ReviewQueueDeps, channels: Partial<Record<ReviewChannel, ReviewChannelHandler>>) {
  return {
    /**
     * Held texts this reviewer may decide on (or, with `flagged`, texts sent with wording kept for a
     * second look), oldest first; each one shown is an audited read.
     */
    list: (principal: Principal, rc: RequestContext = {}, status: 'held' | 'flagged' = 'held'): Promise<ReviewView[]> => listReviews(deps, principal, rc, status),

    async get(principal: Principal, id: string, rc: RequestContext = {}): Promise<ReviewView> {
      return reviewView(deps.cipher, await loadReview(deps, principal, id, rc));
    },

    release: (principal: Principal, id: string, rc: RequestContext = {}) => releaseReview(deps, channels, principal, id, rc),
    reject: (principal: Principal, id: string, reasonZh: string, rc: RequestContext = {}) => rejectReview(deps, channels, principal, id, reasonZh, rc),

    /**
     * A flagged text (already sent) looked at again: it leaves the 待复查 list, with who checked it and
     * when, audited like a decision. A second click answers `replayed`; the author cannot check their own.
     */
    check: (principal: Principal, id: string, rc: RequestContext = {}) => checkReview(deps, principal, id, rc),
  };
}

export type ReviewQueue = ReturnType<typeof createReviewQueue>;

/** Why a reviewer rejected a text, for its author's view (no access check: the caller already has one). */
export async function rejectReasonOf(deps: Pick<ReviewQueueDeps, 'store' | 'cipher'>, reviewId: string): Promise<string | null> {
  const r = await deps.store.collection<OutboundReview>(OUTBOUND_REVIEWS).get(reviewId);
  if (!r?.rejectReason) return null;
  return (deps.cipher.decryptFields({ rejectReason: r.rejectReason }, ['rejectReason'], r.memberId) as unknown as { rejectReason: string }).rejectReason;
}
