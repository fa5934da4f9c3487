import { ConflictError } from '../../errors';
import { isWecomApiError } from '../../ports/wecom-api';
import type { TriageContext } from './context';
import { closedChannel, replyChannelOf } from './reply-channel';
import { sendInKfWindow } from './kf-send';
import { kfWindowState } from './kf-window';
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
 * kf/send_msg for a reply record already claimed (`sending`), inside the window (sendInKfWindow: a
 * slot is taken before the send and given back only when the send surely failed); the record ends
 * sent, closed, failed or unknown.
 */
export async function deliverReply(ctx: TriageContext, replyId: string, memberId: string, text: string): Promise<Delivered> {
  const mark = (fields: Parameters<typeof markReply>[2]) => markReply(ctx, replyId, fields);
  const out = await sendInKfWindow({ wecom: ctx.deps.wecom, window: ctx.kfWindow }, { memberId, nowMs: ctx.deps.clock.nowMs(), text });
  switch (out.status) {
    case 'window_closed':
      await mark({ status: 'closed' });
      return { ok: false, closed: true };
    case 'sent': {
      const sentAtMs = ctx.deps.clock.nowMs();
      await mark({ status: 'sent', sentAtMs, msgid: out.msgid });
      return { ok: true, sentAtMs, remainingInWindow: kfWindowState(out.slot, sentAtMs).remaining };
    }
    case 'window_spent':
      await mark({ status: 'closed', errcode: out.err.errcode });
      return { ok: false, closed: true };
    case 'failed':
      await mark({ status: 'failed', errcode: out.err.errcode });
      return { ok: false, closed: false, err: out.err };
    case 'unknown':
      await mark(isWecomApiError(out.err) ? { status: 'unknown', errcode: out.err.errcode } : { status: 'unknown' });
      return { ok: false, closed: false, err: out.err };
  }
}
