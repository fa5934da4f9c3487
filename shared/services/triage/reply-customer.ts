import { isWecomApiError, type WecomApi } from '../../ports/wecom-api';
import type { Ticket, ReplyState, StoredClassification } from './records';
import { serviceGuidance } from './guidance';
import { sendInKfWindow } from './kf-send';
import { kfWindowState, type KfWindow } from './kf-window';
import { acknowledgementText, appendedText, emergencyText, unregisteredText, urgentText } from './texts';
import type { TicketEvents } from './ticket-events';

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
 * The ticket's reply over kf inside the 48 h / 5-message window (sendInKfWindow), addressed to the
 * inbound message's kf account and customer, each outcome written as a ticket event. An unknown
 * outcome keeps the slot and is not resent by the caller; an error that is not WeCom's is thrown.
 */
export async function sendKfReply(
  deps: KfReplyDeps,
  r: { memberId: string; openKfId: string; externalUserId: string; plan: ReplyPlan; ticket: Ticket; msgKey: string; nowMs: number },
): Promise<ReplyState> {
  const base = { ticketId: r.ticket._id, memberId: r.memberId, atMs: r.nowMs, actor: { kind: 'system' as const, id: 'triage' }, stepKey: r.msgKey };
  const to = { openKfId: r.openKfId, externalUserId: r.externalUserId };
  const out = await sendInKfWindow({ wecom: deps.wecom, window: deps.window }, { memberId: r.memberId, nowMs: r.nowMs, text: r.plan.text, to });
  if (out.status === 'window_closed') {
    await deps.events.record({ ...base, type: 'reply_skipped', meta: { kind: r.plan.kind, reason: 'kf_window_closed' } });
    return 'skipped';
  }
  if (out.status === 'sent') {
    await deps.events.record({ ...base, type: 'customer_replied', meta: { kind: r.plan.kind, channel: 'kf', remainingInWindow: kfWindowState(out.slot, r.nowMs).remaining } });
    return 'sent';
  }
  if (!isWecomApiError(out.err)) throw out.err;
  const { errcode, outcomeUnknown } = out.err;
  await deps.events.record({ ...base, type: 'reply_failed', meta: { kind: r.plan.kind, errcode, outcomeUnknown } });
  return outcomeUnknown ? 'unknown' : 'failed';
}

/**
 * One text over kf inside the window, outside a ticket's reply steps (a butler answer a reviewer
 * released: services/review/queue.ts), to the kf account and customer of the member's session.
 * WeCom saying the window is spent reads as the channel being closed; nothing is recorded here.
 */
export async function sendOverKfWindow(ctx: { deps: { wecom: WecomApi; clock: { nowMs(): number } }; kfWindow: KfWindow }, memberId: string, text: string): Promise<'sent' | 'failed' | 'unknown' | 'channel_closed'> {
  const out = await sendInKfWindow({ wecom: ctx.deps.wecom, window: ctx.kfWindow }, { memberId, nowMs: ctx.deps.clock.nowMs(), text });
  if (out.status === 'window_closed' || out.status === 'window_spent') return 'channel_closed';
  return out.status;
}
