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
  /** Gives back the member's daily-cap and duplicate-content reservation (member-state.ts). */
  releaseRules(): Promise<void>;
}

interface Route {
  choice: ChannelChoice;
  kfSession: KfSession | null;
  sub: SubscriptionDoc | null;
}

/**
 * A reminder to a member: the anti-spam rules first (emergencies exempt), then the best channel
 * open (chooseChannel), the next one whenever a channel refuses the member. A mass task is not sent
 * here: the item joins the run's mass tasks (mass-tasks.ts).
 */
export async function sendToMember(run: RunState, doc: ReminderDoc, member: Member, text: { title: string; content?: string }, cadenceNextAtMs: number | undefined): Promise<void> {
  const memberId = member._id;
  const { deps } = run;
  const rendered = renderText(text);
  const nowMs = run.clock.nowMs();
  // An offer goes out only while the member keeps personalised offers on, checked at send time: a
  // revocation that raced the cancel of its reminders (shared/services/members/optional-consents.ts) still stops it.
  if (doc.kind === 'offer' && !(await optionalConsentGranted(deps.store, memberId, 'personalised_offers'))) return cancel(run, doc, OFFERS_SWITCHED_OFF);
  // The outbound review (services/review) before anything is reserved. Emergencies skip it: they are
  // never held or delayed. One review per reminder and text, so every occurrence shares the decision:
  // held → the occurrence waits (looked at again every REVIEW_RECHECK_MS, or at once on release), rejected → not sent.
  if (!doc.emergency && deps.review) {
    const decision = await deps.review.review({ channel: 'reminder', ref: reminderReviewRef(doc, rendered), memberId, text: rendered, author: authorOf(doc), urgency: 'routine' });
    if (!decision.send && decision.status === 'rejected') return finalizeFailure(run, doc, { kind: 'final', code: 'review_rejected', errcode: null }, undefined, cadenceNextAtMs);
    if (!decision.send) return defer(run, doc, applyQuietHours(nowMs + REVIEW_RECHECK_MS, { exempt: quietExempt(doc) }), HELD_FOR_REVIEW);
  }
  // Emergencies are not held back by the anti-spam rules.
  let hash: string | null = null;
  if (!doc.emergency) {
    hash = contentHash(deps.contentKey, memberId, rendered);
    const verdict = await deps.memberState.reserve(memberId, hash, nowMs, occurrenceKey(doc));
    if (!verdict.ok) return defer(run, doc, applyQuietHours(verdict.retryAtMs, { exempt: quietExempt(doc) }), verdict.reason);
  }
  const m: MemberSend = {
    doc,
    memberId,
    text,
    rendered,
    templateId: run.settings.subscribeTemplates[doc.kind],
    cadenceNextAtMs,
    excluded: new Set<Channel>(run.unavailable),
    releaseRules: async () => {
      if (hash !== null) await deps.memberState.release(memberId, occurrenceKey(doc), run.clock.nowMs());
    },
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
      await m.releaseRules();
      return finalizeFailure(run, doc, { kind: 'no_channel', code: senders.length ? 'no_external_userid' : 'no_health_butler', errcode: null }, undefined, cadenceNextAtMs);
    }
    // Marked in flight right before its add_msg_template call (flushMassTasks), not now.
    run.masses.push({ doc, senders, senderIndex: 0, externalUserId: member.externalUserId, text: rendered, choice: route.choice, hash, ...withCadence(cadenceNextAtMs) });
    return;
  }
  await m.releaseRules();
  return finalizeFailure(run, doc, { kind: 'no_channel', code: 'no_channel_left', errcode: null }, undefined, cadenceNextAtMs);
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
  if (outcome instanceof DeadlineReached || outcome instanceof ApiBlocked || outcome === 'lost') {
    await giveBack();
    await m.releaseRules();
    if (outcome instanceof ApiBlocked) await deferBlocked(run, doc, outcome);
    else if (outcome instanceof DeadlineReached) run.handBack(doc);
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
      await m.releaseRules();
    }
    await handleFailure(run, doc, outcome, choice.channel, m.cadenceNextAtMs);
    return 'done';
  }
  m.excluded.add(choice.channel);
  if (await clearInFlight(run, doc)) return 'next';
  await m.releaseRules();
  return 'done';
}

/**
 * Takes the channel's quota and calls it. The quota is taken only with the send's token and place
 * in hand, so a run that dies while waiting has used none; losing that race means someone else used
 * it: 'next' looks again. A deadline or a blocked API comes back as its error, untouched.
 */
async function callChannel(run: RunState, m: MemberSend, route: Route, reservation: { taken: boolean }): Promise<'next' | 'sent' | 'lost' | SendFailure | DeadlineReached | ApiBlocked> {
  const { doc } = m;
  const { choice, kfSession, sub } = route;
  const { deps } = run;
  let phase: SendPhase = 'before';
  try {
    await run.waitForToken(CHANNEL_API[choice.channel], doc);
    // Another reminder may have learnt meanwhile that this channel is not configured here.
    if (run.unavailable.has(choice.channel)) return { kind: 'unavailable', code: 'wecom_not_configured', errcode: null };
    run.checkCrash();
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
