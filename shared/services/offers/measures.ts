import type { TokenSigner } from '../../ports/tokens';
import { ruleById } from '../../domain/offers/rules';
import { NotFoundError } from '../../errors';
import type { AuditLog } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import { createOptionalConsents, OFFERS_SWITCHED_OFF } from '../members/optional-consents';
import { cancelWhere } from '../reminders/member-controls';
import type { Collection, DocumentStore } from '../../ports/document-store';
import { createOutcomeEventLog } from '../outcomes/outcome-events';
import { reminderById, type ReminderDoc } from '../reminders/reminder-doc';
import { verifyOfferClick } from './click-token';
import { ensureOfferIndexes, OFFER_DELIVERIES, type OfferDeliveryDoc } from './deliveries';

export interface MeasureDeps {
  store: DocumentStore;
  clock: Clock;
  audit: AuditLog;
  tokens: TokenSigner;
}

/** Where an opened offer leads (a mini-program page path) and which delivery it was. */
export interface OpenedOffer {
  deliveryId: string;
  ruleId: string;
  path: string;
  titleZh: string;
  /** True the first time this delivery was opened. */
  first: boolean;
}

/** Reminder states after which an offer's text will not go out any more. */
const UNDELIVERED: readonly ReminderDoc['status'][] = ['cancelled', 'dead', 'failed'];
const SWEEP_LIMIT = 200;

/** What the funnel's steps below work on. */
interface Funnel {
  deps: MeasureDeps;
  deliveries: Collection<OfferDeliveryDoc>;
  events: ReturnType<typeof createOutcomeEventLog>;
  consents: ReturnType<typeof createOptionalConsents>;
}

async function markShown({ deliveries, events }: Funnel, d: OfferDeliveryDoc, atMs: number): Promise<void> {
  await events.record({ type: 'offer_shown', memberId: d.memberId, key: d._id, atMs, data: { rule: d.ruleId } });
  await deliveries.updateOne({ _id: d._id, status: 'scheduled' }, { $set: { status: 'shown', shownAtMs: atMs } });
}

/** The click: verifies the token (401 token_* when forged or expired), records the open once, says where to go. */
async function openOffer(f: Funnel, token: string): Promise<OpenedOffer> {
  const { deps, deliveries, events } = f;
  const nowMs = deps.clock.nowMs();
  const { deliveryId, offerIndex } = verifyOfferClick(deps.tokens, token, nowMs);
  const d = await deliveries.get(deliveryId);
  const rule = d && ruleById(d.ruleId);
  const target = rule?.offers[offerIndex];
  if (!d || !rule || !target) throw new NotFoundError('offer');
  // The member followed the link, so the text reached them even if the sweep has not seen it yet.
  if (d.status === 'scheduled') await markShown(f, d, nowMs);
  const first = await events.record({ type: 'offer_opened', memberId: d.memberId, key: d._id, atMs: nowMs, data: { rule: d.ruleId } });
  if (first) await deliveries.updateOne({ _id: d._id, openedAtMs: { $exists: false } }, { $set: { openedAtMs: nowMs } });
  const path = target.type === 'mall_page' ? target.path : `pages/rights/detail?id=${target.rightId}`;
  return { deliveryId, ruleId: d.ruleId, path, titleZh: target.titleZh, first };
}

