import type { TriageContext } from './context';
import { openText, type Ticket } from './records';
import { replyChannelOf } from './reply-channel';
import type { ReplyBody } from './schemas';
import { rejectHeldReply, releaseHeldReply, type DecidedReview } from './staff-reply-decisions';
import { channelClosed, deliverReply } from './staff-reply-delivery';
import { claimReply, markReply, repliesOf, settledReply, type StaffReplyResult } from './staff-reply-record';

export type { StaffReplyResult } from './staff-reply-record';

/**
 * Sends a claimed reply: every text a person writes to a member passes the outbound review before it
 * can go (services/review), then kf/send_msg. An emergency ticket's replies are never held or delayed:
 * they are read by the rules after sending.
 */
async function sendStaffReply(ctx: TriageContext, ticket: Ticket, staffId: string, body: ReplyBody): Promise<StaffReplyResult & { remainingInWindow: number }> {
  const nowMs = ctx.deps.clock.nowMs();
  if (replyChannelOf(await ctx.kfWindow.get(ticket.memberId), nowMs).kind !== 'kf') throw await channelClosed(ctx, ticket.memberId);
  const claimed = await claimReply(ctx, ticket, staffId, body, nowMs);
  if (!('_id' in claimed)) return { ...claimed, remainingInWindow: 0 };
  const outbound = { channel: 'staff_reply' as const, ref: claimed._id, memberId: ticket.memberId, text: body.text, author: { kind: 'staff' as const, id: staffId }, ticketId: ticket._id };
  let decision: Awaited<ReturnType<typeof ctx.review.review>>;
  try {
    decision = await ctx.review.review({ ...outbound, urgency: ticket.emergency ? 'emergency' : 'routine' });
  } catch (err) {
    // Nothing went out: the same key may be tried again (a `sending` left here would read as "maybe sent").
    await markReply(ctx, claimed._id, { status: 'failed' });
    throw err;
  }
  if (!decision.send) {
    await markReply(ctx, claimed._id, { status: decision.status, reviewId: decision.reviewId });
    return { sent: false, held: true, status: decision.status, channel: 'kf', replyId: claimed._id, reviewId: decision.reviewId, duplicate: false, remainingInWindow: 0 };
  }
  const done = await deliverReply(ctx, claimed._id, ticket.memberId, body.text);
  if (done.ok) {
    if (ticket.emergency) await ctx.review.recordAfterSend({ ...outbound, urgency: 'routine' });
    return { sent: true, channel: 'kf', replyId: claimed._id, sentAtMs: done.sentAtMs, duplicate: false, remainingInWindow: done.remainingInWindow };
  }
  if (done.closed) throw await channelClosed(ctx, ticket.memberId);
  throw done.err;
}

/** Replies the review held or a reviewer rejected, oldest first, decrypted, for the ticket view. */
async function heldOn(ctx: TriageContext, ticketId: string): Promise<{ id: string; atMs: number; staffId: string; text: string; status: 'held' | 'rejected'; reviewId: string }[]> {
  const docs = await repliesOf(ctx).find({ ticketId, status: { $in: ['held', 'rejected'] } }, { sort: { createdAtMs: 1, _id: 1 } });
  return docs.map((r) => ({
    id: r._id,
    atMs: r.createdAtMs,
    staffId: r.staffId,
    text: openText(ctx.deps.cipher, r),
    status: r.status === 'rejected' ? 'rejected' : 'held',
    reviewId: r.reviewId ?? '',
  }));
}

/** Replies that went out, oldest first, decrypted (for a caller the policy already allowed). */
async function sentOn(ctx: TriageContext, ticketId: string): Promise<{ id: string; atMs: number; staffId: string; text: string }[]> {
  const docs = await repliesOf(ctx).find({ ticketId, status: 'sent' }, { sort: { sentAtMs: 1, _id: 1 } });
  return docs.map((r) => ({ id: r._id, atMs: r.sentAtMs ?? r.updatedAtMs, staffId: r.staffId, text: openText(ctx.deps.cipher, r) }));
}

/**
 * Sends a staff member's answer over 微信客服 and keeps it on the ticket, once per idempotency key:
 * the reply record is written (`sending`) before kf/send_msg (staff-reply-record.ts), a window slot is
 * taken before the send and given back only when the send surely failed (staff-reply-delivery.ts).
 * 409 `reply_channel_closed` carries the page's sentence naming the channel that takes the answer
 * instead. A reviewer's release or rejection of a held reply: staff-reply-decisions.ts.
 */
export function createStaffReplies(ctx: TriageContext) {
  return {
    /** The earlier answer for a key already used, or null; throws as `settledReply` does. */
    async earlier(ticketId: string, body: ReplyBody): Promise<StaffReplyResult | null> {
      const existing = await repliesOf(ctx).get(`${ticketId}:${body.key}`);
      return existing ? settledReply(ctx, existing, body.text) : null;
    },
    send: (ticket: Ticket, staffId: string, body: ReplyBody) => sendStaffReply(ctx, ticket, staffId, body),
    releaseHeld: (review: DecidedReview, text: string) => releaseHeldReply(ctx, review, text),
    rejectHeld: (review: DecidedReview) => rejectHeldReply(ctx, review),
    heldOn: (ticketId: string) => heldOn(ctx, ticketId),
    sentOn: (ticketId: string) => sentOn(ctx, ticketId),
  };
}

export type StaffReplies = ReturnType<typeof createStaffReplies>;
