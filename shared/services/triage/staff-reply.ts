import { ConflictError, DuplicateKeyError } from '../../errors';
import { isWecomApiError } from '../../ports/wecom-api';
import type { TriageContext } from './context';
import { REPLIES, type StaffReply, type Ticket } from './records';
import { closedChannel, replyChannelOf } from './reply-channel';
import { WINDOW_SPENT } from './reply-customer';
import type { ReplyBody } from './schemas';

export type StaffReplyResult =
  | {
      sent: true;
      channel: 'kf';
      replyId: string;
      sentAtMs: number;
      /** A retry of a reply already sent: nothing went out this time. */
      duplicate: boolean;
    }
  | {
      /** The outbound review held it for a reviewer (held), or the reviewer kept it from the member (rejected). */
      sent: false;
      held: true;
      status: 'held' | 'rejected';
      channel: 'kf';
      replyId: string;
      reviewId: string;
      duplicate: boolean;
    };

/** What delivering a claimed reply over kf came to (the first send and a reviewer's release share it). */
type Delivered = { ok: true; sentAtMs: number; remainingInWindow: number } | { ok: false; closed: true } | { ok: false; closed: false; err: unknown };

/** Longer than the triage function's timeout (15 s, cloudbaserc.json): no live attempt holds a record this long. */
const SENDING_STALE_MS = 60_000;

/** A send that may have reached the customer is never repeated, so the caller is told to look before writing again. */
const outcomeUnknown = () =>
  new ConflictError('reply_outcome_unknown', '上一次发送的结果未知，客户可能已经收到；为避免重复，这条回复不会再发送。请在企业微信中确认后再决定是否重写。');

const inProgress = () => new ConflictError('reply_in_progress', '这条回复正在发送，请稍后刷新查看结果。');

/**
 * Sends a staff member's answer over 微信客服 and keeps it on the ticket, once per idempotency key:
 * the reply record is written (`sending`) before kf/send_msg, a window slot is taken before the send
 * and given back only when the send surely failed. 409 `reply_channel_closed` carries the page's
 * sentence naming the channel that takes the answer instead.
 */
