import { isWecomApiError, type WecomApi } from '../../ports/wecom-api';
import type { Logger } from '../../ports/logger';
import type { Ticket } from './records';
import { staffCard, type StaffCardKind } from './texts';
import type { TicketEvents } from './ticket-events';

/** WeCom's duplicate check (enable_duplicate_check) makes a notification resent by a replay harmless. */
const NOTIFY_DEDUPE_WINDOW_S = 1800;

export interface NotifyPlan {
  /** One card per kind; each recipient once. */
  cards: { kind: StaffCardKind; to: string[] }[];
  /** A member's ticket (or any emergency) nobody could be told about: no team member of the role, nobody on call. */
  unassigned: boolean;
}

/**
 * Who hears about a message (pure):
 * - a new ticket or one that just turned into an emergency: the assignee; for emergencies also the
 *   first doctor on call (escalationStep: onCallList[0] is told at creation);
 * - a message added to a ticket someone already acknowledged: that person, so it is not missed;
 * - a message added to a ticket still waiting for its first response: nobody (the first card stands).
 */
export function planNotification(ticket: Ticket, step: { opened: boolean; upgraded: boolean; appendedToAcknowledged: boolean }): NotifyPlan {
  if (step.opened || step.upgraded) {
    const cards: NotifyPlan['cards'] = [];
    if (ticket.assignee) cards.push({ kind: ticket.emergency ? 'emergency' : ticket.urgent ? 'urgent' : 'new', to: [ticket.assignee] });
    const onCall = ticket.emergency ? ticket.onCallList.find((id) => id !== ticket.assignee) : undefined;
    if (onCall) cards.push({ kind: 'on_call', to: [onCall] });
    // A non-member's routine question has no team by design: the reply asks them to join.
    return { cards, unassigned: cards.length === 0 && (ticket.memberKnown || ticket.emergency) };
  }
  if (step.appendedToAcknowledged && ticket.acknowledgedBy) return { cards: [{ kind: 'new_message', to: [ticket.acknowledgedBy] }], unassigned: false };
  return { cards: [], unassigned: false };
}

export interface NotifyDeps {
  wecom: WecomApi;
  events: TicketEvents;
  log: Logger;
  publicBaseUrl: string;
}

/** Sends the plan's textcards. Throws when WeCom refused or failed, so the step is retried. */
export async function notifyStaff(deps: NotifyDeps, ticket: Ticket, plan: NotifyPlan, ctx: { msgKey: string; nowMs: number }): Promise<void> {
  const base = { ticketId: ticket._id, memberId: ticket.memberId, atMs: ctx.nowMs, actor: { kind: 'system' as const, id: 'triage' } };
  if (plan.unassigned) {
    deps.log.error('triage ticket has nobody to notify', { ticketId: ticket._id, role: ticket.role, emergency: ticket.emergency });
    await deps.events.record({ ...base, type: 'unassigned', stepKey: ctx.msgKey, meta: { role: ticket.role } });
  }
  for (const card of plan.cards) {
    const textcard = staffCard({ kind: card.kind, ticketId: ticket._id, role: ticket.role, dueAtMs: ticket.slaDueAtMs, nowMs: ctx.nowMs, publicBaseUrl: deps.publicBaseUrl });
    try {
      const res = await deps.wecom.sendAppMessage({ touser: card.to, msgtype: 'textcard', textcard, dedupeWindowS: NOTIFY_DEDUPE_WINDOW_S });
      if (res.invalidUsers.length) deps.log.warn('triage notification refused for some staff', { ticketId: ticket._id, invalidUsers: res.invalidUsers });
      await deps.events.record({
        ...base,
        type: 'staff_notified',
        stepKey: `${ctx.msgKey}:${card.kind}`,
        meta: { kind: card.kind, to: card.to, invalidUsers: res.invalidUsers },
      });
    } catch (err) {
      const errcode = isWecomApiError(err) ? err.errcode : null;
      await deps.events.record({ ...base, atMs: ctx.nowMs, type: 'notify_failed', stepKey: `${ctx.msgKey}:${card.kind}:${ctx.nowMs}`, meta: { kind: card.kind, errcode } });
      throw err;
    }
  }
}
