import { ConflictError } from '../../errors';
import { isWecomApiError } from '../../ports/wecom-api';
import type { TriageContext } from './context';
import { closedChannel, replyChannelOf } from './reply-channel';
import { WINDOW_SPENT } from './reply-customer';
import { markReply } from './staff-reply-record';

/** What delivering a claimed reply over kf came to (the first send and a reviewer's release share it). */
export type Delivered = { ok: true; sentAtMs: number; remainingInWindow: number } | { ok: false; closed: true } | { ok: false; closed: false; err: unknown };

/** 409 `reply_channel_closed` with the page's sentence naming the channel that takes the answer instead. */
export async function channelClosed(ctx: TriageContext, memberId: string): Promise<ConflictError> {
  const channel = replyChannelOf(await ctx.kfWindow.get(memberId), ctx.deps.clock.nowMs());
  // Open again by now: the last slots went to a concurrent send (a reminder, another reply) while this one waited.
  const shown = channel.kind === 'none' ? channel : closedChannel('kf_window_used_up');
  return new ConflictError('reply_channel_closed', shown.why, { replyChannel: shown });
}

/**
 * kf/send_msg for a reply record already claimed (`sending`): a window slot is taken before the
 * send and given back only when the send surely failed; the record ends sent, closed, failed or unknown.
 */
export async function deliverReply(ctx: TriageContext, replyId: string, memberId: string, text: string): Promise<Delivered> {
  const mark = (fields: Parameters<typeof markReply>[2]) => markReply(ctx, replyId, fields);
  const slot = await ctx.kfWindow.reserve(memberId, ctx.deps.clock.nowMs());
  if (!slot) {
    await mark({ status: 'closed' });
    return { ok: false, closed: true };
  }
  try {
    const { msgid } = await ctx.deps.wecom.kfSendMsg({ touser: slot.externalUserId, openKfId: slot.openKfId, msgtype: 'text', text: { content: text } });
    const sentAtMs = ctx.deps.clock.nowMs();
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
