import { KF_MAX_MESSAGES_PER_WINDOW } from '../../domain/reminders/policy';
import { isWecomApiError, WecomErrcode, type WecomApi } from '../../ports/wecom-api';
import type { Ticket, ReplyState, StoredClassification } from './records';
import { serviceGuidance } from './guidance';
import type { KfWindow } from './kf-window';
import { acknowledgementText, appendedText, emergencyText, unregisteredText, urgentText } from './texts';
import type { TicketEvents } from './ticket-events';

/** WeCom says no more kf messages until the customer writes again: used up, 48 h over, or a human took over. */
export const WINDOW_SPENT: readonly number[] = [WecomErrcode.kfMessageCountLimit, WecomErrcode.kfMessageTimeLimit, WecomErrcode.kfSessionStateInvalid];

export type ReplyKind = 'emergency' | 'urgent' | 'acknowledgement' | 'unregistered' | 'appended';

export interface ReplyPlan {
  kind: ReplyKind;
  text: string;
  /** kf stays quiet for questions added to a ticket already acknowledged to the customer. */
  sendOverKf: boolean;
}

/**
 * What the customer is told (pure). Emergencies: what to do now, every time. Otherwise a new
 * ticket gets an acknowledgement naming who answers (with basic guidance for service questions);
 * customers who are not members are asked to join; a follow-up question on an open ticket is only
 * answered where an answer is expected (the mini-program call), not pushed over kf.
 */
export function planReply(i: {
  classification: StoredClassification;
  ticket: Ticket;
  opened: boolean;
  memberKnown: boolean;
  text: string;
  assigneeName?: string;
  nowMs: number;
}): ReplyPlan {
  const c = i.classification;
  if (c.emergency) return { kind: 'emergency', text: emergencyText(c.redFlags, { familyDoctor: i.memberKnown && i.ticket.assignee !== null }), sendOverKf: true };
  if (!i.memberKnown) return { kind: 'unregistered', text: unregisteredText(), sendOverKf: i.opened };
  // Urgent: every time, also on an open ticket, the member hears when the doctor calls and which signs mean 120.
  if (c.disposition === 'urgent') {
    const text = urgentText({ watchFor: c.watchFor ?? [], dueAtMs: i.ticket.slaDueAtMs, nowMs: i.nowMs, ...(i.assigneeName && { assigneeName: i.assigneeName }) });
    return { kind: 'urgent', text, sendOverKf: true };
  }
  if (i.opened) {
    const guidance = c.intent === 'service' ? serviceGuidance(i.text) : undefined;
    const text = acknowledgementText({
      role: i.ticket.role,
      dueAtMs: i.ticket.slaDueAtMs,
      nowMs: i.nowMs,
      ...(i.assigneeName && { assigneeName: i.assigneeName }),
      ...(guidance && { guidance }),
    });
    return { kind: 'acknowledgement', text, sendOverKf: true };
  }
  return { kind: 'appended', text: appendedText(i.ticket.role), sendOverKf: false };
}

export interface KfReplyDeps {
  wecom: WecomApi;
  window: KfWindow;
  events: TicketEvents;
}

/**
 * kf/send_msg inside the 48 h / 5-message window. A slot is taken before sending and given back
 * when the send surely failed; an unknown outcome keeps the slot and is not resent by the caller.
 */
export async function sendKfReply(
  deps: KfReplyDeps,
  r: { memberId: string; openKfId: string; externalUserId: string; plan: ReplyPlan; ticket: Ticket; msgKey: string; nowMs: number },
): Promise<ReplyState> {
  const base = { ticketId: r.ticket._id, memberId: r.memberId, atMs: r.nowMs, actor: { kind: 'system' as const, id: 'triage' }, stepKey: r.msgKey };
  const slot = await deps.window.reserve(r.memberId, r.nowMs);
  if (!slot) {
    await deps.events.record({ ...base, type: 'reply_skipped', meta: { kind: r.plan.kind, reason: 'kf_window_closed' } });
    return 'skipped';
  }
  try {
    await deps.wecom.kfSendMsg({ touser: r.externalUserId, openKfId: r.openKfId, msgtype: 'text', text: { content: r.plan.text } });
    await deps.events.record({ ...base, type: 'customer_replied', meta: { kind: r.plan.kind, channel: 'kf', remainingInWindow: Math.max(0, KF_MAX_MESSAGES_PER_WINDOW - slot.sentSinceThen) } });
    return 'sent';
  } catch (err) {
    if (!isWecomApiError(err)) throw err;
    if (err.errcode !== null && WINDOW_SPENT.includes(err.errcode)) await deps.window.markExhausted(slot);
    else if (!err.outcomeUnknown) await deps.window.release(slot);
    await deps.events.record({ ...base, type: 'reply_failed', meta: { kind: r.plan.kind, errcode: err.errcode, outcomeUnknown: err.outcomeUnknown } });
    return err.outcomeUnknown ? 'unknown' : 'failed';
  }
}

/**
 * One text over kf inside the window, outside a ticket's reply steps (a butler answer a reviewer
 * released: services/review/queue.ts). The slot is given back when the send surely failed.
 */
export async function sendOverKfWindow(ctx: { deps: { wecom: WecomApi; clock: { nowMs(): number } }; kfWindow: KfWindow }, memberId: string, text: string): Promise<'sent' | 'failed' | 'unknown' | 'channel_closed'> {
  const slot = await ctx.kfWindow.reserve(memberId, ctx.deps.clock.nowMs());
  if (!slot) return 'channel_closed';
  try {
    await ctx.deps.wecom.kfSendMsg({ touser: slot.externalUserId, openKfId: slot.openKfId, msgtype: 'text', text: { content: text } });
    return 'sent';
  } catch (err) {
    if (!isWecomApiError(err)) return 'unknown';
    if (err.errcode !== null && WINDOW_SPENT.includes(err.errcode)) {
      await ctx.kfWindow.markExhausted(slot);
      return 'channel_closed';
    }
    if (err.outcomeUnknown) return 'unknown';
    await ctx.kfWindow.release(slot);
    return 'failed';
  }
}
