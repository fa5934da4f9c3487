import { ConflictError, DuplicateKeyError } from '../../errors';
import { isWecomApiError } from '../../ports/wecom-api';
import type { TriageContext } from './context';
import { REPLIES, type StaffReply, type Ticket } from './records';
import { closedChannel, replyChannelOf } from './reply-channel';
import { WINDOW_SPENT } from './reply-customer';
import type { ReplyBody } from './schemas';

export interface StaffReplyResult {
  sent: true;
  channel: 'kf';
  replyId: string;
  sentAtMs: number;
  /** A retry of a reply already sent: nothing went out this time. */
  duplicate: boolean;
}

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

      const slot = await ctx.kfWindow.reserve(ticket.memberId, nowMs);
      if (!slot) {
        await mark({ status: 'closed' });
        throw await channelClosed(ticket.memberId);
      }
      try {
        const { msgid } = await deps.wecom.kfSendMsg({ touser: slot.externalUserId, openKfId: slot.openKfId, msgtype: 'text', text: { content: body.text } });
        const sentAtMs = deps.clock.nowMs();
        await mark({ status: 'sent', sentAtMs, msgid });
        const after = replyChannelOf(slot, sentAtMs);
        const remainingInWindow = after.kind === 'kf' ? after.remaining : 0;
        return { sent: true, channel: 'kf', replyId: claimed._id, sentAtMs, duplicate: false, remainingInWindow };
      } catch (err) {
        if (!isWecomApiError(err)) {
          await mark({ status: 'unknown' });
          throw err;
        }
        if (err.errcode !== null && WINDOW_SPENT.includes(err.errcode)) {
          await ctx.kfWindow.markExhausted(slot);
          await mark({ status: 'closed', errcode: err.errcode });
          throw await channelClosed(ticket.memberId);
        }
        if (err.outcomeUnknown) {
          await mark({ status: 'unknown', errcode: err.errcode });
        } else {
          await ctx.kfWindow.release(slot);
          await mark({ status: 'failed', errcode: err.errcode });
        }
        throw err;
      }
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
