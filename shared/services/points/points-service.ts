import { MemberIdSchema } from '../members/member-id';
import { parseInput } from '../../validation';
import { EARNING_RULES } from '../../domain/points/earning-rules';
import { RIGHT_IDS, RIGHTS, type RightDef } from '../../domain/points/rights-catalogue';
import type { RefusalCode } from '../../domain/points/ledger-state';
import { ConflictError } from '../../errors';
import { assertCanAward, assertCanConfirmAttendance, assertSelfOrStaff, assertStaff, RIGHTS_STAFF } from './access';
import { Activities, type SignupView } from './activities';
import type { PointsDeps } from './deps';
import { callerKey, IdempotencyKeys } from './idempotency';
import { verifyInvariants, type InvariantReport } from './invariants';
import { PointsLedger, type BalanceView } from './ledger';
import { Redemptions, type RedemptionDoc } from './redemptions';
import {
  ActivityMemberInputSchema,
  AdjustInputSchema,
  CancelRedemptionInputSchema,
  CreateActivityInputSchema,
  DrawLotteryInputSchema,
  EarnInputSchema,
  HistoryQuerySchema,
  PointsIdSchema,
  RecoverInputSchema,
  RedeemInputSchema,
  RestockInputSchema,
  UpdateFulfilmentInputSchema,
  type HistoryQuery,
} from './schemas';
import { RightsStock } from './stock';
import { toEntryView, type LedgerEntryView } from './views';

export interface EarnResult {
  status: 'applied' | 'refused';
  /** 'cap_reached' when a daily/monthly cap refused the award (not an error). */
  refusedCode?: RefusalCode;
  points: number;
  balance: number;
  entry: LedgerEntryView;
  /** True when this idempotency key had already been applied: nothing new was written. */
  duplicate: boolean;
}

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

/** How many of a member's activity sign-ups one read returns. */
export const SIGNUPS_LIMIT = 50;

const FAILURE_MESSAGES: Record<string, string> = {
  insufficient_points: 'not enough unexpired points for this right',
  out_of_stock: 'this right is out of stock',
  right_limit_reached: 'the yearly limit for this right is reached',
  not_entitled: 'this right is not available to the member',
};

/**
 * The points service: ledger (earn, adjust, balance, history, expiry), rights catalogue and
 * redemption saga, activities. Every input is validated with the exported zod schemas; callers
 * pass the acting person as `actor`, and the journal records it with every entry.
 */
