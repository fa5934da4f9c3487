import type { KfSession } from '../reminders/kf-window';
import { isWecomApiError, WecomErrcode, type WecomApi, type WecomApiError } from '../../ports/wecom-api';
import type { KfWindow } from './kf-window';

/** WeCom says no more kf messages until the customer writes again: used up, 48 h over, or a human took over. */
const WINDOW_SPENT: readonly number[] = [WecomErrcode.kfMessageCountLimit, WecomErrcode.kfMessageTimeLimit, WecomErrcode.kfSessionStateInvalid];

/**
 * How one kf/send_msg inside the window ended. The slot is already settled as the outcome says:
 * spent (`sent`, `unknown`), closed until the customer writes again (`window_spent`), given back (`failed`).
 */
export type KfSendOutcome =
  /** No slot: the window is closed or used up; nothing was sent. */
  | { status: 'window_closed' }
  | { status: 'sent'; slot: KfSession; msgid: string }
  /** WeCom refused with a window errcode (WINDOW_SPENT): the window is marked used up. */
  | { status: 'window_spent'; slot: KfSession; err: WecomApiError }
  /** Surely not sent: the slot was given back. */
  | { status: 'failed'; slot: KfSession; err: WecomApiError }
  /** May have reached the customer (a WeCom outcome unknown, or an error that is not WeCom's): the slot stays spent. */
  | { status: 'unknown'; slot: KfSession; err: unknown };

/**
 * One text to a customer inside the 微信客服 window (docs/reference/wecom-protocol.md §3.4: 48 h and at
 * most 5 kf/send_msg after the customer's last message). A slot is taken before sending, so the
 * count of messages sent since the customer's last message never overshoots; it is given back only
 * when the send surely failed. Recording what happened is the caller's: the triage reply step writes
 * ticket events, a staff reply its reply record, a released review answer nothing.
 * `to` addresses the send (the inbound message's kf account and customer); without it, the
 * session's own.
 */
export async function sendInKfWindow(
  deps: { wecom: WecomApi; window: KfWindow },
  s: { memberId: string; nowMs: number; text: string; to?: { openKfId: string; externalUserId: string } },
): Promise<KfSendOutcome> {
  const slot = await deps.window.reserve(s.memberId, s.nowMs);
  if (!slot) return { status: 'window_closed' };
  const to = s.to ?? slot;
  try {
    const { msgid } = await deps.wecom.kfSendMsg({ touser: to.externalUserId, openKfId: to.openKfId, msgtype: 'text', text: { content: s.text } });
    return { status: 'sent', slot, msgid };
  } catch (err) {
    if (!isWecomApiError(err)) return { status: 'unknown', slot, err };
    if (err.errcode !== null && WINDOW_SPENT.includes(err.errcode)) {
      await deps.window.markExhausted(slot);
      return { status: 'window_spent', slot, err };
    }
    if (err.outcomeUnknown) return { status: 'unknown', slot, err };
    await deps.window.release(slot);
    return { status: 'failed', slot, err };
  }
}
