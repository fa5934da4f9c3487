import { createHash } from 'node:crypto';
import type { MomentEvent } from '../../domain/offers/rules';
import type { Doc, DocumentStore } from '../../ports/document-store';

export const OFFER_DELIVERIES = 'offer_deliveries';
export const OFFER_LEDGERS = 'offer_ledgers';

export type OfferDeliveryStatus = 'scheduled' | 'shown' | 'not_delivered';

/**
 * One offer made to one member at one moment of care. Holds codes and ids only: the reason and the
 * titles come from the rule (shared/domain/offers/rules.ts), the text itself lives in its reminder.
 */
export interface OfferDeliveryDoc extends Doc {
  memberId: string;
  ruleId: string;
  event: MomentEvent;
  /** The id of what happened (reading id, report id, claim id): with member and rule, it names the delivery. */
  ref: string;
  reminderId: string;
  status: OfferDeliveryStatus;
  createdAtMs: number;
  /** While scheduled: when the sweep next looks at its reminder (the reminder's due time; measures.ts). */
  checkAtMs?: number;
  shownAtMs?: number;
  openedAtMs?: number;
  convertedAtMs?: number;
}

/**
 * The member's recent offers in one document, changed by compare-and-set on `v`: two moments at
 * once cannot both take the last place of the week or the rule's one place.
 */
export interface OfferLedgerDoc extends Doc {
  recent: { ruleId: string; atMs: number; deliveryId: string }[];
  v: number;
}

/** Deterministic: the same moment offered twice (a retried upload, a replayed report) is one delivery. */
export function offerDeliveryId(memberId: string, ruleId: string, ref: string): string {
  return `ofr_${createHash('sha256').update(`${memberId}\n${ruleId}\n${ref}`).digest('base64url').slice(0, 22)}`;
}

const indexed = new WeakMap<DocumentStore, Promise<void>>();

export function ensureOfferIndexes(store: DocumentStore): Promise<void> {
  let done = indexed.get(store);
  if (!done) {
    const deliveries = store.collection(OFFER_DELIVERIES);
    done = Promise.all([deliveries.ensureIndex({ fields: ['memberId'] }), deliveries.ensureIndex({ fields: ['status', 'checkAtMs'] })]).then(() => undefined);
    done.catch(() => indexed.delete(store));
    indexed.set(store, done);
  }
  return done;
}
