import { isWecomApiError } from '../../ports/wecom-api';
import type { TriageContext } from './context';
import { deliverReply } from './staff-reply-delivery';
import { repliesOf } from './staff-reply-record';

/** The review a reviewer decided on (services/review/queue.ts): `ref` is the held reply's id. */
export type DecidedReview = { ref: string; decidedBy?: string; _id: string };

/**
 * A reviewer released a held reply (services/review/queue.ts, which calls this once per review):
 * it goes out now over kf if the window is still open; the ticket records who let it go.
 */
export async function releaseHeldReply(ctx: TriageContext, review: DecidedReview, text: string): Promise<'sent' | 'failed' | 'unknown' | 'channel_closed'> {
  const replies = repliesOf(ctx);
  const reply = await replies.get(review.ref);
  if (!reply) return 'failed';
  const taken = await replies.updateOne({ _id: reply._id, status: 'held' }, { $set: { status: 'sending', updatedAtMs: ctx.deps.clock.nowMs() } });
  if (taken.matched !== 1) return 'failed';
  const done = await deliverReply(ctx, reply._id, reply.memberId, text);
  const outcome = done.ok ? 'sent' : done.closed ? 'channel_closed' : isWecomApiError(done.err) && !done.err.outcomeUnknown ? 'failed' : 'unknown';
  await ctx.events.record({
    ticketId: reply.ticketId,
    memberId: reply.memberId,
    type: done.ok ? 'reply_released' : 'reply_failed',
    atMs: ctx.deps.clock.nowMs(),
    actor: { kind: 'staff', id: review.decidedBy ?? '' },
    meta: { replyId: reply._id, reviewId: review._id, author: reply.staffId, outcome },
    stepKey: `release:${reply._id}`,
  });
  return outcome;
}

/** A reviewer rejected a held reply: it stays unsent, and the ticket tells its author why (the reason is on the review). */
export async function rejectHeldReply(ctx: TriageContext, review: DecidedReview): Promise<void> {
  const replies = repliesOf(ctx);
  const reply = await replies.get(review.ref);
  if (!reply) return;
  await replies.updateOne({ _id: reply._id, status: 'held' }, { $set: { status: 'rejected', updatedAtMs: ctx.deps.clock.nowMs() } });
  await ctx.events.record({
    ticketId: reply.ticketId,
    memberId: reply.memberId,
    type: 'reply_rejected',
    atMs: ctx.deps.clock.nowMs(),
    actor: { kind: 'staff', id: review.decidedBy ?? '' },
    meta: { replyId: reply._id, reviewId: review._id, author: reply.staffId },
    stepKey: `reject:${reply._id}`,
  });
}
