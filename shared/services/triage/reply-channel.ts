import type { KfSession } from '../reminders/kf-window';
import { kfWindowState } from './kf-window';

/** Why a staff reply cannot go out through 微信客服 now. */
export type ReplyClosedReason = 'no_kf_session' | 'kf_window_expired' | 'kf_window_used_up';

/**
 * How a staff member's answer reaches the customer from the workbench (pure). Only 微信客服
 * kf/send_msg can be sent by us on the member's behalf, and only inside its window
 * (docs/reference/wecom-protocol.md §3.4: 48 h after the customer's last kf message, at most 5
 * messages). Outside it, the answer goes through the staff member's own WeCom chat with the
 * customer — where the sidebar is opened from — and `why` says so in words the page shows as is.
 */
export type ReplyChannel =
  | { kind: 'kf'; openUntilMs: number; remaining: number }
  | { kind: 'none'; reason: ReplyClosedReason; why: string };

const OTHERWISE_ZH = '请在企业微信中与客户单聊（或在客户所在的群里）回复';

const WHY_ZH: Record<ReplyClosedReason, string> = {
  no_kf_session: `客户没有通过微信客服咨询，无法从这里发送；${OTHERWISE_ZH}。`,
  kf_window_expired: `客户最后一次在微信客服发消息已超过48小时，微信客服不能再发送；${OTHERWISE_ZH}，客户再次在微信客服留言后可从这里回复。`,
  kf_window_used_up: `客户本次留言后微信客服最多可发送5条消息，已经用完；${OTHERWISE_ZH}，客户再次在微信客服留言后可从这里回复。`,
};

export function replyChannelOf(session: KfSession | null, nowMs: number): ReplyChannel {
  if (!session) return closedChannel('no_kf_session');
  const state = kfWindowState(session, nowMs);
  if (state.open) return { kind: 'kf', openUntilMs: state.closesAtMs, remaining: state.remaining };
  return closedChannel(nowMs >= state.closesAtMs ? 'kf_window_expired' : 'kf_window_used_up');
}

export const closedChannel = (reason: ReplyClosedReason): Extract<ReplyChannel, { kind: 'none' }> => ({ kind: 'none', reason, why: WHY_ZH[reason] });
