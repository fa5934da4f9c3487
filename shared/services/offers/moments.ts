import { DEFAULT_OFFERS_PER_WEEK, offerGate, offerText, rulesFor, WEEK_MS, type MomentEvent, type OfferRefusal, type OfferRule } from '../../domain/offers/rules';
import { AppError, DuplicateKeyError } from '../../errors';
import type { AuditActor, AuditLog } from '../../ports/audit-log';
import type { Collection } from '../../ports/document-store';
import type { AppDeps } from '../../runtime/deps';
import { createOptionalConsents } from '../members/optional-consents';
import { createReminder } from '../reminders/creation';
import { reminderById } from '../reminders/reminder-doc';
import { emergencyTicketsOf } from '../triage/ticket-store';
import { offerLink, signOfferClick } from './click-token';
import { ensureOfferIndexes, OFFER_DELIVERIES, OFFER_LEDGERS, offerDeliveryId, type OfferDeliveryDoc, type OfferLedgerDoc } from './deliveries';

export type OfferDeps = Pick<AppDeps, 'store' | 'clock' | 'members' | 'cipher' | 'audit' | 'log' | 'tokens'> & {
  config: Pick<AppDeps['config'], 'PUBLIC_BASE_URL' | 'OFFERS_PER_WEEK'>;
};

export interface Moment {
  memberId: string;
  event: MomentEvent;
  /** The id of what happened (reading id, report id, claim id). */
  ref: string;
}

export type MomentOutcome = { ruleId: string } & ({ offered: true; deliveryId: string; replayed: boolean } | { offered: false; reason: OfferRefusal });

/** Where a member switches offers off (the optional-consents page). */
export const consentsPageUrl = (baseUrl: string): string => `${baseUrl.replace(/\/$/, '')}/m/consents`;

const CAS_ATTEMPTS = 5;

/** The member's offer ledger (their offers of the rolling week), made empty on first use. */
async function ledgerOf(ledgers: Collection<OfferLedgerDoc>, memberId: string): Promise<OfferLedgerDoc> {
  const found = await ledgers.get(memberId);
  if (found) return found;
  try {
    return await ledgers.insert({ _id: memberId, recent: [], v: 0 });
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    return (await ledgers.get(memberId)) as OfferLedgerDoc;
  }
}

/** Takes the rule's place in the member's week, or says why not; an entry already there for this delivery is a replay. */
async function reserve(deps: OfferDeps, memberId: string, rule: OfferRule, deliveryId: string): Promise<{ ok: true } | { ok: false; reason: OfferRefusal }> {
  const ledgers = deps.store.collection<OfferLedgerDoc>(OFFER_LEDGERS);
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt += 1) {
    const nowMs = deps.clock.nowMs();
    const ledger = await ledgerOf(ledgers, memberId);
    if (ledger.recent.some((r) => r.deliveryId === deliveryId)) return { ok: true };
    const member = await deps.members.get(memberId);
    const verdict = offerGate({
      nowMs,
      ruleId: rule.id,
      consentGranted: await createOptionalConsents(deps).granted(memberId, 'personalised_offers'),
      memberActive: member?.status === 'active',
      emergencies: await emergencyTicketsOf(deps.store, memberId),
      recent: ledger.recent,
      perWeek: deps.config.OFFERS_PER_WEEK ?? DEFAULT_OFFERS_PER_WEEK,
    });
    if (!verdict.ok) return verdict;
    const recent = [...ledger.recent.filter((r) => nowMs - r.atMs < WEEK_MS), { ruleId: rule.id, atMs: nowMs, deliveryId }];
    const { matched } = await ledgers.updateOne({ _id: memberId, v: ledger.v }, { $set: { recent, v: ledger.v + 1 } });
    if (matched === 1) return { ok: true };
  }
  throw new AppError('offer_ledger_contended', 'the member offer ledger kept changing', 503);
}

/**
 * A moment of care → the offers its rules name, each through the reminder path (so the daily cap,
 * quiet hours, duplicate window and the outbound review apply as to any member text). Only for a
 * member who granted `personalised_offers`, never within a day of an emergency, at most one per rule
 * and OFFERS_PER_WEEK in all per rolling week. Idempotent per (member, rule, moment).
 */
export function createMoments(deps: OfferDeps) {
  const deliveries = deps.store.collection<OfferDeliveryDoc>(OFFER_DELIVERIES);

  async function deliver(moment: Moment, rule: OfferRule, deliveryId: string): Promise<void> {
    const nowMs = deps.clock.nowMs();
    const reminderId = `offer:${deliveryId}`;
    const doc: OfferDeliveryDoc = { _id: deliveryId, memberId: moment.memberId, ruleId: rule.id, event: moment.event, ref: moment.ref, reminderId, status: 'scheduled', createdAtMs: nowMs, checkAtMs: nowMs };
    try {
      await deliveries.insert(doc);
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
    const base = deps.config.PUBLIC_BASE_URL;
    const links = rule.offers.map((_, i) => offerLink(base, signOfferClick(deps.tokens, deliveryId, i, nowMs)));
    const text = offerText(rule, links, consentsPageUrl(base));
    await createReminder(deps, { idempotencyKey: reminderId, memberId: moment.memberId, kind: 'offer', audience: 'member', ...text }, `offer:${rule.id}`, 'offer');
  }

  return {
    async onMoment(moment: Moment): Promise<MomentOutcome[]> {
      await ensureOfferIndexes(deps.store);
      const out: MomentOutcome[] = [];
      for (const rule of rulesFor(moment.event)) {
        const deliveryId = offerDeliveryId(moment.memberId, rule.id, moment.ref);
        const existing = await deliveries.get(deliveryId);
        if (existing) {
          // Stored but its reminder never made (a crash in between): make it now, under the same key.
          if (!(await reminderById(deps.store, existing.reminderId))) await deliver(moment, rule, deliveryId);
          out.push({ ruleId: rule.id, offered: true, deliveryId, replayed: true });
          continue;
        }
        const reserved = await reserve(deps, moment.memberId, rule, deliveryId);
        if (!reserved.ok) {
          out.push({ ruleId: rule.id, offered: false, reason: reserved.reason });
          continue;
        }
        await deliver(moment, rule, deliveryId);
        out.push({ ruleId: rule.id, offered: true, deliveryId, replayed: false });
      }
      return out;
    },
  };
}

export type Moments = ReturnType<typeof createMoments>;

/** What the partner is told: the offers made, and only which rules made none. */
export type MomentAnswer = { ruleId: string } & ({ offered: true; deliveryId: string; replayed: boolean } | { offered: false });

/**
 * A partner reports a moment of care: the offers it makes, each refusal audited by its reason code
 * only (no ticket, no reading). Why no offer was made stays with us: a reason such as recent_emergency
 * would tell the partner something about the member's health. `fresh`: an offer was made just now.
 */
export async function reportMoment(
  deps: { moments: Moments; audit: AuditLog },
  moment: Moment,
  actor: AuditActor,
  requestId: string,
): Promise<{ outcomes: MomentAnswer[]; fresh: boolean }> {
  const outcomes = await deps.moments.onMoment(moment);
  for (const o of outcomes) {
    if (o.offered) continue;
    await deps.audit.append({ actor, action: 'offer.refused', subjectMemberId: moment.memberId, outcome: 'done', requestId, meta: { ruleId: o.ruleId, reason: o.reason } });
  }
  return {
    outcomes: outcomes.map((o) => (o.offered ? o : { ruleId: o.ruleId, offered: false as const })),
    fresh: outcomes.some((o) => o.offered && !o.replayed),
  };
}
