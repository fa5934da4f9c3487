import type { Channel } from '../../../domain/reminders/channel-router';
import { applyQuietHours } from '../../../domain/reminders/quiet-hours';
import { retryPlan } from '../../../domain/reminders/retry-plan';
import { CHANNEL_API, type ApiBlocked } from '../api-pacer';
import type { SendFailure } from '../delivery-outcome';
import { followingOccurrence, quietExempt } from '../occurrences';
import { occurrenceKey, type DeadLetterDoc, type DeadLetterReason, type ReminderDoc } from '../reminder-doc';
import { cadenceAfterSend, cadenceDecision } from './follow-ups';
import { defer, write } from './lease';
import type { RunState } from './run-state';
import { withCadence } from './types';

/*
 * What a send came to, recorded on the reminder in the write that gives up its lease.
 *
 * A send that times out: the WeCom client does not retry a send once the request may have left
 * (shared/adapters/wecom/api/delivery.ts, at-most-once) and raises a WecomApiError with
 * `outcomeUnknown` (kind `timeout`; likewise a connection broken mid-call or a 5xx). The sender reads
 * it with classifySendError (delivery-outcome.ts) as `unknown` and, unlike every other failure, keeps
 * what it reserved (the kf message, the subscription use, the member's daily cap and duplicate
 * hold): the message may have arrived. handleFailure then records it as sent, uncertain, and
 * schedules the next occurrence, without resending (a second copy is worse than a missing one), and
 * lists a dead letter `outcome_unknown` (code `wecom_timeout`) for ops to check. A connect timeout
 * (the request never left) is a connect failure: the client retries it, and what still fails is
 * `retryable` and goes through retryPlan below. If the run itself dies during the call, the
 * occurrence's in-flight mark (lease.ts, markInFlight) makes the next run do the same
 * (recordInterrupted); staff app messages are resent instead, WeCom's duplicate check dropping a copy.
 */

/** A failure that ends this attempt on the reminder itself (not a rate limit, reroute or unknown outcome). */
type FinalFailure = Exclude<SendFailure, { kind: 'rate_limited' | 'reroute' | 'unknown' | 'unavailable' }> | { kind: 'no_channel'; code: string; errcode: null };

/** A previous run was sending this very occurrence when it died: recorded sent, uncertain, not resent. */
export async function recordInterrupted(run: RunState, doc: ReminderDoc, channel: Channel, nowMs: number): Promise<void> {
  const cadence = await cadenceDecision(run, doc, nowMs);
  await deadLetter(run, doc, 'outcome_unknown', { code: 'interrupted_send', errcode: null }, doc.attempts, channel);
  await finalizeSent(run, doc, {
    channel,
    reason: 'interrupted mid-send by a crashed run; not resent because it may have arrived',
    uncertain: true,
    ...(cadence?.action === 'schedule' && { cadenceNextAtMs: cadence.atMs }),
  });
}

/** After a failed send whose reservations were already given back (except for an unknown outcome). */
export async function handleFailure(run: RunState, doc: ReminderDoc, failure: SendFailure, channel: Channel, cadenceNextAtMs?: number, slowDown = true): Promise<void> {
  switch (failure.kind) {
    case 'rate_limited':
      // Not the reminder's fault: pause this API (only) and try it again later, without an attempt.
      if (slowDown) run.blockApi(CHANNEL_API[channel], failure.backoffMs);
      return defer(run, doc, applyQuietHours(run.clock.nowMs() + failure.backoffMs, { exempt: quietExempt(doc) }), 'rate_limited');
    case 'unknown':
      // The request may have reached WeCom; resending could deliver twice. Ops decide.
      await deadLetter(run, doc, 'outcome_unknown', failure, doc.attempts + 1, channel);
      return finalizeSent(run, doc, { channel, reason: `outcome unknown (${failure.code}); not resent`, uncertain: true, ...withCadence(cadenceNextAtMs) });
    case 'reroute':
      return finalizeFailure(run, doc, { kind: 'final', code: failure.code, errcode: failure.errcode }, channel, cadenceNextAtMs);
    case 'unavailable':
      return finalizeFailure(run, doc, { kind: 'no_channel', code: failure.code, errcode: null }, channel, cadenceNextAtMs);
    default:
      return finalizeFailure(run, doc, failure, channel, cadenceNextAtMs);
  }
}

