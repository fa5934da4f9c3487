import { parseInput } from '../../validation';
import { RIGHT_IDS, RIGHTS, type RightDef } from '../../domain/points/rights-catalogue';
import { ConflictError } from '../../errors';
import { assertSelfOrStaff, assertStaff, RIGHTS_STAFF } from './access';
import { callerKey, type IdempotencyKeys } from './idempotency';
import type { Redemptions, RedemptionDoc } from './redemptions';
import { CancelRedemptionInputSchema, PointsIdSchema, RecoverInputSchema, RedeemInputSchema, RestockInputSchema, UpdateFulfilmentInputSchema } from './schemas';
import type { RightsStock } from './stock';

export interface RedemptionView {
  redemptionId: string;
  memberId: string;
  rightId: string;
  status: RedemptionDoc['status'];
  pointsSpent?: number;
  free?: boolean;
  failureCode?: string;
  history: RedemptionDoc['history'];
  createdAtMs: number;
  updatedAtMs: number;
}

const toRedemptionView = (d: RedemptionDoc): RedemptionView => ({
  redemptionId: d._id,
  memberId: d.memberId,
  rightId: d.rightId,
  status: d.status,
  ...(d.pointsSpent !== undefined ? { pointsSpent: d.pointsSpent } : {}),
  ...(d.free !== undefined ? { free: d.free } : {}),
  ...(d.failureCode ? { failureCode: d.failureCode } : {}),
  history: d.history,
  createdAtMs: d.createdAtMs,
  updatedAtMs: d.updatedAtMs,
});

const FAILURE_MESSAGES: Record<string, string> = {
  insufficient_points: 'not enough unexpired points for this right',
  out_of_stock: 'this right is out of stock',
  right_limit_reached: 'the yearly limit for this right is reached',
  not_entitled: 'this right is not available to the member',
};

const settled = (doc: RedemptionDoc): RedemptionView => {
  if (doc.status === 'failed') {
    const code = doc.failureCode ?? 'redemption_failed';
    throw new ConflictError(code, FAILURE_MESSAGES[code] ?? 'redemption failed', { redemptionId: doc._id });
  }
  return toRedemptionView(doc);
};

/** The points service's rights part: the catalogue with live stock, restocking and the redemption saga. */
export function createRedemptionOperations(keys: IdempotencyKeys, stock: RightsStock, redemptions: Redemptions) {
  return {
    /** The rights catalogue with live stock. */
    async catalogue(): Promise<(RightDef & { stock: { available: number; reserved: number; total: number } })[]> {
      return Promise.all(RIGHT_IDS.map(async (id) => ({ ...RIGHTS[id], stock: await stock.level(id) })));
    },

    async restock(input: unknown) {
      const i = parseInput(RestockInputSchema, input, 'restock');
      assertStaff(i.actor, RIGHTS_STAFF);
      const key = callerKey(i.actor, i.idempotencyKey);
      const { fingerprint } = await keys.bind(key, { op: 'restock', rightId: i.rightId, quantity: i.quantity }, i.idempotencyKey);
      await stock.apply(i.rightId, `req:${key}`, fingerprint, { type: 'restock', quantity: i.quantity }, i.actor);
      return stock.level(i.rightId);
    },

    /** Reserves stock and spends points as one saga; 409 with the refusal code when it cannot. */
    async redeem(input: unknown): Promise<RedemptionView> {
      const i = parseInput(RedeemInputSchema, input, 'redemption');
      assertSelfOrStaff(i.actor, i.memberId);
      const key = callerKey(i.actor, i.idempotencyKey);
      // A member's own keys (`member:<id>:…`) serve redemptions only (members cannot earn, adjust
      // or restock), so the redemption record, whose id derives from the key, binds them itself.
      if (i.actor.kind !== 'member') await keys.bind(key, { op: 'redeem', memberId: i.memberId, rightId: i.rightId }, i.idempotencyKey);
      return settled(await redemptions.start({ ...i, idempotencyKey: key }, i.idempotencyKey));
    },

    async getRedemption(redemptionId: string): Promise<RedemptionView> {
      return toRedemptionView(await redemptions.get(parseInput(PointsIdSchema, redemptionId, 'redemptionId')));
    },

    async listRedemptions(filter: { memberId?: string; status?: RedemptionDoc['status'] } = {}): Promise<RedemptionView[]> {
      const docs = await redemptions.docs.find(
        { memberId: filter.memberId, status: filter.status },
        { sort: { createdAtMs: -1, _id: 1 }, limit: 200 },
      );
      return docs.map(toRedemptionView);
    },

    /** Cancels (member or rights staff): refunds the points and releases the stock, once. */
    async cancelRedemption(input: unknown): Promise<RedemptionView> {
      const i = parseInput(CancelRedemptionInputSchema, input, 'cancellation');
      const doc = await redemptions.get(i.redemptionId);
      assertSelfOrStaff(i.actor, doc.memberId);
      return toRedemptionView(await redemptions.cancel(i.redemptionId, i.reason, i.actor));
    },

    /** The rights consultant moves a redemption along: reserved → booked → fulfilled, or cancels it. */
    async updateFulfilment(input: unknown): Promise<RedemptionView> {
      const i = parseInput(UpdateFulfilmentInputSchema, input, 'fulfilment update');
      assertStaff(i.actor, RIGHTS_STAFF);
      if (i.status === 'cancelled') {
        return toRedemptionView(await redemptions.cancel(i.redemptionId, i.note ?? '权益顾问取消', i.actor));
      }
      return toRedemptionView(await redemptions.advance(i.redemptionId, i.status, i.actor, i.note));
    },

    /** Settles redemptions left half-done by a crash (run on a timer and at start-up). */
    async recover(input: unknown = {}) {
      const i = parseInput(RecoverInputSchema, input, 'recover');
      return redemptions.recover(i.olderThanMs);
    },
  };
}
