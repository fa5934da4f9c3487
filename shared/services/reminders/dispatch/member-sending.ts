import { chooseChannel, isKfWindowOpen, type Channel, type ChannelChoice } from '../../../domain/reminders/channel-router';
import { applyQuietHours } from '../../../domain/reminders/quiet-hours';
import type { Member } from '../../members/member';
import { ApiBlocked, CHANNEL_API } from '../api-pacer';
import { clip, contentHash, renderText, shanghaiLabel } from '../content';
import { classifySendError, type SendFailure, type SendPhase } from '../delivery-outcome';
import type { KfSession } from '../kf-window';
import { massSenders } from '../mass-senders';
import { quietExempt } from '../occurrences';
import { occurrenceKey, type ReminderDoc } from '../reminder-doc';
import type { SubscriptionDoc } from '../subscriptions';
import { DeadlineReached } from '../throttle';
import { optionalConsentGranted, OFFERS_SWITCHED_OFF } from '../../members/optional-consents';
import { cancel, clearInFlight, defer, markInFlight } from './lease';
import { deferBlocked, finalizeFailure, finalizeSent, handleFailure } from './outcomes';
import { Crashed, type RunState } from './run-state';
import { withCadence } from './types';
import { HELD_FOR_REVIEW, reminderReviewRef } from '../review-keys';

/** A reminder held by the outbound review is looked at again this often until a reviewer decides. */
const REVIEW_RECHECK_MS = 60 * 60_000;

/** System reminders are built from the plan's templates; a person's id means a person wrote the text. */
const authorOf = (doc: ReminderDoc): { kind: 'staff' | 'system'; id: string } => ({ kind: doc.createdBy === 'system' ? 'system' : 'staff', id: doc.createdBy });

/** Channels a member reminder may try in turn before giving up (kf → subscription → mass task). */
const MAX_CHANNEL_HOPS = 3;

/** One member reminder on its way: what every channel attempt needs. */
interface MemberSend {
  doc: ReminderDoc;
  memberId: string;
  text: { title: string; content?: string };
  rendered: string;
  templateId: string;
  cadenceNextAtMs: number | undefined;
  /** Channels not to try again for this reminder (refused it, or not configured in this run). */
  excluded: Set<Channel>;
  /** Whether the review and the anti-spam rules let it go (checked once, `prepare`). */
  cleared: boolean;
  /** Content hash reserved under the member's anti-spam rules (member-state.ts); null: none (an emergency, or not yet). */
  hash: string | null;
}

interface Route {
  choice: ChannelChoice;
  kfSession: KfSession | null;
  sub: SubscriptionDoc | null;
}

/**
 * A reminder to a member: the best channel open (chooseChannel), the next one whenever a channel
 * refuses the member; the outbound review and the anti-spam rules (emergencies exempt) once the
 * channel's send slot is in hand. A mass task is not sent here: the item joins the run's mass tasks
 * (mass-tasks.ts).
 *
 * Why that order: a run claims reminders without knowing their channel, and one API's queue can hold
 * more than its pace sends before the deadline (kf, with half the reminders, next to subscriptions
 * with 40 %): those are handed back when the run ends. Reviewed and reserved before the wait, each
 * cost a rules evaluation and two member-state writes for nothing, CPU the subscription API's sends
 * were waiting for (bench/reminders-paced.ts). Routing reads only the member's kf session and
 * subscription.
 */
export async function sendToMember(run: RunState, doc: ReminderDoc, member: Member, text: { title: string; content?: string }, cadenceNextAtMs: number | undefined): Promise<void> {
  const memberId = member._id;
  const { deps } = run;
  // An offer goes out only while the member keeps personalised offers on, checked at send time: a
  // revocation that raced the cancel of its reminders (shared/services/members/optional-consents.ts) still stops it.
  if (doc.kind === 'offer' && !(await optionalConsentGranted(deps.store, memberId, 'personalised_offers'))) return cancel(run, doc, OFFERS_SWITCHED_OFF);
  const m: MemberSend = {
    doc,
    memberId,
    text,
    rendered: renderText(text),
    templateId: run.settings.subscribeTemplates[doc.kind],
    cadenceNextAtMs,
    excluded: new Set<Channel>(run.unavailable),
    cleared: false,
    hash: null,
  };
  for (let hop = 0; hop < MAX_CHANNEL_HOPS + 2; hop += 1) {
    const route = await routeMember(run, m);
    if (route.choice.channel !== 'mass_task') {
      if ((await sendOnChannel(run, m, route)) === 'done') return;
      continue;
    }
    if (m.excluded.has('mass_task')) break;
    const senders = massSenders(member, doc.kind);
    if (senders.length === 0 || !member.externalUserId) {
      await releaseRules(run, m);
      return finalizeFailure(run, doc, { kind: 'no_channel', code: senders.length ? 'no_external_userid' : 'no_health_butler', errcode: null }, undefined, cadenceNextAtMs);
    }
    // A mass task waits for its API's slot with the run's others (mass-tasks.ts): the rules first.
    if (!(await prepare(run, m))) return;
    // Marked in flight right before its add_msg_template call (flushMassTasks), not now.
    run.masses.push({ doc, senders, senderIndex: 0, externalUserId: member.externalUserId, text: m.rendered, choice: route.choice, hash: m.hash, ...withCadence(cadenceNextAtMs) });
    return;
  }
  await releaseRules(run, m);
  return finalizeFailure(run, doc, { kind: 'no_channel', code: 'no_channel_left', errcode: null }, undefined, cadenceNextAtMs);
}

