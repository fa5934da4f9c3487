import { randomUUID } from 'node:crypto';
import type { FieldCipher } from '../../adapters/crypto/field-cipher';
import { batchMassTasks, chooseChannel, isKfWindowOpen, type Channel, type ChannelChoice } from '../../domain/reminders/channel-router';
import { nextFollowUp } from '../../domain/reminders/follow-up-cadence';
import { applyQuietHours, isQuietHour } from '../../domain/reminders/quiet-hours';
import { retryPlan } from '../../domain/reminders/retry-plan';
import type { FourRRole } from '../../domain/team/roles';
import type { Clock } from '../../ports/clock';
import type { DocumentStore, Filter, Update } from '../../ports/document-store';
import type { Logger } from '../../ports/logger';
import type { WecomApi } from '../../ports/wecom-api';
import type { Member } from '../members/member';
import type { MemberRepository } from '../members/member-repository';
import { clip, contentHash, decryptText, KIND_LABELS_ZH, renderText, shanghaiLabel } from './content';
import { classifySendError, type SendFailure, type SendPhase } from './delivery-outcome';
import type { KfSession, KfWindowSource } from './kf-window';
import type { MemberStateStore } from './member-state';
import { massSenders } from './mass-senders';
import { followingOccurrence, latestDueOccurrence, quietExempt } from './occurrences';
import {
  ensureReminderIndexes,
  occurrenceKey,
  REMINDER_DEAD_LETTERS,
  REMINDERS,
  type DeadLetterDoc,
  type DeadLetterReason,
  type ReminderDoc,
} from './reminder-doc';
import type { ReminderSettings } from './settings';
import type { SubscriptionDoc, SubscriptionStore } from './subscriptions';
import { ApiBlocked, ApiPacer, CHANNEL_API } from './api-pacer';
import { Intake } from './intake';
import type { SendWindow } from './send-window';
import { DeadlineReached, mapPool, Semaphore } from './throttle';

export interface DispatcherDeps {
  store: DocumentStore;
  clock: Clock;
  wecom: WecomApi;
  log: Logger;
  members: MemberRepository;
  cipher: FieldCipher;
  settings: ReminderSettings;
  kf: KfWindowSource;
  subscriptions: SubscriptionStore;
  memberState: MemberStateStore;
  /** HMAC key for content hashes. */
  contentKey: string;
  random: () => number;
  /** Called once when a member's follow-up cadence gives up (flag + tell the health butler). */
  onLowCooperation(member: Member, reminder: ReminderDoc, nowMs: number): Promise<void>;
  /** Wall clock for the run's deadline (the function's time limit is real time even under a test clock). */
  monotonicNow?: () => number;
}

export interface DispatchOptions {
  /** Only these shard slots (a fan-out worker); all when omitted. */
  shards?: readonly number[];
  /** Real milliseconds this run may take (the function's time limit minus a margin). */
  budgetMs?: number;
  /**
   * The timer minute's sending window (send-window.ts), on the monotonic clock: the run ends with it
   * and spends each API's per-minute share inside it. Without one (a manual run) the share is
   * spread over whole minutes.
   */
  sendWindow?: SendWindow;
  /** Runs sharing the corp's per-API ceilings at once (fan-out workers); this run paces at 1/paceWorkers. Default 1. */
  paceWorkers?: number;
  hooks?: {
    /**
     * After each WeCom call that delivered `count` reminders, before their outcome is recorded.
     * Returning true simulates a crash right there: the run stops, writes nothing more and keeps
     * its leases (bench and tests).
     */
    afterSend?(count: number): boolean;
  };
}

export type StopReason = 'drained' | 'deadline' | 'rate_limited' | 'crashed' | 'stalled';

export interface DispatchReport {
  runId: string;
  batches: number;
  claimed: number;
  sent: number;
  byChannel: Record<Channel, number>;
  deferred: number;
  retried: number;
  deadLettered: number;
  cancelled: number;
  /** Occurrences found mid-send after a crash and not resent (the first run may have sent them). */
  uncertain: number;
  /** Claimed but handed back unprocessed (deadline, rate limit). */
  released: number;
  rateLimitSignals: number;
  stoppedBy: StopReason;
}

interface MassItem {
  doc: ReminderDoc;
  /** Candidate senders in order (massSenders); `senderIndex` is the one tried now. */
  senders: string[];
  senderIndex: number;
  externalUserId: string;
  text: string;
  choice: ChannelChoice;
  hash: string | null;
  cadenceNextAtMs?: number;
}

class Crashed extends Error {}

const DEFAULT_BUDGET_MS = 50_000;
/** An API is fed more reminders while fewer than this many milliseconds of its tokens are queued for. */
const QUEUE_AHEAD_MS = 3_000;
/** Claimed reminders a run holds at most, in batches (see Intake). */
const MAX_HELD_BATCHES = 20;
/** Channels a member reminder may try in turn before giving up (kf → subscription → mass task). */
const MAX_CHANNEL_HOPS = 3;