export function createStaffReplies(ctx: TriageContext) {
  const { deps } = ctx;
  const replies = deps.store.collection<StaffReply>(REPLIES);

  async function channelClosed(memberId: string): Promise<ConflictError> {
    const channel = replyChannelOf(await ctx.kfWindow.get(memberId), deps.clock.nowMs());
    // Open again by now: the last slots went to a concurrent send (a reminder, another reply) while this one waited.
    const shown = channel.kind === 'none' ? channel : closedChannel('kf_window_used_up');
    return new ConflictError('reply_channel_closed', shown.why, { replyChannel: shown });
  }

  /** What a second request with the same key gets, or null when the record may be tried again. */
  function settled(existing: StaffReply, text: string): StaffReplyResult | null {
    const sameText = (deps.cipher.decryptFields({ text: existing.text }, ['text'], existing.memberId) as unknown as { text: string }).text === text;
    if (!sameText) throw new ConflictError('idempotency_key_reused', 'this key was used for a different text: use a new key for a new reply', { fields: [{ field: 'key', message: 'already used for another text' }] });
    if (existing.status === 'sent') return { sent: true, channel: 'kf', replyId: existing._id, sentAtMs: existing.sentAtMs ?? existing.updatedAtMs, duplicate: true };
    if ((existing.status === 'held' || existing.status === 'rejected') && existing.reviewId) {
      return { sent: false, held: true, status: existing.status, channel: 'kf', replyId: existing._id, reviewId: existing.reviewId, duplicate: true };
    }
    if (existing.status === 'unknown') throw outcomeUnknown();
    // A `sending` older than any invocation can run was left by one that died mid-send: it may have gone out.
    if (existing.status === 'sending') throw deps.clock.nowMs() - existing.updatedAtMs > SENDING_STALE_MS ? outcomeUnknown() : inProgress();
    return null;
  }

  /** The record for this key in state `sending`, owned by this call; or the earlier call's answer. */
  async function claim(ticket: Ticket, staffId: string, body: ReplyBody, nowMs: number): Promise<StaffReplyResult | StaffReply> {
    const id = `${ticket._id}:${body.key}`;
    const existing = await replies.get(id);
    if (existing) {
      const answer = settled(existing, body.text);
      if (answer) return answer;
      const retaken = await replies.updateOne({ _id: id, status: existing.status }, { $set: { status: 'sending', updatedAtMs: nowMs } });
      if (retaken.matched !== 1) throw inProgress();
      return { ...existing, status: 'sending' };
    }
    const fresh: StaffReply = {
      _id: id,
      ticketId: ticket._id,
      memberId: ticket.memberId,
      staffId,
      key: body.key,
      text: (deps.cipher.encryptFields({ text: body.text }, ['text'], ticket.memberId) as unknown as { text: StaffReply['text'] }).text,
      channel: 'kf',
      status: 'sending',
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
    };
    try {
      await replies.insert(fresh);
      return fresh;
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
      throw inProgress();
    }
  }

  /**
   * kf/send_msg for a reply record already claimed (`sending`): a window slot is taken before the
   * send and given back only when the send surely failed; the record ends sent, closed, failed or unknown.
   */
  async function deliver(replyId: string, memberId: string, text: string): Promise<Delivered> {
    const mark = (fields: Partial<StaffReply>) => replies.updateOne({ _id: replyId }, { $set: { ...fields, updatedAtMs: deps.clock.nowMs() } });
    const slot = await ctx.kfWindow.reserve(memberId, deps.clock.nowMs());
    if (!slot) {
      await mark({ status: 'closed' });
      return { ok: false, closed: true };
    }
    try {
      const { msgid } = await deps.wecom.kfSendMsg({ touser: slot.externalUserId, openKfId: slot.openKfId, msgtype: 'text', text: { content: text } });
      const sentAtMs = deps.clock.nowMs();
      await mark({ status: 'sent', sentAtMs, msgid });
      const after = replyChannelOf(slot, sentAtMs);
      return { ok: true, sentAtMs, remainingInWindow: after.kind === 'kf' ? after.remaining : 0 };
    } catch (err) {
      if (!isWecomApiError(err)) {
        await mark({ status: 'unknown' });
        return { ok: false, closed: false, err };
      }
      if (err.errcode !== null && WINDOW_SPENT.includes(err.errcode)) {
        await ctx.kfWindow.markExhausted(slot);
        await mark({ status: 'closed', errcode: err.errcode });
        return { ok: false, closed: true };
      }
      if (err.outcomeUnknown) {
        await mark({ status: 'unknown', errcode: err.errcode });
      } else {
        await ctx.kfWindow.release(slot);
        await mark({ status: 'failed', errcode: err.errcode });
      }
      return { ok: false, closed: false, err };
    }
  }

  return {
    /** The earlier answer for a key already used, or null; throws as `settled` does. */
    async earlier(ticketId: string, body: ReplyBody): Promise<StaffReplyResult | null> {
      const existing = await replies.get(`${ticketId}:${body.key}`);
      return existing ? settled(existing, body.text) : null;
    },

    async send(ticket: Ticket, staffId: string, body: ReplyBody): Promise<StaffReplyResult & { remainingInWindow: number }> {
      const nowMs = deps.clock.nowMs();
      if (replyChannelOf(await ctx.kfWindow.get(ticket.memberId), nowMs).kind !== 'kf') throw await channelClosed(ticket.memberId);
      const claimed = await claim(ticket, staffId, body, nowMs);
      if (!('_id' in claimed)) return { ...claimed, remainingInWindow: 0 };
      const mark = (fields: Partial<StaffReply>) => replies.updateOne({ _id: claimed._id }, { $set: { ...fields, updatedAtMs: deps.clock.nowMs() } });

      // Every text a person writes to a member passes the outbound review before it can go (services/review).
      // An emergency ticket's replies are never held or delayed: they are read by the rules after sending.
      const outbound = { channel: 'staff_reply' as const, ref: claimed._id, memberId: ticket.memberId, text: body.text, author: { kind: 'staff' as const, id: staffId }, ticketId: ticket._id };
      let decision: Awaited<ReturnType<typeof ctx.review.review>>;
      try {
        decision = await ctx.review.review({ ...outbound, urgency: ticket.emergency ? 'emergency' : 'routine' });
      } catch (err) {
        // Nothing went out: the same key may be tried again (a `sending` left here would read as "maybe sent").
        await mark({ status: 'failed' });
        throw err;
      }
      if (!decision.send) {
        await mark({ status: decision.status, reviewId: decision.reviewId });
        return { sent: false, held: true, status: decision.status, channel: 'kf', replyId: claimed._id, reviewId: decision.reviewId, duplicate: false, remainingInWindow: 0 };
      }
      const done = await deliver(claimed._id, ticket.memberId, body.text);
      if (done.ok) {
        if (ticket.emergency) await ctx.review.recordAfterSend({ ...outbound, urgency: 'routine' });
        return { sent: true, channel: 'kf', replyId: claimed._id, sentAtMs: done.sentAtMs, duplicate: false, remainingInWindow: done.remainingInWindow };
      }
      if (done.closed) throw await channelClosed(ticket.memberId);
      throw done.err;
    },

    /**
     * A reviewer released a held reply (services/review/queue.ts, which calls this once per review):
     * it goes out now over kf if the window is still open; the ticket records who let it go.
     */
    async releaseHeld(review: { ref: string; decidedBy?: string; _id: string }, text: string): Promise<'sent' | 'failed' | 'unknown' | 'channel_closed'> {
      const reply = await replies.get(review.ref);
      if (!reply) return 'failed';
      const taken = await replies.updateOne({ _id: reply._id, status: 'held' }, { $set: { status: 'sending', updatedAtMs: deps.clock.nowMs() } });
      if (taken.matched !== 1) return 'failed';
      const done = await deliver(reply._id, reply.memberId, text);
      const outcome = done.ok ? 'sent' : done.closed ? 'channel_closed' : isWecomApiError(done.err) && !done.err.outcomeUnknown ? 'failed' : 'unknown';
      await ctx.events.record({
        ticketId: reply.ticketId,
        memberId: reply.memberId,
        type: done.ok ? 'reply_released' : 'reply_failed',
        atMs: deps.clock.nowMs(),
        actor: { kind: 'staff', id: review.decidedBy ?? '' },
        meta: { replyId: reply._id, reviewId: review._id, author: reply.staffId, outcome },
        stepKey: `release:${reply._id}`,
      });
      return outcome;
    },

    /** A reviewer rejected a held reply: it stays unsent, and the ticket tells its author why (the reason is on the review). */
    async rejectHeld(review: { ref: string; decidedBy?: string; _id: string }): Promise<void> {
      const reply = await replies.get(review.ref);
      if (!reply) return;
      await replies.updateOne({ _id: reply._id, status: 'held' }, { $set: { status: 'rejected', updatedAtMs: deps.clock.nowMs() } });
      await ctx.events.record({
        ticketId: reply.ticketId,
        memberId: reply.memberId,
        type: 'reply_rejected',
        atMs: deps.clock.nowMs(),
        actor: { kind: 'staff', id: review.decidedBy ?? '' },
        meta: { replyId: reply._id, reviewId: review._id, author: reply.staffId },
        stepKey: `reject:${reply._id}`,
      });
    },

    /** Replies the review held or a reviewer rejected, oldest first, decrypted, for the ticket view. */
    async heldOn(ticketId: string): Promise<{ id: string; atMs: number; staffId: string; text: string; status: 'held' | 'rejected'; reviewId: string }[]> {
      const docs = await replies.find({ ticketId, status: { $in: ['held', 'rejected'] } }, { sort: { createdAtMs: 1, _id: 1 } });
      return docs.map((r) => ({
        id: r._id,
        atMs: r.createdAtMs,
        staffId: r.staffId,
        text: (deps.cipher.decryptFields({ text: r.text }, ['text'], r.memberId) as unknown as { text: string }).text,
        status: r.status === 'rejected' ? 'rejected' : 'held',
        reviewId: r.reviewId ?? '',
      }));
    },

    /** Replies that went out, oldest first, decrypted (for a caller the policy already allowed). */
    async sentOn(ticketId: string): Promise<{ id: string; atMs: number; staffId: string; text: string }[]> {
      const docs = await replies.find({ ticketId, status: 'sent' }, { sort: { sentAtMs: 1, _id: 1 } });
      return docs.map((r) => ({
        id: r._id,
        atMs: r.sentAtMs ?? r.updatedAtMs,
        staffId: r.staffId,
        text: (deps.cipher.decryptFields({ text: r.text }, ['text'], r.memberId) as unknown as { text: string }).text,
      }));
    },
  };
}

export type StaffReplies = ReturnType<typeof createStaffReplies>;
