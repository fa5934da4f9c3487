import type { TokenSigner } from '../../ports/tokens';
import { ruleById } from '../../domain/offers/rules';
import { NotFoundError } from '../../errors';
import type { AuditLog } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import { createOptionalConsents, OFFERS_SWITCHED_OFF } from '../members/optional-consents';
import { cancelWhere } from '../reminders/member-controls';
import type { DocumentStore } from '../../ports/document-store';
import { createOutcomeEventLog } from '../outcomes/outcome-events';
import { REMINDERS, type ReminderDoc } from '../reminders/reminder-doc';
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

/**
 * The offer funnel, per rule (outcome events `offer_shown`, `offer_opened`, `offer_converted`, keyed by
 * the delivery id, data.rule): shown when its reminder went out, opened through the signed link,
 * converted when the mall says so. Each is recorded once however often it is reported.
 */
export function createOfferMeasures(deps: MeasureDeps) {
  const deliveries = deps.store.collection<OfferDeliveryDoc>(OFFER_DELIVERIES);
  const events = createOutcomeEventLog(deps.store);
  const consents = createOptionalConsents(deps);

  const shown = async (d: OfferDeliveryDoc, atMs: number) => {
    await events.record({ type: 'offer_shown', memberId: d.memberId, key: d._id, atMs, data: { rule: d.ruleId } });
    await deliveries.updateOne({ _id: d._id, status: 'scheduled' }, { $set: { status: 'shown', shownAtMs: atMs } });
  };

  return {
    /** The click: verifies the token (401 token_* when forged or expired), records the open once, says where to go. */
    async open(token: string): Promise<OpenedOffer> {
      const nowMs = deps.clock.nowMs();
      const { deliveryId, offerIndex } = verifyOfferClick(deps.tokens, token, nowMs);
      const d = await deliveries.get(deliveryId);
      const rule = d && ruleById(d.ruleId);
      const target = rule?.offers[offerIndex];
      if (!d || !rule || !target) throw new NotFoundError('offer');
      // The member followed the link, so the text reached them even if the sweep has not seen it yet.
      if (d.status === 'scheduled') await shown(d, nowMs);
      const first = await events.record({ type: 'offer_opened', memberId: d.memberId, key: d._id, atMs: nowMs, data: { rule: d.ruleId } });
      if (first) await deliveries.updateOne({ _id: d._id, openedAtMs: { $exists: false } }, { $set: { openedAtMs: nowMs } });
      const path = target.type === 'mall_page' ? target.path : `pages/rights/detail?id=${target.rightId}`;
      return { deliveryId, ruleId: d.ruleId, path, titleZh: target.titleZh, first };
    },

    /** The mall reports an order that came from an offer link (the delivery id travels in the link it was given). */
    async converted(deliveryId: string): Promise<{ deliveryId: string; ruleId: string; replayed: boolean }> {
      const d = await deliveries.get(deliveryId);
      if (!d) throw new NotFoundError('offer');
      const nowMs = deps.clock.nowMs();
      const fresh = await events.record({ type: 'offer_converted', memberId: d.memberId, key: d._id, atMs: nowMs, data: { rule: d.ruleId } });
      if (fresh) await deliveries.updateOne({ _id: d._id }, { $set: { convertedAtMs: nowMs } });
      return { deliveryId, ruleId: d.ruleId, replayed: !fresh };
    },

    /**
     * Timer step, before the reminders go out: offers whose reminder went out are `offer_shown` (at the
     * send instant); those it never will are not_delivered — among them those of a member who switched
     * offers off since, whose reminder is cancelled here.
     */
    async sweepShown(): Promise<{ shown: number; notDelivered: number }> {
      await ensureOfferIndexes(deps.store);
      const nowMs = deps.clock.nowMs();
      // Only those whose reminder may have moved: a reminder put off to tomorrow is looked at tomorrow.
      const pending = await deliveries.find({ status: 'scheduled', checkAtMs: { $lte: nowMs } }, { sort: { checkAtMs: 1 }, limit: SWEEP_LIMIT });
      const reminders = deps.store.collection<ReminderDoc>(REMINDERS);
      let shownCount = 0;
      let notDelivered = 0;
      for (const d of pending) {
        const r = await reminders.get(d.reminderId);
        // Switched off before it went out: it does not go out.
        if (r?.status === 'scheduled' && !(await consents.granted(d.memberId, 'personalised_offers'))) {
          // Through the reminder service's cancel path (member-controls.ts), unchanged since read.
          if ((await cancelWhere(deps, { _id: r._id, status: 'scheduled', v: r.v }, OFFERS_SWITCHED_OFF)) === 1) {
            await deliveries.updateOne({ _id: d._id, status: 'scheduled' }, { $set: { status: 'not_delivered' } });
            notDelivered += 1;
          }
          continue;
        }
        if (r?.status === 'sent') {
          await shown(d, r.lastSentAtMs ?? deps.clock.nowMs());
          shownCount += 1;
        } else if (r && UNDELIVERED.includes(r.status)) {
          await deliveries.updateOne({ _id: d._id, status: 'scheduled' }, { $set: { status: 'not_delivered' } });
          notDelivered += 1;
        } else {
          // Still to go (or being sent): look again when it is due, and at the earliest next minute.
          await deliveries.updateOne({ _id: d._id, status: 'scheduled' }, { $set: { checkAtMs: Math.max(nowMs + 60_000, r?.dueAtMs ?? 0) } });
        }
      }
      return { shown: shownCount, notDelivered };
    },

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
