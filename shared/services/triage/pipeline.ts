import { DuplicateKeyError } from '../../errors';
import { slaDueAtMs } from '../../domain/reminders/sla';
import type { FourRRole } from '../../domain/team/roles';
import type { Member } from '../members/member';
import { onCallStaff, staffByIds } from '../team/roster';
import type { TriageContext } from './context';
import { classifyMessage } from './classify-step';
import { planNotification, notifyStaff } from './notify-staff';
import { MESSAGES, type ReplyState, type StoredClassification, type Ticket, type TriageMessage } from './records';
import { planReply, sendKfReply, type ReplyPlan } from './reply-customer';
import type { InboundMessage } from './schemas';
import { forwardReceiptText, heldNoticeText } from './texts';
import type { AttachOutcome, TicketDraft } from './ticket-store';

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

/** Records left failed or abandoned are taken up again at most this often, then left for ops. */
const MAX_ATTEMPTS = 8;

/**
 * One customer message, start to end: dedup record (inserted before acting) → classification →
 * ticket (open or append) → reply to the customer → staff notification → audit. Each step's
 * outcome is saved on the message record, so a replay (retried callback, overlapping kf sync)
 * resumes where the last attempt stopped and repeats nothing that completed.
 */
export function createPipeline(ctx: TriageContext) {
  const { deps, options } = ctx;
  const messages = deps.store.collection<TriageMessage>(MESSAGES);

  const setMessage = (id: string, fields: Partial<TriageMessage>) => messages.updateOne({ _id: id }, { $set: fields });

  const decryptText = (rec: TriageMessage): string =>
    (deps.cipher.decryptFields({ text: rec.text }, ['text'], rec.memberId) as unknown as { text: string }).text;

  async function claim(inbound: InboundMessage, who: ResolvedMember): Promise<{ owned: boolean; rec: TriageMessage }> {
    const now = deps.clock.nowMs();
    const plain = {
      _id: inbound.msgKey,
      channel: inbound.channel,
      memberId: who.memberId,
      memberKnown: who.memberKnown,
      text: inbound.text,
      atMs: inbound.atMs,
      receivedAtMs: now,
      ...(inbound.channel === 'kf' && { openKfId: inbound.openKfId, externalUserId: inbound.externalUserId }),
      ...(inbound.channel === 'staff_forward' && { staffId: inbound.staffId }),
      status: 'processing' as const,
      attempts: 1,
      leaseUntilMs: now + options.leaseMs,
    };
    const rec = deps.cipher.encryptFields(plain, ['text'], who.memberId) as unknown as TriageMessage;
    try {
      await messages.insert(rec);
      return { owned: true, rec };
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
    return takeOver(inbound.msgKey, now);
  }

  /** A record that failed, or whose worker went quiet past its lease, may be taken over. */
  async function takeOver(msgKey: string, now: number): Promise<{ owned: boolean; rec: TriageMessage }> {
    const res = await messages.updateOne(
      { _id: msgKey, attempts: { $lt: MAX_ATTEMPTS }, $or: [{ status: 'failed' }, { status: 'processing', leaseUntilMs: { $lt: now } }] },
      { $set: { status: 'processing', leaseUntilMs: now + options.leaseMs }, $inc: { attempts: 1 } },
    );
    const rec = await messages.get(msgKey);
    if (!rec) throw new Error(`triage message ${msgKey} vanished`);
    return { owned: res.matched === 1, rec };
  }

  async function draftFor(who: ResolvedMember, c: StoredClassification, now: number, channel: TriageMessage['channel']): Promise<TicketDraft> {
    const team = who.memberKnown ? (who.member?.team ?? {}) : {};
    const onCall = c.emergency ? (await onCallStaff(deps.store, 'family_doctor')).map((s) => s._id) : [];
    const assignee = team[c.role] ?? (c.emergency ? (onCall[0] ?? null) : null);
    const emergencyAckMinutes = options.emergencyAckMinutes;
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

  async function attach(rec: TriageMessage, who: ResolvedMember, c: StoredClassification, now: number): Promise<AttachOutcome> {
    const draft = await draftFor(who, c, now, rec.channel);
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

  async function assigneeName(ticket: Ticket): Promise<string | undefined> {
    if (!ticket.assignee) return undefined;
    return (await staffByIds(deps.store, [ticket.assignee])).get(ticket.assignee)?.name;
  }

  /**
   * The outbound review of the butler's answer to a member (services/review). Emergency first aid and
   * urgent escalation texts go out without waiting: the review answers them before any I/O. A held
   * answer is not sent (the ticket's staff answer instead); true when held.
   */
  async function heldByReview(rec: TriageMessage, plan: ReplyPlan, ticket: Ticket, now: number): Promise<boolean> {
    if (rec.channel === 'staff_forward' || (rec.channel === 'kf' && !plan.sendOverKf)) return false;
    const urgency = plan.kind === 'emergency' || plan.kind === 'urgent' ? 'emergency' : 'routine';
    const decision = await ctx.review.review({ channel: 'triage_reply', ref: rec._id, memberId: rec.memberId, text: plan.text, author: { kind: 'system', id: 'triage' }, urgency, ticketId: ticket._id });
    if (decision.send) return false;
    await ctx.events.record({ ticketId: ticket._id, memberId: rec.memberId, atMs: now, actor: { kind: 'system', id: 'triage' }, stepKey: rec._id, type: 'reply_held', meta: { kind: plan.kind, reviewId: decision.reviewId } });
    return true;
  }

  /** Delivers the reply for the record's channel; returns the state to save. */
  async function deliverReply(rec: TriageMessage, plan: ReplyPlan, ticket: Ticket, now: number): Promise<ReplyState> {
    if (rec.channel === 'mini_program') {
      await ctx.events.record({ ticketId: ticket._id, memberId: rec.memberId, atMs: now, actor: { kind: 'system', id: 'triage' }, stepKey: rec._id, type: 'customer_replied', meta: { kind: plan.kind, channel: 'mini_program' } });
      return 'sent';
    }
    if (rec.channel === 'staff_forward') {
      const content = forwardReceiptText({ ticketId: ticket._id, role: ticket.role, emergency: ticket.emergency, opened: rec.opened === true, onCall: ticket.onCallList.length > 0 });
      // A receipt for the staff member; failing it must not hold up the customer's ticket.
      await deps.wecom.sendAppMessage({ touser: rec.staffId ?? '', msgtype: 'text', text: { content }, dedupeWindowS: 600 }).catch((err: unknown) => {
        deps.log.warn('triage forward receipt not sent', { ticketId: ticket._id, error: err instanceof Error ? err.name : 'error' });
      });
      return 'none';
    }
    if (!plan.sendOverKf) return 'none';
    // A send that may have left before a crash is not repeated, except the life-safety reply.
    if (rec.reply === 'sending' && plan.kind !== 'emergency') {
      await ctx.events.record({ ticketId: ticket._id, memberId: rec.memberId, atMs: now, actor: { kind: 'system', id: 'triage' }, stepKey: rec._id, type: 'reply_failed', meta: { kind: plan.kind, outcomeUnknown: true } });
      return 'unknown';
    }
    await setMessage(rec._id, { reply: 'sending' });
    return sendKfReply(
      { wecom: deps.wecom, window: ctx.kfWindow, events: ctx.events },
      { memberId: rec.memberId, openKfId: rec.openKfId ?? '', externalUserId: rec.externalUserId ?? '', plan, ticket, msgKey: rec._id, nowMs: now },
    );
  }

  /** Runs (or resumes) an owned record to the end. Marks it failed on error so a replay can resume. */
  async function run(rec: TriageMessage, text: string, who: ResolvedMember): Promise<IngestResult> {
    try {
      const now = deps.clock.nowMs();
      let c = rec.classification;
      if (!c) {
        c = await classifyMessage(text, { ...(ctx.llm && { llm: ctx.llm }), timeoutMs: options.llmTimeoutMs, askBelowConfidence: options.llmAskBelowConfidence, log: deps.log });
        await setMessage(rec._id, { classification: c });
      }

      let ticket: Ticket | null;
      let opened = rec.opened === true;
      let upgraded = rec.upgraded === true;
      let appendedToAcknowledged = rec.appendedToAcknowledged === true;
      if (!rec.ticketId) {
        const outcome = await attach(rec, who, c, now);
        ticket = outcome.ticket;
        opened = outcome.kind === 'opened';
        upgraded = outcome.kind === 'appended' && outcome.upgraded;
        appendedToAcknowledged = outcome.kind === 'appended' && outcome.wasAcknowledged && !outcome.upgraded;
        await setMessage(rec._id, { ticketId: ticket._id, opened, upgraded, appendedToAcknowledged });
      } else {
        ticket = await ctx.tickets.get(rec.ticketId);
        if (!ticket) throw new Error(`ticket ${rec.ticketId} of message ${rec._id} is missing`);
      }

      if (rec.channel === 'kf' && rec.openKfId && rec.externalUserId) {
        await ctx.kfWindow.customerMessage({ memberId: rec.memberId, openKfId: rec.openKfId, externalUserId: rec.externalUserId, atMs: rec.atMs });
      }

      if (rec.memberKnown && ctx.onCustomerMessage) {
        await ctx.onCustomerMessage(rec.memberId, rec.atMs).catch((err: unknown) => {
          deps.log.warn('triage could not report the member response', { msgKey: rec._id, error: err instanceof Error ? err.name : 'error' });
        });
      }

      const plan = planReply({
        classification: c,
        ticket,
        opened,
        memberKnown: rec.memberKnown,
        text,
        nowMs: now,
        ...(opened && !c.emergency && { assigneeName: await assigneeName(ticket) }),
      });
      let shown = plan;
      if (rec.reply === undefined || rec.reply === 'sending') {
        const held = await heldByReview(rec, plan, ticket, now);
        if (held) shown = { ...plan, text: heldNoticeText() };
        const reply = held ? 'skipped' : await deliverReply({ ...rec, opened }, plan, ticket, now);
        // What the customer was told stays with their message, encrypted like it, for the staff reading the ticket.
        const said = reply === 'sent' ? (deps.cipher.encryptFields({ replyText: plan.text }, ['replyText'], rec.memberId) as unknown as Pick<TriageMessage, 'replyText'>) : {};
        await setMessage(rec._id, { reply, ...said, ...(reply === 'sent' && { repliedAtMs: now }) });
      }

      if (!rec.notified) {
        const notifyPlan = planNotification(ticket, { opened, upgraded, appendedToAcknowledged });
        // Before the card goes out: the doctor it reaches can open the ticket and finds it in their queue.
        const onCallTo = notifyPlan.cards.filter((c) => c.kind === 'on_call').flatMap((c) => c.to);
        if (onCallTo.length) await ctx.onCallAlerts.record({ ticketId: ticket._id, memberId: ticket.memberId }, onCallTo, 0, now);
        await notifyStaff({ wecom: deps.wecom, events: ctx.events, log: deps.log, publicBaseUrl: deps.config.PUBLIC_BASE_URL }, ticket, notifyPlan, { msgKey: rec._id, nowMs: now });
        await setMessage(rec._id, { notified: true });
      }

      await deps.audit.append({
        actor: { kind: 'system', id: 'triage' },
        action: 'triage.message',
        subjectMemberId: rec.memberId,
        outcome: 'done',
        meta: { ticketId: ticket._id, channel: rec.channel, role: ticket.role, emergency: ticket.emergency, opened, memberKnown: rec.memberKnown },
      });
      await messages.updateOne({ _id: rec._id }, { $set: { status: 'done', leaseUntilMs: 0 }, $unset: { lastError: true } });
      return { outcome: 'processed', msgKey: rec._id, ticketId: ticket._id, role: ticket.role, emergency: ticket.emergency, reply: shown };
    } catch (err) {
      const message = err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error';
      await setMessage(rec._id, { status: 'failed', leaseUntilMs: 0, lastError: message.slice(0, 300) });
      throw err;
    }
  }

  /** What a replay of an already handled (or in-flight) message answers. */
  async function settled(rec: TriageMessage, outcome: 'duplicate' | 'in_progress'): Promise<IngestResult> {
    const ticket = rec.ticketId ? await ctx.tickets.get(rec.ticketId) : null;
    if (!ticket || !rec.classification) return { outcome, msgKey: rec._id };
    const plan = planReply({ classification: rec.classification, ticket, opened: rec.opened === true, memberKnown: rec.memberKnown, text: decryptText(rec), nowMs: deps.clock.nowMs() });
    return { outcome, msgKey: rec._id, ticketId: ticket._id, role: ticket.role, emergency: ticket.emergency, reply: plan };
  }

  async function whoOf(rec: TriageMessage): Promise<ResolvedMember> {
    const member = await deps.members.get(rec.memberId);
    return { memberId: rec.memberId, member, memberKnown: rec.memberKnown };
  }

  return {
    async ingest(inbound: InboundMessage, who: ResolvedMember): Promise<IngestResult> {
      const { owned, rec } = await claim(inbound, who);
      if (!owned) return settled(rec, rec.status === 'done' ? 'duplicate' : 'in_progress');
      return run(rec, inbound.text, who);
    },

    /**
     * Finishes messages whose processing failed or stalled (e.g. a kf sync by another callback
     * moved the cursor past them). Errors are logged, not thrown: this is a sweep.
     */
    async resumePending(limit = 20): Promise<{ resumed: number; failed: number }> {
      const now = deps.clock.nowMs();
      const stale = await messages.find(
        { attempts: { $lt: MAX_ATTEMPTS }, $or: [{ status: 'failed' }, { status: 'processing', leaseUntilMs: { $lt: now } }] },
        { sort: { atMs: 1, _id: 1 }, limit },
      );
      let resumed = 0;
      let failed = 0;
      for (const candidate of stale) {
        const { owned, rec } = await takeOver(candidate._id, now);
        if (!owned) continue;
        try {
          await run(rec, decryptText(rec), await whoOf(rec));
          resumed += 1;
        } catch (err) {
          failed += 1;
          deps.log.warn('triage message still failing', { msgKey: rec._id, attempts: rec.attempts, error: err instanceof Error ? err.name : 'error' });
        }
      }
      return { resumed, failed };
    },
  };
}

export type Pipeline = ReturnType<typeof createPipeline>;
