import type { FourRRole } from '../../domain/team/roles';
import type { Member } from '../members/member';
import type { TriageContext } from './context';
import { classifyMessage } from './classify-step';
import { claimMessage, decryptMessageText, messagesOf, resumableMessages, setMessage, takeOverMessage } from './message-claim';
import { replyToCustomer } from './message-reply';
import { ticketOfMessage, type MessageTicket } from './message-ticket';
import { planNotification, notifyStaff } from './notify-staff';
import type { StoredClassification, TriageMessage } from './records';
import { planReply, type ReplyPlan } from './reply-customer';
import type { InboundMessage } from './schemas';

/** Who a message is about, decided before anything is stored (the member id is the encryption aad). */
export interface ResolvedMember {
  memberId: string;
  member: Member | null;
  /** An active member; otherwise `memberId` is the id they would get when they join. */
  memberKnown: boolean;
}

export interface IngestResult {
  outcome: 'processed' | 'duplicate' | 'in_progress';
  msgKey: string;
  ticketId?: string;
  role?: FourRRole;
  emergency?: boolean;
  /** What the customer is (or would be) told. */
  reply?: ReplyPlan;
}

/**
 * The classification step, once per message: the rules, and the model's second opinion when one is
 * configured (classify-step.ts); saved on the record so a replay does not classify again.
 */
async function classificationOf(ctx: TriageContext, rec: TriageMessage, text: string): Promise<StoredClassification> {
  if (rec.classification) return rec.classification;
  const c = await classifyMessage(text, { ...(ctx.llm && { llm: ctx.llm }), timeoutMs: ctx.options.llmTimeoutMs, askBelowConfidence: ctx.options.llmAskBelowConfidence, log: ctx.deps.log });
  await setMessage(ctx, rec._id, { classification: c });
  return c;
}

/** The customer wrote: the kf session window opens again, and the reminders hear of it (best effort). */
async function noteCustomerMessage(ctx: TriageContext, rec: TriageMessage): Promise<void> {
  if (rec.channel === 'kf' && rec.openKfId && rec.externalUserId) {
    await ctx.kfWindow.customerMessage({ memberId: rec.memberId, openKfId: rec.openKfId, externalUserId: rec.externalUserId, atMs: rec.atMs });
  }
  if (rec.memberKnown && ctx.onCustomerMessage) {
    await ctx.onCustomerMessage(rec.memberId, rec.atMs).catch((err: unknown) => {
      ctx.deps.log.warn('triage could not report the member response', { msgKey: rec._id, error: err instanceof Error ? err.name : 'error' });
    });
  }
}

/** The staff step, once per message: the cards the ticket calls for (on-call alerts recorded first). */
async function notifyTeam(ctx: TriageContext, rec: TriageMessage, at: MessageTicket, now: number): Promise<void> {
  if (rec.notified) return;
  const { ticket } = at;
  const notifyPlan = planNotification(ticket, { opened: at.opened, upgraded: at.upgraded, appendedToAcknowledged: at.appendedToAcknowledged });
  // Before the card goes out: the doctor it reaches can open the ticket and finds it in their queue.
  const onCallTo = notifyPlan.cards.filter((c) => c.kind === 'on_call').flatMap((c) => c.to);
  if (onCallTo.length) await ctx.onCallAlerts.record({ ticketId: ticket._id, memberId: ticket.memberId }, onCallTo, 0, now);
  const { deps } = ctx;
  await notifyStaff({ wecom: deps.wecom, events: ctx.events, log: deps.log, publicBaseUrl: deps.config.PUBLIC_BASE_URL }, ticket, notifyPlan, { msgKey: rec._id, nowMs: now });
  await setMessage(ctx, rec._id, { notified: true });
}

/** The last step: the audit entry, and the record marked done. */
async function finish(ctx: TriageContext, rec: TriageMessage, at: MessageTicket): Promise<void> {
  const { ticket } = at;
  await ctx.deps.audit.append({
    actor: { kind: 'system', id: 'triage' },
    action: 'triage.message',
    subjectMemberId: rec.memberId,
    outcome: 'done',
    meta: { ticketId: ticket._id, channel: rec.channel, role: ticket.role, emergency: ticket.emergency, opened: at.opened, memberKnown: rec.memberKnown },
  });
  await messagesOf(ctx).updateOne({ _id: rec._id }, { $set: { status: 'done', leaseUntilMs: 0 }, $unset: { lastError: true } });
}

