import { actorFromPrincipal } from '../access/actor';
import type { Principal } from '../../domain/access/principal';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import type { Delivery, RequestContext, ReviewChannelHandler, ReviewQueueDeps } from './queue';
import { OUTBOUND_REVIEWS, REVIEW_CHANNEL_LABELS_ZH, type OutboundReview, type ReviewChannel } from './records';
import { openReview, reviewView, type ReviewView } from './review-view';

/*
 * A reviewer's decisions on one text: release (sent through its own channel exactly once — the
 * held → released change is a compare-and-set), reject (kept from the member for good, the author told
 * why), check (a flagged text, already sent, looked at again). Each is audited with the rules it hit.
 */

export type Channels = Partial<Record<ReviewChannel, ReviewChannelHandler>>;
type Decided = { review: ReviewView; replayed: boolean };

const reviewsOf = (deps: Pick<ReviewQueueDeps, 'store'>) => deps.store.collection<OutboundReview>(OUTBOUND_REVIEWS);
const reviewerIdOf = (principal: Principal) => (principal.kind === 'staff' ? principal.staffId : '');

/** The review, once `authorize` let the caller review its member's texts; an unknown id is refused like a denial. */
export async function loadReview(deps: ReviewQueueDeps, principal: Principal, id: string, rc: RequestContext): Promise<OutboundReview> {
  const r = await reviewsOf(deps).get(id);
  if (!r) {
    await deps.authorize(principal, 'outbound.review', undefined, rc);
    throw new NotFoundError('review');
  }
  await deps.authorize(principal, 'outbound.review', r.memberId, rc);
  return r;
}

async function audit(deps: ReviewQueueDeps, principal: Principal, r: OutboundReview, decision: 'released' | 'rejected' | 'checked', rc: RequestContext, extra: Record<string, string> = {}) {
  await deps.audit.append({
    actor: actorFromPrincipal(principal),
    action: 'outbound.review',
    subjectMemberId: r.memberId,
    outcome: 'done',
    ...(rc.requestId && { requestId: rc.requestId }),
    meta: { reviewId: r._id, decision, channel: r.channel, rules: r.hits.map((h) => h.ruleId).join(',') || 'model', author: r.author.id, ...extra },
  });
}

/** Four eyes: nobody decides on (or checks) a text they wrote. */
function notOwnText(r: OutboundReview, reviewerId: string): void {
  if (r.author.kind === 'staff' && r.author.id === reviewerId) throw new ForbiddenError('own_text', '不能审核自己写的消息，请由其他审核人处理。');
}

/** A decided review asked again: the same outcome for the same decision, 409 for the other one. */
function alreadyDecided(deps: ReviewQueueDeps, r: OutboundReview, wanted: 'released' | 'rejected'): { review: ReviewView; replayed: true } {
  if (r.status === wanted) return { review: reviewView(deps.cipher, r), replayed: true };
  if (r.status === 'flagged' || r.status === 'checked') throw new ConflictError('review_not_held', '这条消息已经发送，只是标记待复查，不能再放行或驳回。');
  throw new ConflictError('review_decided', r.status === 'released' ? '这条消息已被放行发送。' : '这条消息已被驳回。');
}

