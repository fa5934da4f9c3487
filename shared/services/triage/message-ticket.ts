import { slaDueAtMs } from '../../domain/reminders/sla';
import { onCallStaff } from '../team/roster';
import type { TriageContext } from './context';
import { setMessage } from './message-claim';
import type { ResolvedMember } from './pipeline';
import type { StoredClassification, Ticket, TriageMessage } from './records';
import type { AttachOutcome, TicketDraft } from './ticket-store';

/** The ticket a message went to, and what attaching it did (saved on the message record for a replay). */
export interface MessageTicket {
  ticket: Ticket;
  opened: boolean;
  upgraded: boolean;
  appendedToAcknowledged: boolean;
}

/** The ticket a classified message would open: the member's team member for the role, the on-call doctor for an emergency. */
async function draftFor(ctx: TriageContext, who: ResolvedMember, c: StoredClassification, now: number, channel: TriageMessage['channel']): Promise<TicketDraft> {
  const team = who.memberKnown ? (who.member?.team ?? {}) : {};
  const onCall = c.emergency ? (await onCallStaff(ctx.deps.store, 'family_doctor')).map((s) => s._id) : [];
  const assignee = team[c.role] ?? (c.emergency ? (onCall[0] ?? null) : null);
  const emergencyAckMinutes = ctx.options.emergencyAckMinutes;
  return {
    memberId: who.memberId,
    memberKnown: who.memberKnown,
    role: c.role,
    assignee,
    emergency: c.emergency,
    urgent: c.disposition === 'urgent',
    redFlags: [...c.redFlags],
    intent: c.intent,
    channel,
    createdAtMs: now,
    slaStartAtMs: now,
    slaDueAtMs: slaDueAtMs({ emergency: c.emergency, urgent: c.disposition === 'urgent', createdAtMs: now, role: c.role }, { emergencyAckMinutes }),
    emergencyAckMinutes,
    onCallList: onCall.filter((id) => id !== assignee),
    ...(c.emergency && { onCallAlertsKept: true as const }),
  };
}

/** Opens a ticket for the message or appends it to the member's open one (an emergency upgrades it); records the ticket events. */
async function attach(ctx: TriageContext, rec: TriageMessage, who: ResolvedMember, c: StoredClassification, now: number): Promise<AttachOutcome> {
  const draft = await draftFor(ctx, who, c, now, rec.channel);
  const upgrade = c.emergency
    ? { redFlags: draft.redFlags, assignee: draft.assignee, onCallList: draft.onCallList, slaDueAtMs: draft.slaDueAtMs, emergencyAckMinutes: draft.emergencyAckMinutes }
    : undefined;
  const outcome = await ctx.tickets.attach(rec._id, draft, now, upgrade);
  const t = outcome.ticket;
  const base = { ticketId: t._id, memberId: t.memberId, atMs: now, actor: { kind: 'system' as const, id: 'triage' }, stepKey: rec._id };
  const classified = { intent: c.intent, role: c.role, disposition: c.disposition ?? (c.emergency ? 'emergency' : 'routine'), emergency: c.emergency, redFlags: c.redFlags, by: c.by, llm: c.llm, confidence: c.confidence };
  if (outcome.kind === 'opened') {
    await ctx.events.record({ ...base, type: 'opened', meta: { channel: rec.channel, role: t.role, emergency: t.emergency, assignee: t.assignee, memberKnown: t.memberKnown } });
  } else {
    await ctx.events.record({ ...base, type: 'message_appended', meta: { channel: rec.channel } });
    if (outcome.upgraded) await ctx.events.record({ ...base, type: 'upgraded_to_emergency', meta: { redFlags: t.redFlags, onCall: t.onCallList } });
  }
  await ctx.events.record({ ...base, type: 'classified', meta: classified });
  return outcome;
}

/** The ticket step: attaches the message once; a resumed record reads the ticket it already went to. */
export async function ticketOfMessage(ctx: TriageContext, rec: TriageMessage, who: ResolvedMember, c: StoredClassification, now: number): Promise<MessageTicket> {
  if (rec.ticketId) {
    const ticket = await ctx.tickets.get(rec.ticketId);
    if (!ticket) throw new Error(`ticket ${rec.ticketId} of message ${rec._id} is missing`);
    return { ticket, opened: rec.opened === true, upgraded: rec.upgraded === true, appendedToAcknowledged: rec.appendedToAcknowledged === true };
  }
  const outcome = await attach(ctx, rec, who, c, now);
  const opened = outcome.kind === 'opened';
  const upgraded = outcome.kind === 'appended' && outcome.upgraded;
  const appendedToAcknowledged = outcome.kind === 'appended' && outcome.wasAcknowledged && !outcome.upgraded;
  await setMessage(ctx, rec._id, { ticketId: outcome.ticket._id, opened, upgraded, appendedToAcknowledged });
  return { ticket: outcome.ticket, opened, upgraded, appendedToAcknowledged };
}