/**
 * The outbound review (services/review), then the member's anti-spam rules, once per reminder.
 * Emergencies skip both: they are never held or delayed. One review per reminder and text, so every
 * occurrence shares the decision: held → the occurrence waits (looked at again every
 * REVIEW_RECHECK_MS, or at once on release), rejected → not sent. False: the reminder was put off or
 * given up here.
 */
async function prepare(run: RunState, m: MemberSend): Promise<boolean> {
  if (m.cleared) return true;
  const { deps } = run;
  const { doc, memberId, rendered } = m;
  const nowMs = run.clock.nowMs();
  if (!doc.emergency && deps.review) {
    const decision = await deps.review.review({ channel: 'reminder', ref: reminderReviewRef(doc, rendered), memberId, text: rendered, author: authorOf(doc), urgency: 'routine' });
    if (!decision.send && decision.status === 'rejected') {
      await finalizeFailure(run, doc, { kind: 'final', code: 'review_rejected', errcode: null }, undefined, m.cadenceNextAtMs);
      return false;
    }
    if (!decision.send) {
      await defer(run, doc, applyQuietHours(nowMs + REVIEW_RECHECK_MS, { exempt: quietExempt(doc) }), HELD_FOR_REVIEW);
      return false;
    }
  }
  if (!doc.emergency) {
    const hash = contentHash(deps.contentKey, memberId, rendered);
    const verdict = await deps.memberState.reserve(memberId, hash, nowMs, occurrenceKey(doc));
    if (!verdict.ok) {
      await defer(run, doc, applyQuietHours(verdict.retryAtMs, { exempt: quietExempt(doc) }), verdict.reason);
      return false;
    }
    m.hash = hash;
  }
  m.cleared = true;
  return true;
}

/** Gives back the member's daily-cap and duplicate-content reservation, if one was taken (member-state.ts). */
async function releaseRules(run: RunState, m: MemberSend): Promise<void> {
  if (m.hash === null) return;
  m.hash = null;
  m.cleared = false;
  await run.deps.memberState.release(m.memberId, occurrenceKey(m.doc), run.clock.nowMs());
}

async function routeMember(run: RunState, m: MemberSend): Promise<Route> {
  const kfSession: KfSession | null = m.excluded.has('kf') ? null : await run.deps.kf.get(m.memberId);
  // An open kf window wins anyway: only look up the subscription when it is not.
  const kfOpen = kfSession !== null && isKfWindowOpen(kfSession, run.clock.nowMs());
  const sub: SubscriptionDoc | null = kfOpen || m.excluded.has('subscribe_message') ? null : await run.deps.subscriptions.get(m.memberId, m.templateId);
  const choice = chooseChannel({
    audience: 'member',
    kfWindow: kfSession ? { lastCustomerMsgAtMs: kfSession.lastCustomerMsgAtMs, sentSinceThen: kfSession.sentSinceThen } : { lastCustomerMsgAtMs: null, sentSinceThen: 0 },
    subscription: sub ? { templateId: m.templateId, remaining: sub.remaining } : null,
    nowMs: run.clock.nowMs(),
  });
  return { choice, kfSession, sub };
}