/** Releases a held text: claimed first, then sent through its channel once; a replay answers `replayed`. */
export async function releaseReview(deps: ReviewQueueDeps, channels: Channels, principal: Principal, id: string, rc: RequestContext): Promise<Decided> {
  const reviews = reviewsOf(deps);
  const r = await loadReview(deps, principal, id, rc);
  const reviewerId = reviewerIdOf(principal);
  if (r.status !== 'held') return alreadyDecided(deps, r, 'released');
  notOwnText(r, reviewerId);
  const handler = channels[r.channel];
  if (!handler) throw new ConflictError('channel_unavailable', `这类消息（${REVIEW_CHANNEL_LABELS_ZH[r.channel]}）不能从这里放行。`);
  const nowMs = deps.clock.nowMs();
  // The claim: only one release ever passes this line, so the text is sent at most once.
  const claimed = await reviews.updateOne({ _id: r._id, status: 'held' }, { $set: { status: 'released', decidedAtMs: nowMs, decidedBy: reviewerId } });
  if (claimed.matched !== 1) {
    const now = await reviews.get(r._id);
    if (!now) throw new NotFoundError('review');
    return alreadyDecided(deps, now, 'released');
  }
  const released: OutboundReview = { ...r, status: 'released', decidedAtMs: nowMs, decidedBy: reviewerId };
  await audit(deps, principal, released, 'released', rc);
  let delivery: Delivery;
  try {
    delivery = await handler.release(released, openReview(deps.cipher, r).text);
  } catch {
    delivery = 'unknown';
  }
  await reviews.updateOne({ _id: r._id }, { $set: { delivery, deliveredAtMs: deps.clock.nowMs() } });
  return { review: reviewView(deps.cipher, { ...released, delivery, deliveredAtMs: deps.clock.nowMs() }), replayed: false };
}

/** Rejects a held text for good; its channel tells the author why. */
export async function rejectReview(deps: ReviewQueueDeps, channels: Channels, principal: Principal, id: string, reasonZh: string, rc: RequestContext): Promise<Decided> {
  const reviews = reviewsOf(deps);
  const r = await loadReview(deps, principal, id, rc);
  const reviewerId = reviewerIdOf(principal);
  if (r.status !== 'held') return alreadyDecided(deps, r, 'rejected');
  notOwnText(r, reviewerId);
  const nowMs = deps.clock.nowMs();
  const rejectReason = (deps.cipher.encryptFields({ rejectReason: reasonZh }, ['rejectReason'], r.memberId) as unknown as { rejectReason: OutboundReview['rejectReason'] }).rejectReason;
  const claimed = await reviews.updateOne({ _id: r._id, status: 'held' }, { $set: { status: 'rejected', decidedAtMs: nowMs, decidedBy: reviewerId, rejectReason } });
  if (claimed.matched !== 1) {
    const now = await reviews.get(r._id);
    if (!now) throw new NotFoundError('review');
    return alreadyDecided(deps, now, 'rejected');
  }
  const rejected: OutboundReview = { ...r, status: 'rejected', decidedAtMs: nowMs, decidedBy: reviewerId, ...(rejectReason && { rejectReason }) };
  await audit(deps, principal, rejected, 'rejected', rc);
  await channels[r.channel]?.rejected?.(rejected, reasonZh, reviewerId);
  return { review: reviewView(deps.cipher, rejected), replayed: false };
}

/**
 * A flagged text (already sent) looked at again: it leaves the 待复查 list, with who checked it and
 * when, audited like a decision. A second click answers `replayed`; the author cannot check their own.
 */
export async function checkReview(deps: ReviewQueueDeps, principal: Principal, id: string, rc: RequestContext): Promise<Decided> {
  const reviews = reviewsOf(deps);
  const r = await loadReview(deps, principal, id, rc);
  const reviewerId = reviewerIdOf(principal);
  if (r.status === 'checked') return { review: reviewView(deps.cipher, r), replayed: true };
  if (r.status !== 'flagged') throw new ConflictError('review_not_flagged', '这条消息不是已发送待复查的消息，请在「待审核」中放行或驳回。');
  notOwnText(r, reviewerId);
  const nowMs = deps.clock.nowMs();
  const claimed = await reviews.updateOne({ _id: r._id, status: 'flagged' }, { $set: { status: 'checked', decidedAtMs: nowMs, decidedBy: reviewerId } });
  const checked: OutboundReview = { ...r, status: 'checked', decidedAtMs: nowMs, decidedBy: reviewerId };
  if (claimed.matched !== 1) {
    const now = await reviews.get(r._id);
    if (now?.status === 'checked') return { review: reviewView(deps.cipher, now), replayed: true };
    throw new ConflictError('review_not_flagged', '这条消息的状态已变化，请刷新。');
  }
  await audit(deps, principal, checked, 'checked', rc);
  return { review: reviewView(deps.cipher, checked), replayed: false };
}