export function createPointsService(deps: PointsDeps) {
  const keys = new IdempotencyKeys(deps.store, () => deps.clock.nowMs());
  const ledger = new PointsLedger(deps);
  const stock = new RightsStock(deps);
  const redemptions = new Redemptions(deps, ledger, stock);
  const activities = new Activities(deps, ledger);
  const adjustExpiryMonths = deps.adjustExpiryMonths ?? 12;

  const settled = (doc: RedemptionDoc): RedemptionView => {
    if (doc.status === 'failed') {
      const code = doc.failureCode ?? 'redemption_failed';
      throw new ConflictError(code, FAILURE_MESSAGES[code] ?? 'redemption failed', { redemptionId: doc._id });
    }
    return toRedemptionView(doc);
  };

  return {
    async balance(memberId: string): Promise<BalanceView> {
      return ledger.balance(parseInput(MemberIdSchema, memberId, 'memberId'));
    },

    async history(memberId: string, query: HistoryQuery = {}) {
      const q = parseInput(HistoryQuerySchema, query, 'history query');
      return ledger.history(parseInput(MemberIdSchema, memberId, 'memberId'), q);
    },

    async earn(input: unknown): Promise<EarnResult> {
      const i = parseInput(EarnInputSchema, input, 'earn request');
      assertCanAward(i.actor);
      const request = { op: 'earn', memberId: i.memberId, rule: i.rule, sourceRef: i.sourceRef };
      const key = callerKey(i.actor, i.idempotencyKey);
      const { fingerprint, retry } = await keys.bind(key, request, i.idempotencyKey);
      const r = await ledger.apply(
        { type: 'earn', memberId: i.memberId, rule: EARNING_RULES[i.rule], sourceRef: i.sourceRef, actor: i.actor },
        `req:${key}`,
        fingerprint,
        retry,
      );
      const e = r.record.effect;
      return {
        status: e.status,
        ...(e.refusedCode ? { refusedCode: e.refusedCode } : {}),
        points: e.amount,
        balance: e.balanceAfter,
        entry: toEntryView(r.record),
        duplicate: r.duplicate,
      };
    },

    /** Staff correction as a compensating entry (never an edit); the reason is mandatory. */
    async adjust(input: unknown): Promise<{ entry: LedgerEntryView; balance: number; duplicate: boolean }> {
      const i = parseInput(AdjustInputSchema, input, 'adjustment');
      assertStaff(i.actor, RIGHTS_STAFF);
      const request = { op: 'adjust', memberId: i.memberId, amount: i.amount, reason: i.reason };
      const key = callerKey(i.actor, i.idempotencyKey);
      const { fingerprint, retry } = await keys.bind(key, request, i.idempotencyKey);
      const r = await ledger.apply(
        {
          type: 'adjust',
          memberId: i.memberId,
          amount: i.amount,
          reason: i.reason,
          sourceRef: i.sourceRef ?? `adjust:${i.idempotencyKey}`,
          expiryMonths: adjustExpiryMonths,
          actor: i.actor,
        },
        `req:${key}`,
        fingerprint,
        retry,
      );
      return { entry: toEntryView(r.record), balance: r.record.effect.balanceAfter, duplicate: r.duplicate };
    },

    /** Writes off one member's expired lots now (reads are exact without it). */
    async expire(memberId: string): Promise<{ expiredPoints: number }> {
      return { expiredPoints: await ledger.expire(parseInput(MemberIdSchema, memberId, 'memberId')) };
    },

    sweepExpired: () => ledger.sweepExpired(),

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

    async createActivity(input: unknown) {
      const i = parseInput(CreateActivityInputSchema, input, 'activity');
      assertStaff(i.actor, RIGHTS_STAFF);
      return activities.create(i);
    },

    async activity(activityId: string) {
      return activities.summary(parseInput(PointsIdSchema, activityId, 'activityId'));
    },

    async signUp(input: unknown) {
      const i = parseInput(ActivityMemberInputSchema, input, 'sign-up');
      assertSelfOrStaff(i.actor, i.memberId);
      return activities.signUp(i.activityId, i.memberId, i.actor);
    },

    /** The member's newest sign-ups (at most SIGNUPS_LIMIT), newest first. */
    async signups(memberId: string): Promise<SignupView[]> {
      return activities.signupsOf(parseInput(MemberIdSchema, memberId, 'memberId'), SIGNUPS_LIMIT);
    },

    /** Confirms attendance (staff or scanner) and awards the attendance points once. */
    async checkIn(input: unknown) {
      const i = parseInput(ActivityMemberInputSchema, input, 'check-in');
      assertCanConfirmAttendance(i.actor);
      return activities.checkIn(i.activityId, i.memberId, i.actor);
    },

    async drawLottery(input: unknown) {
      const i = parseInput(DrawLotteryInputSchema, input, 'lottery');
      assertStaff(i.actor, RIGHTS_STAFF);
      return activities.drawLottery(i.activityId, i.winners, i.seed, i.actor);
    },

    /** Recomputes balances, stock, seats and saga states from the stored journals. */
    async verifyInvariants(memberId?: string): Promise<InvariantReport> {
      const id = memberId === undefined ? undefined : parseInput(MemberIdSchema, memberId, 'memberId');
      return verifyInvariants({ ledger, stock, redemptions, activities, nowMs: deps.clock.nowMs() }, id);
    },
  };
}

export type PointsService = ReturnType<typeof createPointsService>;