/** One scheduled delivery against its reminder: shown, not delivered, or looked at again later. */
async function sweepDelivery(f: Funnel, d: OfferDeliveryDoc, nowMs: number): Promise<'shown' | 'not_delivered' | 'later'> {
  const { deps, deliveries, consents } = f;
  const r = await reminderById(deps.store, d.reminderId);
  // Switched off before it went out: it does not go out.
  if (r?.status === 'scheduled' && !(await consents.granted(d.memberId, 'personalised_offers'))) {
    // Through the reminder service's cancel path (member-controls.ts), unchanged since read.
    if ((await cancelWhere(deps, { _id: r._id, status: 'scheduled', v: r.v }, OFFERS_SWITCHED_OFF)) !== 1) return 'later';
    await deliveries.updateOne({ _id: d._id, status: 'scheduled' }, { $set: { status: 'not_delivered' } });
    return 'not_delivered';
  }
  if (r?.status === 'sent') {
    await markShown(f, d, r.lastSentAtMs ?? deps.clock.nowMs());
    return 'shown';
  }
  if (r && UNDELIVERED.includes(r.status)) {
    await deliveries.updateOne({ _id: d._id, status: 'scheduled' }, { $set: { status: 'not_delivered' } });
    return 'not_delivered';
  }
  // Still to go (or being sent): look again when it is due, and at the earliest next minute.
  await deliveries.updateOne({ _id: d._id, status: 'scheduled' }, { $set: { checkAtMs: Math.max(nowMs + 60_000, r?.dueAtMs ?? 0) } });
  return 'later';
}

/**
 * Timer step, before the reminders go out: offers whose reminder went out are `offer_shown` (at the
 * send instant); those it never will are not_delivered — among them those of a member who switched
 * offers off since, whose reminder is cancelled here.
 */
async function sweepShown(f: Funnel): Promise<{ shown: number; notDelivered: number }> {
  await ensureOfferIndexes(f.deps.store);
  const nowMs = f.deps.clock.nowMs();
  // Only those whose reminder may have moved: a reminder put off to tomorrow is looked at tomorrow.
  const pending = await f.deliveries.find({ status: 'scheduled', checkAtMs: { $lte: nowMs } }, { sort: { checkAtMs: 1 }, limit: SWEEP_LIMIT });
  let shown = 0;
  let notDelivered = 0;
  for (const d of pending) {
    const outcome = await sweepDelivery(f, d, nowMs);
    if (outcome === 'shown') shown += 1;
    else if (outcome === 'not_delivered') notDelivered += 1;
  }
  return { shown, notDelivered };
}

/**
 * The offer funnel, per rule (outcome events `offer_shown`, `offer_opened`, `offer_converted`, keyed by
 * the delivery id, data.rule): shown when its reminder went out, opened through the signed link,
 * converted when the mall says so. Each is recorded once however often it is reported.
 */
export function createOfferMeasures(deps: MeasureDeps) {
  const f: Funnel = { deps, deliveries: deps.store.collection<OfferDeliveryDoc>(OFFER_DELIVERIES), events: createOutcomeEventLog(deps.store), consents: createOptionalConsents(deps) };
  const { deliveries, events } = f;

  return {
    open: (token: string) => openOffer(f, token),

    /** The mall reports an order that came from an offer link (the delivery id travels in the link it was given). */
    async converted(deliveryId: string): Promise<{ deliveryId: string; ruleId: string; replayed: boolean }> {
      const d = await deliveries.get(deliveryId);
      if (!d) throw new NotFoundError('offer');
      const nowMs = deps.clock.nowMs();
      const fresh = await events.record({ type: 'offer_converted', memberId: d.memberId, key: d._id, atMs: nowMs, data: { rule: d.ruleId } });
      if (fresh) await deliveries.updateOne({ _id: d._id }, { $set: { convertedAtMs: nowMs } });
      return { deliveryId, ruleId: d.ruleId, replayed: !fresh };
    },

    sweepShown: () => sweepShown(f),

    /** 「我的推荐」: the member's offers with the reason each was made, newest first. */
    async listForMember(memberId: string) {
      await ensureOfferIndexes(deps.store);
      const docs = await deliveries.find({ memberId }, { sort: { createdAtMs: -1 }, limit: 50 });
      return docs.flatMap((d) => {
        const rule = ruleById(d.ruleId);
        if (!rule) return [];
        return [{ deliveryId: d._id, ruleId: d.ruleId, reasonZh: rule.reasonZh, offers: rule.offers.map((o) => o.titleZh), status: d.status, createdAtMs: d.createdAtMs, ...(d.openedAtMs !== undefined && { openedAtMs: d.openedAtMs }) }];
      });
    },
  };
}

export type OfferMeasures = ReturnType<typeof createOfferMeasures>;