/** One kf or subscription attempt; 'next': try the channels again without this one. */
async function sendOnChannel(run: RunState, m: MemberSend, route: Route): Promise<'next' | 'done'> {
  const { doc } = m;
  const { choice, kfSession, sub } = route;
  const reservation = { taken: false };
  const giveBack = async () => {
    if (!reservation.taken) return;
    if (choice.channel === 'kf' && kfSession) await run.deps.kf.release(kfSession);
    if (choice.channel === 'subscribe_message' && sub) await run.deps.subscriptions.release(sub);
  };
  const outcome = await callChannel(run, m, route, reservation);
  if (outcome === 'next') return 'next';
  if (outcome === 'settled') return 'done';
  if (outcome instanceof DeadlineReached || outcome instanceof ApiBlocked || outcome === 'lost') {
    await giveBack();
    await releaseRules(run, m);
    if (outcome instanceof ApiBlocked) await deferBlocked(run, doc, outcome);
    else if (outcome instanceof DeadlineReached) run.handBack(doc, CHANNEL_API[choice.channel]);
    return 'done';
  }
  if (outcome === 'sent') {
    run.afterSend(1);
    await finalizeSent(run, doc, { channel: choice.channel, reason: choice.reason, ...withCadence(m.cadenceNextAtMs) });
    return 'done';
  }
  if (outcome.kind === 'unavailable') {
    // Not configured here (no mini-program credentials): nothing was used up; skip the channel for the whole run.
    await giveBack();
    if (!run.unavailable.has(choice.channel)) run.deps.log.warn('reminder channel not configured; using the next one', { channel: choice.channel, code: outcome.code });
    run.unavailable.add(choice.channel);
  } else if (outcome.kind === 'reroute') {
    // This channel cannot reach the member now (kf quota/48 h, no subscription left): try the next.
    if (choice.channel === 'kf' && kfSession) await run.deps.kf.close(kfSession);
    if (choice.channel === 'subscribe_message' && sub) await run.deps.subscriptions.exhaust(sub);
  } else {
    // An unknown outcome keeps its reservations: the message may have arrived (outcomes.ts).
    if (outcome.kind !== 'unknown') {
      await giveBack();
      await releaseRules(run, m);
    }
    await handleFailure(run, doc, outcome, choice.channel, m.cadenceNextAtMs);
    return 'done';
  }
  m.excluded.add(choice.channel);
  if (await clearInFlight(run, doc)) return 'next';
  await releaseRules(run, m);
  return 'done';
}

/**
 * Takes the channel's quota and calls it. The review, the anti-spam rules and the quota are taken
 * only with the send's token and place in hand, so a run that dies while waiting, or hands the
 * reminder back at its deadline, has used none; losing the quota race means someone else used it:
 * 'next' looks again. A deadline or a blocked API comes back as its error, untouched; 'settled': the
 * review or the rules put the reminder off (its token goes back to the pacer).
 */
async function callChannel(run: RunState, m: MemberSend, route: Route, reservation: { taken: boolean }): Promise<'next' | 'sent' | 'lost' | 'settled' | SendFailure | DeadlineReached | ApiBlocked> {
  const { doc } = m;
  const { choice, kfSession, sub } = route;
  const { deps } = run;
  const api = CHANNEL_API[choice.channel];
  try {
    await run.waitForToken(api, doc);
  } catch (err) {
    if (err instanceof DeadlineReached || err instanceof ApiBlocked) return err;
    throw err;
  }
  // Another reminder may have learnt meanwhile that this channel is not configured here.
  if (run.unavailable.has(choice.channel)) return { kind: 'unavailable', code: 'wecom_not_configured', errcode: null };
  run.checkCrash();
  if (!(await prepare(run, m))) {
    run.pacer.refund(api);
    return 'settled';
  }
  let phase: SendPhase = 'before';
  try {
    if (choice.channel === 'kf' && kfSession && !(await deps.kf.reserve(kfSession))) return 'next';
    if (choice.channel === 'subscribe_message' && sub && !(await deps.subscriptions.reserve(sub))) return 'next';
    reservation.taken = true;
    if (!(await markInFlight(run, doc, choice.channel))) return 'lost';
    phase = 'calling';
    if (choice.channel === 'kf' && kfSession) {
      await deps.wecom.kfSendMsg({ touser: kfSession.externalUserId, openKfId: kfSession.openKfId, msgtype: 'text', text: { content: m.rendered } });
    } else if (choice.channel === 'subscribe_message' && sub) {
      await deps.wecom.sendSubscribeMessage({
        touser: sub.openId,
        templateId: m.templateId,
        page: run.settings.subscribePage,
        // Template keywords: thing1 = what (≤ 20 chars), time2 = when (Shanghai).
        data: { thing1: clip(m.text.title, 20), time2: shanghaiLabel(doc.occurrenceAtMs) },
      });
    }
    phase = 'after';
    return 'sent';
  } catch (err) {
    if (err instanceof Crashed) throw err;
    if (err instanceof DeadlineReached || err instanceof ApiBlocked) return err;
    return classifySendError(err, phase);
  }
}