/** Put off to the end of its API's block, without counting an attempt. */
export function deferBlocked(run: RunState, doc: ReminderDoc, blocked: ApiBlocked): Promise<void> {
  return defer(run, doc, applyQuietHours(run.clock.nowMs() + Math.max(0, blocked.untilMs - run.mono()), { exempt: quietExempt(doc) }), 'rate_limited');
}

/** The occurrence went out (or may have): the next one is scheduled, or the reminder is done. */
export async function finalizeSent(run: RunState, doc: ReminderDoc, outcome: { channel: Channel; reason: string; cadenceNextAtMs?: number; uncertain?: boolean }): Promise<void> {
  const nowMs = run.clock.nowMs();
  const next = followingOccurrence(doc, nowMs, outcome.cadenceNextAtMs);
  const set: Record<string, unknown> = {
    sentOccurrence: occurrenceKey(doc),
    lastOccurrenceAtMs: doc.occurrenceAtMs,
    lastSentAtMs: nowMs,
    channel: outcome.channel,
    channelReason: outcome.reason,
    attempts: 0,
    lastError: outcome.uncertain ? { code: 'outcome_unknown', atMs: nowMs } : null,
    ...(next ? { status: 'scheduled', occurrenceAtMs: next.occurrenceAtMs, dueAtMs: next.dueAtMs } : { status: 'sent' }),
  };
  if (doc.cadence) set.cadence = cadenceAfterSend(run, doc, nowMs);
  if (await write(run, doc, set, { $inc: { sentCount: 1 } })) {
    if (outcome.uncertain) run.report.uncertain += 1;
    else {
      run.report.sent += 1;
      run.report.byChannel[outcome.channel] += 1;
    }
  }
}

/**
 * Retryable: tried again after retryPlan's backoff (quiet hours respected) until attempts run out.
 * Otherwise, or once they have: a dead letter, and the occurrence is given up (the series goes on).
 */
export async function finalizeFailure(run: RunState, doc: ReminderDoc, failure: FinalFailure, channel?: Channel, cadenceNextAtMs?: number): Promise<void> {
  const { settings } = run;
  const nowMs = run.clock.nowMs();
  const attempts = doc.attempts + 1;
  const lastError = { code: failure.code, errcode: failure.errcode, atMs: nowMs };
  if (failure.kind === 'retryable') {
    const plan = retryPlan(attempts, nowMs, run.deps.random, {
      maxAttempts: Math.min(failure.maxAttempts ?? settings.maxAttempts, settings.maxAttempts),
      minDelayMs: failure.backoffMs,
    });
    if (plan.action === 'retry') {
      const dueAtMs = applyQuietHours(plan.atMs, { exempt: quietExempt(doc) });
      if (await write(run, doc, { status: 'scheduled', dueAtMs, occurrenceAtMs: doc.occurrenceAtMs, attempts, lastError, ...(channel && { channel }) })) run.report.retried += 1;
      return;
    }
  }
  const reason: DeadLetterReason = failure.kind === 'retryable' ? 'retries_exhausted' : failure.kind === 'no_channel' ? 'no_channel' : 'final_error';
  await deadLetter(run, doc, reason, failure, attempts, channel);
  const next = followingOccurrence(doc, nowMs, cadenceNextAtMs);
  const set = next
    ? { status: 'scheduled', occurrenceAtMs: next.occurrenceAtMs, dueAtMs: next.dueAtMs, attempts: 0, lastError, lastOccurrenceAtMs: doc.occurrenceAtMs }
    : { status: reason === 'retries_exhausted' ? 'dead' : 'failed', attempts, lastError, lastOccurrenceAtMs: doc.occurrenceAtMs };
  await write(run, doc, { ...set, ...(channel && { channel }) });
}

async function deadLetter(run: RunState, doc: ReminderDoc, reason: DeadLetterReason, failure: { code: string; errcode: number | null }, attempts: number, channel?: Channel): Promise<void> {
  run.checkCrash();
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
    atMs: run.clock.nowMs(),
  };
  // Keyed by occurrence: recording the same dead letter twice (a retried run) keeps one.
  await run.deadLetters.updateOne({ _id: occurrenceKey(doc) }, { $set: entry }, { upsert: true });
  run.report.deadLettered += 1;
  run.deps.log.warn('reminder dead-lettered', { reminderId: doc._id, reason, code: failure.code, errcode: failure.errcode, channel: channel ?? null });
}