/** Runs (or resumes) an owned record to the end. Marks it failed on error so a replay can resume. */
async function run(ctx: TriageContext, rec: TriageMessage, text: string, who: ResolvedMember): Promise<IngestResult> {
  try {
    const now = ctx.deps.clock.nowMs();
    const c = await classificationOf(ctx, rec, text);
    const at = await ticketOfMessage(ctx, rec, who, c, now);
    await noteCustomerMessage(ctx, rec);
    const shown = await replyToCustomer(ctx, rec, text, c, at, now);
    await notifyTeam(ctx, rec, at, now);
    await finish(ctx, rec, at);
    return { outcome: 'processed', msgKey: rec._id, ticketId: at.ticket._id, role: at.ticket.role, emergency: at.ticket.emergency, reply: shown };
  } catch (err) {
    const message = err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error';
    await setMessage(ctx, rec._id, { status: 'failed', leaseUntilMs: 0, lastError: message.slice(0, 300) });
    throw err;
  }
}

/** What a replay of an already handled (or in-flight) message answers. */
async function settled(ctx: TriageContext, rec: TriageMessage, outcome: 'duplicate' | 'in_progress'): Promise<IngestResult> {
  const ticket = rec.ticketId ? await ctx.tickets.get(rec.ticketId) : null;
  if (!ticket || !rec.classification) return { outcome, msgKey: rec._id };
  const plan = planReply({ classification: rec.classification, ticket, opened: rec.opened === true, memberKnown: rec.memberKnown, text: decryptMessageText(ctx, rec), nowMs: ctx.deps.clock.nowMs() });
  return { outcome, msgKey: rec._id, ticketId: ticket._id, role: ticket.role, emergency: ticket.emergency, reply: plan };
}

async function whoOf(ctx: TriageContext, rec: TriageMessage): Promise<ResolvedMember> {
  const member = await ctx.deps.members.get(rec.memberId);
  return { memberId: rec.memberId, member, memberKnown: rec.memberKnown };
}

/**
 * Finishes messages whose processing failed or stalled (e.g. a kf sync by another callback
 * moved the cursor past them). Errors are logged, not thrown: this is a sweep.
 */
async function resumePending(ctx: TriageContext, limit: number): Promise<{ resumed: number; failed: number }> {
  const now = ctx.deps.clock.nowMs();
  const stale = await resumableMessages(ctx, now, limit);
  let resumed = 0;
  let failed = 0;
  for (const candidate of stale) {
    const { owned, rec } = await takeOverMessage(ctx, candidate._id, now);
    if (!owned) continue;
    try {
      await run(ctx, rec, decryptMessageText(ctx, rec), await whoOf(ctx, rec));
      resumed += 1;
    } catch (err) {
      failed += 1;
      ctx.deps.log.warn('triage message still failing', { msgKey: rec._id, attempts: rec.attempts, error: err instanceof Error ? err.name : 'error' });
    }
  }
  return { resumed, failed };
}

/**
 * One customer message, start to end: dedup record (inserted before acting: message-claim.ts) →
 * classification → ticket (open or append: message-ticket.ts) → reply to the customer
 * (message-reply.ts) → staff notification → audit. Each step's outcome is saved on the message
 * record, so a replay (retried callback, overlapping kf sync) resumes where the last attempt stopped
 * and repeats nothing that completed.
 */
export function createPipeline(ctx: TriageContext) {
  return {
    async ingest(inbound: InboundMessage, who: ResolvedMember): Promise<IngestResult> {
      const { owned, rec } = await claimMessage(ctx, inbound, who);
      if (!owned) return settled(ctx, rec, rec.status === 'done' ? 'duplicate' : 'in_progress');
      return run(ctx, rec, inbound.text, who);
    },
    resumePending: (limit = 20) => resumePending(ctx, limit),
  };
}

export type Pipeline = ReturnType<typeof createPipeline>;