/** One dispatch run: claim due reminders under a lease, deliver, record, reschedule. */
export async function dispatchDue(deps: DispatcherDeps, options: DispatchOptions = {}): Promise<DispatchReport> {
  await ensureReminderIndexes(deps.store);
  const { settings, clock } = deps;
  const reminders = deps.store.collection<ReminderDoc>(REMINDERS);
  const deadLetters = deps.store.collection<DeadLetterDoc>(REMINDER_DEAD_LETTERS);
  const mono = deps.monotonicNow ?? Date.now;
  const window = options.sendWindow;
  const deadlineAtMs = Math.min(mono() + (options.budgetMs ?? DEFAULT_BUDGET_MS), window?.toMs ?? Number.POSITIVE_INFINITY);
  const pacer = new ApiPacer({
    share: settings.apiShare,
    ceilings: settings.apiCeilingPerMin,
    workers: options.paceWorkers ?? 1,
    deadlineAtMs,
    now: mono,
    ...(window && { sendWindowMs: window.toMs - window.fromMs }),
  });
  const pastDeadline = () => mono() >= deadlineAtMs;
  /**
   * An API wants more reminders while fewer are queued for it (for a token, or token in hand for a
   * place) than it sends in QUEUE_AHEAD_MS, at most a batch (an unpaced API: as places free up). One
   * that cannot give a token before the deadline wants none; the others still do.
   */
  const intake = new Intake({
    maxHeld: settings.batchSize * MAX_HELD_BATCHES,
    wantsMore: (api, waiting) => !pacer.isOutOfTime(api) && waiting < Math.min(pacer.tokensIn(api, QUEUE_AHEAD_MS), settings.batchSize),
  });
  /**
   * Reminders that found no time left keep their lease until the run ends and are released then:
   * released at once, they would be due again and claimed again ahead of what can still be sent.
   */
  const handedBack: ReminderDoc[] = [];
  const handBack = (doc: ReminderDoc) => {
    handedBack.push(doc);
    intake.keep();
  };
  /**
   * `settings.concurrency` reminders are worked on at once (store work, the WeCom call). Waiting for
   * an API's token gives the place up: otherwise every place would end up queued behind the busiest
   * API while the others, with tokens to spare, had nobody left to send. A reminder holding its
   * token gets the next free place before reminders not yet routed: the token is a send slot of
   * the API's pace, and spent late it is pace lost.
   */
  const work = new Semaphore(settings.concurrency);
  const waitForToken = async (api: string, doc?: ReminderDoc) => {
    work.release();
    if (doc) intake.waitsFor(doc._id, api);
    try {
      await pacer.take(api);
    } finally {
      await work.acquire(true);
      if (doc) intake.doneWaiting(api);
    }
    // The token came in time, but the place to use it may not have; and WeCom may have blocked the API meanwhile.
    if (pastDeadline()) throw new DeadlineReached('no time left in this run');
    await pacer.whenOpen(api);
  };
  /** A rate-limit answer on `api`: that API alone waits out WeCom's block (60 s for 45009). */
  const blockApi = (api: string, delayMs: number) => pacer.block(api, mono() + Math.max(0, delayMs));
  /** Put off to the end of its API's block, without counting an attempt. */
  const deferBlocked = (doc: ReminderDoc, blocked: ApiBlocked) =>
    defer(doc, applyQuietHours(clock.nowMs() + Math.max(0, blocked.untilMs - mono()), { exempt: quietExempt(doc) }), 'rate_limited');
  const runId = randomUUID();
  let claimSeq = 0;
  let crashed = false;
  const report: DispatchReport = {
    runId,
    batches: 0,
    claimed: 0,
    sent: 0,
    byChannel: { kf: 0, subscribe_message: 0, mass_task: 0, app_message: 0 },
    deferred: 0,
    retried: 0,
    deadLettered: 0,
    cancelled: 0,
    uncertain: 0,
    released: 0,
    rateLimitSignals: 0,
    stoppedBy: 'drained',
  };
  /** Channels this deployment cannot use (credentials not configured), learnt during the run. */
  const unavailable = new Set<Channel>();
  const memberCache = new Map<string, Promise<Member | null>>();
  const memberOf = (id: string) => {
    let m = memberCache.get(id);
    if (!m) memberCache.set(id, (m = deps.members.get(id)));
    return m;
  };
  const shardFilter: Filter = options.shards ? { shard: { $in: [...options.shards] } } : {};

  const checkCrash = () => {
    if (crashed) throw new Crashed();
  };
  const afterSend = (count: number) => {
    if (options.hooks?.afterSend?.(count)) crashed = true;
    checkCrash();
  };

  // --- writes on a claimed reminder: every one is conditional on still holding the lease ---
  const held = (doc: ReminderDoc): Filter => ({ status: 'leased', leaseId: doc.leaseId ?? null, _id: doc._id });
  const RELEASE: Update['$unset'] = { leaseId: true, leaseUntilMs: true, inFlight: true };
  async function write(doc: ReminderDoc, set: Record<string, unknown>, extra: Omit<Update, '$set'> = {}): Promise<boolean> {
    checkCrash();
    const r = await reminders.updateOne(held(doc), {
      $set: { ...set, updatedAtMs: clock.nowMs() },
      $unset: { ...RELEASE, ...extra.$unset },
      $inc: { v: 1, ...extra.$inc },
    });
    if (!r.matched) deps.log.warn('reminder lease lost before its outcome was recorded', { reminderId: doc._id, runId });
    return r.matched === 1;
  }

  const release = async (doc: ReminderDoc) => {
    if (await write(doc, { status: 'scheduled' })) report.released += 1;
  };
  const defer = async (doc: ReminderDoc, dueAtMs: number, reason: string) => {
    if (await write(doc, { status: 'scheduled', dueAtMs, occurrenceAtMs: doc.occurrenceAtMs, lastDeferral: { reason, atMs: clock.nowMs() } })) report.deferred += 1;
  };
  const cancel = async (doc: ReminderDoc, reason: string) => {
    if (await write(doc, { status: 'cancelled', cancelledReason: reason })) report.cancelled += 1;
  };

  async function markInFlight(doc: ReminderDoc, channel: Channel, crashPoint = true): Promise<boolean> {
    if (crashPoint) checkCrash();
    const nowMs = clock.nowMs();
    const r = await reminders.updateOne(held(doc), {
      $set: { inFlight: { occurrence: occurrenceKey(doc), channel, atMs: nowMs }, occurrenceAtMs: doc.occurrenceAtMs, updatedAtMs: nowMs },
      $inc: { v: 1 },
    });
    return r.matched === 1;
  }

  /**
   * The channel tried was refused without delivering: drop its in-flight mark, so a crash before
   * the next channel's send is not mistaken for a send that may have arrived. False: lease lost.
   */
  async function clearInFlight(doc: ReminderDoc): Promise<boolean> {
    checkCrash();
    const r = await reminders.updateOne(held(doc), { $unset: { inFlight: true }, $set: { updatedAtMs: clock.nowMs() }, $inc: { v: 1 } });
    return r.matched === 1;
  }

  async function deadLetter(doc: ReminderDoc, reason: DeadLetterReason, failure: { code: string; errcode: number | null }, attempts: number, channel?: Channel) {
    checkCrash();
    const nowMs = clock.nowMs();
    const entry: Omit<DeadLetterDoc, '_id'> = {
      reminderId: doc._id,
      occurrenceAtMs: doc.occurrenceAtMs,
      ...(doc.memberId !== undefined && { memberId: doc.memberId }),
      kind: doc.kind,
      audience: doc.audience,
      ...(channel && { channel }),
      reason,
      code: failure.code,
      errcode: failure.errcode,
      attempts,
      atMs: nowMs,
    };
    // Keyed by occurrence: recording the same dead letter twice (a retried run) keeps one.
    await deadLetters.updateOne({ _id: occurrenceKey(doc) }, { $set: entry }, { upsert: true });
    report.deadLettered += 1;
    deps.log.warn('reminder dead-lettered', { reminderId: doc._id, reason, code: failure.code, errcode: failure.errcode, channel: channel ?? null });
  }

  async function finalizeSent(doc: ReminderDoc, outcome: { channel: Channel; reason: string; cadenceNextAtMs?: number; uncertain?: boolean }) {
    const nowMs = clock.nowMs();
    const next = followingOccurrence(doc, nowMs, outcome.cadenceNextAtMs);
    const set: Record<string, unknown> = {
      sentOccurrence: occurrenceKey(doc),
      lastSentAtMs: nowMs,
      channel: outcome.channel,
      channelReason: outcome.reason,
      attempts: 0,
      lastError: outcome.uncertain ? { code: 'outcome_unknown', atMs: nowMs } : null,
      ...(next ? { status: 'scheduled', occurrenceAtMs: next.occurrenceAtMs, dueAtMs: next.dueAtMs } : { status: 'sent' }),
    };
    if (doc.cadence) set.cadence = cadenceAfterSend(doc, nowMs);
    if (await write(doc, set, { $inc: { sentCount: 1 } })) {
      if (outcome.uncertain) report.uncertain += 1;
      else {
        report.sent += 1;
        report.byChannel[outcome.channel] += 1;
      }
    }
  }

  async function finalizeFailure(
    doc: ReminderDoc,
    failure: Exclude<SendFailure, { kind: 'rate_limited' | 'reroute' | 'unknown' | 'unavailable' }> | { kind: 'no_channel'; code: string; errcode: null },
    channel?: Channel,
    cadenceNextAtMs?: number,
  ) {
    const nowMs = clock.nowMs();
    const attempts = doc.attempts + 1;
    const lastError = { code: failure.code, errcode: failure.errcode, atMs: nowMs };
    if (failure.kind === 'retryable') {
      const plan = retryPlan(attempts, nowMs, deps.random, {
        maxAttempts: Math.min(failure.maxAttempts ?? settings.maxAttempts, settings.maxAttempts),
        minDelayMs: failure.backoffMs,
      });
      if (plan.action === 'retry') {
        const dueAtMs = applyQuietHours(plan.atMs, { exempt: quietExempt(doc) });
        if (await write(doc, { status: 'scheduled', dueAtMs, occurrenceAtMs: doc.occurrenceAtMs, attempts, lastError, ...(channel && { channel }) })) report.retried += 1;
        return;
      }
    }
    const reason: DeadLetterReason = failure.kind === 'retryable' ? 'retries_exhausted' : failure.kind === 'no_channel' ? 'no_channel' : 'final_error';
    await deadLetter(doc, reason, failure, attempts, channel);
    const next = followingOccurrence(doc, nowMs, cadenceNextAtMs);
    const set = next
      ? { status: 'scheduled', occurrenceAtMs: next.occurrenceAtMs, dueAtMs: next.dueAtMs, attempts: 0, lastError }
      : { status: reason === 'retries_exhausted' ? 'dead' : 'failed', attempts, lastError };
    await write(doc, { ...set, ...(channel && { channel }) });
  }

  function cadenceAfterSend(doc: ReminderDoc, nowMs: number) {
    const c = doc.cadence ?? { ignoredCount: 0, startedIgnoringAtMs: null };
    const lastResponse = cadenceResponse.get(doc._id) ?? null;
    const answered = c.startedIgnoringAtMs !== null && lastResponse !== null && lastResponse >= c.startedIgnoringAtMs;
    if (c.ignoredCount === 0 || answered) return { ignoredCount: 1, startedIgnoringAtMs: nowMs };
    return { ignoredCount: c.ignoredCount + 1, startedIgnoringAtMs: c.startedIgnoringAtMs };
  }
  const cadenceResponse = new Map<string, number | null>();

  /** The 004 cadence's verdict for a follow-up falling due now (undefined for other reminders). */
  async function cadenceDecision(doc: ReminderDoc, nowMs: number) {
    if (!doc.cadence || !doc.memberId) return undefined;
    const lastResponseAtMs = await deps.memberState.lastResponseAtMs(doc.memberId);
    cadenceResponse.set(doc._id, lastResponseAtMs);
    return nextFollowUp({ lastResponseAtMs, ...doc.cadence }, nowMs);
  }

  // --- one reminder ---
  async function processOne(doc: ReminderDoc, masses: MassItem[]): Promise<void> {
    checkCrash();
    const nowMs = clock.nowMs();

    // A previous run was sending this very occurrence when it died.
    if (doc.inFlight && doc.inFlight.occurrence === occurrenceKey(doc) && doc.inFlight.channel !== 'app_message') {
      const cadence = await cadenceDecision(doc, nowMs);
      await deadLetter(doc, 'outcome_unknown', { code: 'interrupted_send', errcode: null }, doc.attempts, doc.inFlight.channel);
      await finalizeSent(doc, {
        channel: doc.inFlight.channel,
        reason: 'interrupted mid-send by a crashed run; not resent because it may have arrived',
        uncertain: true,
        ...(cadence?.action === 'schedule' && { cadenceNextAtMs: cadence.atMs }),
      });
      return;
    }

    const member = doc.memberId ? await memberOf(doc.memberId) : null;
    // An escalation is about staff answering a ticket already raised: it goes out whatever the member's status.
    if (doc.memberId && doc.kind !== 'sla_escalation' && (!member || member.status !== 'active')) return cancel(doc, member ? `member_${member.status}` : 'member_unknown');

    doc.occurrenceAtMs = latestDueOccurrence(doc, nowMs);

    if (!quietExempt(doc) && isQuietHour(nowMs)) return defer(doc, applyQuietHours(nowMs, { exempt: false }), 'quiet_hours');

    let cadenceNextAtMs: number | undefined;
    const decision = await cadenceDecision(doc, nowMs);
    if (decision?.action === 'stop' && member) {
      await cancel(doc, 'low_cooperation');
      await deps.onLowCooperation(member, doc, nowMs);
      return;
    }
    if (decision?.action === 'schedule') cadenceNextAtMs = decision.atMs;

    const text = decryptText(deps.cipher, doc);
    if (doc.audience !== 'member') return sendToStaff(doc, member, renderText(text));
    if (!member) return finalizeFailure(doc, { kind: 'no_channel', code: 'no_member', errcode: null });
    return sendToMember(doc, member, text, cadenceNextAtMs, masses);
  }

  async function sendToStaff(doc: ReminderDoc, member: Member | null, text: string): Promise<void> {
    const assigned = member?.team[doc.audience as FourRRole];
    const touser = doc.staffUserIds?.length ? doc.staffUserIds : assigned ? [assigned] : [];
    if (touser.length === 0) return finalizeFailure(doc, { kind: 'no_channel', code: 'no_staff_assigned', errcode: null });
    const choice = chooseChannel({ audience: 'staff', kfWindow: { lastCustomerMsgAtMs: null, sentSinceThen: 0 }, subscription: null, nowMs: clock.nowMs() });
    const content = `【${KIND_LABELS_ZH[doc.kind]}】${text}${doc.memberId ? `\n会员编号：${doc.memberId}` : ''}`;
    let outcome: 'sent' | 'lost' | SendFailure;
    let phase: SendPhase = 'before';
    try {
      await waitForToken(CHANNEL_API.app_message, doc);
      outcome = await (async () => {
        if (!(await markInFlight(doc, 'app_message'))) return 'lost' as const;
        phase = 'calling';
        const res = await deps.wecom.sendAppMessage({ touser, msgtype: 'text', text: { content }, dedupeWindowS: settings.staffDedupeWindowS });
        phase = 'after';
        if (res.invalidUsers.length >= touser.length) return { kind: 'final', code: 'invalid_staff_userid', errcode: null } as const;
        return 'sent' as const;
      })();
    } catch (err) {
      if (err instanceof DeadlineReached) return handBack(doc);
      if (err instanceof ApiBlocked) return deferBlocked(doc, err);
      if (err instanceof Crashed) throw err;
      outcome = classifySendError(err, phase);
    }
    if (outcome === 'lost') return;
    if (outcome === 'sent') {
      afterSend(1);
      return finalizeSent(doc, { channel: 'app_message', reason: choice.reason });
    }
    return handleFailure(doc, outcome, 'app_message');
  }

  async function sendToMember(doc: ReminderDoc, member: Member, text: { title: string; content?: string }, cadenceNextAtMs: number | undefined, masses: MassItem[]): Promise<void> {
    const memberId = member._id;
    const rendered = renderText(text);
    const nowMs = clock.nowMs();
    // Emergencies are not held back by the anti-spam rules.
    let hash: string | null = null;
    if (!doc.emergency) {
      hash = contentHash(deps.contentKey, memberId, rendered);
      const verdict = await deps.memberState.reserve(memberId, hash, nowMs, occurrenceKey(doc));
      if (!verdict.ok) return defer(doc, applyQuietHours(verdict.retryAtMs, { exempt: quietExempt(doc) }), verdict.reason);
    }
    const releaseRules = async () => {
      if (hash !== null) await deps.memberState.release(memberId, occurrenceKey(doc), clock.nowMs());
    };

    const excluded = new Set<Channel>(unavailable);
    const templateId = settings.subscribeTemplates[doc.kind];
    for (let hop = 0; hop < MAX_CHANNEL_HOPS + 2; hop += 1) {
      const kfSession: KfSession | null = excluded.has('kf') ? null : await deps.kf.get(memberId);
      // An open kf window wins anyway: only look up the subscription when it is not.
      const kfOpen = kfSession !== null && isKfWindowOpen(kfSession, clock.nowMs());
      const sub: SubscriptionDoc | null = kfOpen || excluded.has('subscribe_message') ? null : await deps.subscriptions.get(memberId, templateId);
      const choice = chooseChannel({
        audience: 'member',
        kfWindow: kfSession ? { lastCustomerMsgAtMs: kfSession.lastCustomerMsgAtMs, sentSinceThen: kfSession.sentSinceThen } : { lastCustomerMsgAtMs: null, sentSinceThen: 0 },
        subscription: sub ? { templateId, remaining: sub.remaining } : null,
        nowMs: clock.nowMs(),
      });

      if (choice.channel === 'mass_task') {
        if (excluded.has('mass_task')) break;
        const senders = massSenders(member, doc.kind);
        if (senders.length === 0 || !member.externalUserId) {
          await releaseRules();
          return finalizeFailure(doc, { kind: 'no_channel', code: senders.length ? 'no_external_userid' : 'no_health_butler', errcode: null }, undefined, cadenceNextAtMs);
        }
        // Marked in flight right before its add_msg_template call (flushMassTasks), not now.
        masses.push({ doc, senders, senderIndex: 0, externalUserId: member.externalUserId, text: rendered, choice, hash, ...(cadenceNextAtMs !== undefined && { cadenceNextAtMs }) });
        return;
      }

      let reserved = false;
      const giveBack = async () => {
        if (!reserved) return;
        if (choice.channel === 'kf' && kfSession) await deps.kf.release(kfSession);
        if (choice.channel === 'subscribe_message' && sub) await deps.subscriptions.release(sub);
      };

      let outcome: 'sent' | 'lost' | SendFailure;
      let phase: SendPhase = 'before';
      try {
        await waitForToken(CHANNEL_API[choice.channel], doc);
        // Another reminder may have learnt meanwhile that this channel is not configured here.
        const learnt: SendFailure | null = unavailable.has(choice.channel) ? { kind: 'unavailable', code: 'wecom_not_configured', errcode: null } : null;
        if (!learnt) {
          // The channel's quota is taken only now, with the send's token and place in hand, so a run that
          // dies while waiting has used none; losing that race means someone else used it: look again.
          checkCrash();
          if (choice.channel === 'kf' && kfSession && !(await deps.kf.reserve(kfSession))) continue;
          if (choice.channel === 'subscribe_message' && sub && !(await deps.subscriptions.reserve(sub))) continue;
          reserved = true;
        }
        outcome = learnt ?? await (async () => {
          if (!(await markInFlight(doc, choice.channel))) return 'lost' as const;
          phase = 'calling';
          if (choice.channel === 'kf' && kfSession) {
            await deps.wecom.kfSendMsg({ touser: kfSession.externalUserId, openKfId: kfSession.openKfId, msgtype: 'text', text: { content: rendered } });
          } else if (choice.channel === 'subscribe_message' && sub) {
            await deps.wecom.sendSubscribeMessage({
              touser: sub.openId,
              templateId,
              page: settings.subscribePage,
              // Template keywords: thing1 = what (≤ 20 chars), time2 = when (Shanghai).
              data: { thing1: clip(text.title, 20), time2: shanghaiLabel(doc.occurrenceAtMs) },
            });
          }
          phase = 'after';
          return 'sent' as const;
        })();
      } catch (err) {
        if (err instanceof Crashed) throw err;
        if (err instanceof DeadlineReached || err instanceof ApiBlocked) {
          await giveBack();
          await releaseRules();
          return err instanceof ApiBlocked ? deferBlocked(doc, err) : handBack(doc);
        }
        outcome = classifySendError(err, phase);
      }
      if (outcome === 'lost') {
        await giveBack();
        return releaseRules();
      }
      if (outcome === 'sent') {
        afterSend(1);
        return finalizeSent(doc, { channel: choice.channel, reason: choice.reason, ...(cadenceNextAtMs !== undefined && { cadenceNextAtMs }) });
      }
      if (outcome.kind === 'unavailable') {
        // Not configured here (no mini-program credentials): nothing was used up; skip the channel for the whole run.
        await giveBack();
        if (!unavailable.has(choice.channel)) deps.log.warn('reminder channel not configured; using the next one', { channel: choice.channel, code: outcome.code });
        unavailable.add(choice.channel);
        excluded.add(choice.channel);
        if (!(await clearInFlight(doc))) return releaseRules();
        continue;
      }
      if (outcome.kind === 'reroute') {
        // This channel cannot reach the member now (kf quota/48 h, no subscription left): try the next.
        if (choice.channel === 'kf' && kfSession) await deps.kf.close(kfSession);
        if (choice.channel === 'subscribe_message' && sub) await deps.subscriptions.exhaust(sub);
        excluded.add(choice.channel);
        if (!(await clearInFlight(doc))) return releaseRules();
        continue;
      }
      if (outcome.kind !== 'unknown') {
        await giveBack();
        await releaseRules();
      }
      return handleFailure(doc, outcome, choice.channel, cadenceNextAtMs);
    }
    await releaseRules();
    return finalizeFailure(doc, { kind: 'no_channel', code: 'no_channel_left', errcode: null }, undefined, cadenceNextAtMs);
  }

  /** After a failed send whose reservations were already given back (except for an unknown outcome). */
  async function handleFailure(doc: ReminderDoc, failure: SendFailure, channel: Channel, cadenceNextAtMs?: number, slowDown = true): Promise<void> {
    switch (failure.kind) {
      case 'rate_limited':
        // Not the reminder's fault: pause this API (only) and try it again later, without an attempt.
        if (slowDown) blockApi(CHANNEL_API[channel], failure.backoffMs);
        return defer(doc, applyQuietHours(clock.nowMs() + failure.backoffMs, { exempt: quietExempt(doc) }), 'rate_limited');
      case 'unknown':
        // The request may have reached WeCom; resending could deliver twice. Ops decide.
        await deadLetter(doc, 'outcome_unknown', failure, doc.attempts + 1, channel);
        return finalizeSent(doc, { channel, reason: `outcome unknown (${failure.code}); not resent`, uncertain: true, ...(cadenceNextAtMs !== undefined && { cadenceNextAtMs }) });
      case 'reroute':
        return finalizeFailure(doc, { kind: 'final', code: failure.code, errcode: failure.errcode }, channel, cadenceNextAtMs);
      case 'unavailable':
        return finalizeFailure(doc, { kind: 'no_channel', code: failure.code, errcode: null }, channel, cadenceNextAtMs);
      default:
        return finalizeFailure(doc, failure, channel, cadenceNextAtMs);
    }
  }

  /**
   * Mass tasks of one batch: one add_msg_template per (sender, text), ≤ 10 000 customers each
   * (batchMassTasks). Customers a sender cannot reach (fail_list, 41048/84061) go to their next
   * candidate sender in another round; with none left the occurrence fails as mass_not_contact.
   */
  async function flushMassTasks(items: MassItem[]): Promise<void> {
    let pending = items;
    while (pending.length > 0) {
      const retry: MassItem[] = [];
      const byKey = new Map<string, MassItem[]>();
      const keyOf = (sender: string, text: string, ext: string) => JSON.stringify([sender, text, ext]);
      for (const item of pending) {
        const key = keyOf(item.senders[item.senderIndex] as string, item.text, item.externalUserId);
        byKey.set(key, [...(byKey.get(key) ?? []), item]);
      }
      const batches = batchMassTasks(pending.map((i) => ({ senderUserId: i.senders[i.senderIndex] as string, externalUserId: i.externalUserId, contentKey: i.text })));
      await mapPool(batches, batches.length, (batch) => work.run(async () => {
        let members = batch.externalUserIds.flatMap((ext) => byKey.get(keyOf(batch.senderUserId, batch.contentKey, ext)) ?? []);
        let failList: Set<string> | undefined;
        let failure: SendFailure | undefined;
        let phase: SendPhase = 'before';
        try {
          await waitForToken(CHANNEL_API.mass_task);
          const res = await (async () => {
            // The marks and the call are one step: a crash lands before the marks or after the call.
            checkCrash();
            const marked = await Promise.all(members.map((m) => markInFlight(m.doc, 'mass_task', false)));
            const lost = members.filter((_, i) => !marked[i]);
            members = members.filter((_, i) => marked[i]);
            for (const m of lost) if (m.hash !== null) await deps.memberState.release(m.doc.memberId as string, occurrenceKey(m.doc), clock.nowMs());
            if (members.length === 0) return { failList: [] as string[] };
            phase = 'calling';
            return deps.wecom.addMsgTemplate({ sender: batch.senderUserId, externalUserIds: [...new Set(members.map((m) => m.externalUserId))], text: batch.contentKey });
          })();
          failList = new Set(res.failList);
        } catch (err) {
          if (err instanceof Crashed) throw err;
          if (err instanceof DeadlineReached || err instanceof ApiBlocked) {
            for (const m of members) {
              if (m.hash !== null) await deps.memberState.release(m.doc.memberId as string, occurrenceKey(m.doc), clock.nowMs());
              if (err instanceof ApiBlocked) await deferBlocked(m.doc, err);
              else handBack(m.doc);
            }
            return;
          }
          failure = classifySendError(err, phase);
        }
        if (failList) afterSend(members.filter((m) => !failList?.has(m.externalUserId)).length);
        if (failure?.kind === 'rate_limited') blockApi(CHANNEL_API.mass_task, failure.backoffMs);
        await mapPool(members, settings.concurrency, async (m) => {
          const cadence = m.cadenceNextAtMs !== undefined ? { cadenceNextAtMs: m.cadenceNextAtMs } : {};
          if (failList && !failList.has(m.externalUserId)) return finalizeSent(m.doc, { channel: 'mass_task', reason: m.choice.reason, ...cadence });
          // Not a contact of this sender (fail_list, or the whole call refused for that reason): next sender.
          const unreachable = failList !== undefined || failure?.kind === 'reroute';
          if (unreachable && m.senderIndex + 1 < m.senders.length) {
            retry.push({ ...m, senderIndex: m.senderIndex + 1 });
            return;
          }
          const f: SendFailure = unreachable || !failure ? { kind: 'final', code: 'mass_not_contact', errcode: failure?.errcode ?? null } : failure;
          if (f.kind !== 'unknown' && m.hash !== null) await deps.memberState.release(m.doc.memberId as string, occurrenceKey(m.doc), clock.nowMs());
          return handleFailure(m.doc, f, 'mass_task', m.cadenceNextAtMs, false);
        });
      }));
      pending = retry;
    }
  }

  // --- batches ---
  let expiredLeasesLeft = true;
  async function findDue(nowMs: number, limit: number): Promise<ReminderDoc[]> {
    const due = (priority: 0 | 1, n: number) =>
      n <= 0 ? Promise.resolve([]) : reminders.find({ status: 'scheduled', priority, dueAtMs: { $lte: nowMs }, ...shardFilter }, { sort: { dueAtMs: 1 }, limit: n });
    const urgent = await due(0, limit);
    // Leases only expire after a crash; once a page comes back short there are none left this run.
    const expiredLimit = limit - urgent.length;
    const expired = expiredLeasesLeft && expiredLimit > 0 ? await reminders.find({ status: 'leased', leaseUntilMs: { $lt: nowMs }, ...shardFilter }, { sort: { leaseUntilMs: 1 }, limit: expiredLimit }) : [];
    if (expired.length < expiredLimit) expiredLeasesLeft = false;
    const routine = await due(1, limit - urgent.length - expired.length);
    return [...urgent, ...expired, ...routine];
  }

  async function claim(doc: ReminderDoc, nowMs: number): Promise<ReminderDoc | null> {
    const leaseId = `${runId}.${(claimSeq += 1)}`;
    const leaseUntilMs = nowMs + settings.leaseMs;
    const r = await reminders.updateOne({ v: doc.v, _id: doc._id }, { $set: { status: 'leased', leaseId, leaseUntilMs, updatedAtMs: nowMs }, $inc: { v: 1 } });
    return r.matched ? { ...doc, status: 'leased', leaseId, leaseUntilMs, v: doc.v + 1 } : null;
  }


  // --- the run: batches overlap (Intake); each member's reminders in order ---
  /** Reminders claimed and not yet started, per member: one member's go one after another (the cap and duplicate rules see each other). */
  const chains = new Map<string, ReminderDoc[]>();
  /** Mass-task items of reminders already routed, sent together once no claimed reminder is still being routed. */
  const masses: MassItem[] = [];
  const running = new Set<Promise<void>>();
  let failure: { err: unknown } | undefined;
  const track = (task: Promise<void>) => {
    const p = task.catch((err: unknown) => {
      if (err instanceof Crashed) crashed = true;
      else failure ??= { err };
    });
    running.add(p);
    void p.finally(() => {
      running.delete(p);
      intake.wake();
    });
  };
  const flushMasses = () => {
    if (masses.length > 0 && !crashed) track(flushMassTasks(masses.splice(0)));
  };

  async function runChain(key: string, queue: ReminderDoc[]): Promise<void> {
    try {
      for (let doc = queue.shift(); doc; doc = queue.shift()) {
        if (crashed) return;
        if (pastDeadline()) handBack(doc);
        else {
          try {
            await processOne(doc, masses);
          } catch (err) {
            if (err instanceof Crashed) return;
            // A bug or a store failure for one reminder must not sink the run; its lease expires and it is retried.
            deps.log.error('reminder processing failed', { reminderId: doc._id, error: err instanceof Error ? err.message : 'unknown' });
          }
        }
        intake.done(doc._id);
      }
    } finally {
      chains.delete(key);
    }
  }

  function start(claimed: ReminderDoc[]): void {
    intake.claimed(claimed.map((d) => d._id));
    for (const doc of claimed) {
      const key = doc.memberId ?? doc._id;
      const queue = chains.get(key);
      if (queue) {
        queue.push(doc);
        continue;
      }
      const fresh = [doc];
      chains.set(key, fresh);
      // Every chain is started; `work` admits settings.concurrency of them at a time (see waitForToken).
      track(work.run(() => runChain(key, fresh)));
    }
  }

  /** Claims batches while some API wants more; returns why it stopped claiming (null: nothing left due). */
  async function claimLoop(): Promise<StopReason | null> {
    let emptyClaims = 0;
    for (;;) {
      if (crashed) return 'crashed';
      if (pastDeadline()) return 'deadline';
      // The `changed()` promise is taken in the same turn as the check, so no change in between is missed.
      if (!intake.settled()) {
        await intake.changed();
        continue;
      }
      flushMasses();
      if (!intake.hungry()) {
        // Nothing under way and no API can take more before the deadline.
        if (running.size === 0) return 'deadline';
        await intake.changed();
        continue;
      }
      const nowMs = clock.nowMs();
      const found = await findDue(nowMs, settings.batchSize);
      if (found.length === 0) return null;
      report.batches += 1;
      const claimed = (await mapPool(found, settings.concurrency, (d) => claim(d, nowMs))).filter((d): d is ReminderDoc => d !== null);
      report.claimed += claimed.length;
      if (claimed.length === 0) {
        // Everything found was taken by another run between our read and our claim.
        if ((emptyClaims += 1) >= 3) return 'stalled';
        continue;
      }
      emptyClaims = 0;
      start(claimed);
    }
  }

  // The client's own short retries (45033, HTTP 429) hold that API back for the same delay.
  const unsubscribe = deps.wecom.onRateLimit((event) => {
    if (event.delayMs > 0) blockApi(event.api, event.delayMs);
  });
  try {
    const stopped = await claimLoop();
    // What was started finishes (or hands itself back at the deadline); a chain's later reminder may still add mass items.
    while (running.size > 0 || (masses.length > 0 && !crashed)) {
      flushMasses();
      await Promise.all(running);
    }
    if (failure) throw failure.err;
    if (!crashed) await mapPool(handedBack.splice(0), settings.concurrency, release);
    report.stoppedBy = crashed
      ? 'crashed'
      : stopped === 'deadline' || report.released > 0
        ? 'deadline'
        : stopped === 'stalled'
          ? 'stalled'
          : // What is left waits for a blocked API: the next tick (or this run, once found due again) sends it.
            pacer.anyBlocked()
            ? 'rate_limited'
            : 'drained';
  } catch (err) {
    if (!(err instanceof Crashed)) throw err;
    report.stoppedBy = 'crashed';
  } finally {
    unsubscribe();
    report.rateLimitSignals = pacer.rateLimitSignals;
  }
  deps.log.info('reminder dispatch run', { ...report, byChannel: JSON.stringify(report.byChannel) });
  return report;
}
