import { MemberIdSchema } from '../members/member-id';
import { parseInput } from '../../validation';
import { EARNING_RULES } from '../../domain/points/earning-rules';
import type { RefusalCode } from '../../domain/points/ledger-state';
import { assertCanAward, assertStaff, RIGHTS_STAFF } from './access';
import type { PointsDeps } from './deps';
import { callerKey, type IdempotencyKeys } from './idempotency';
import type { BalanceView, PointsLedger } from './ledger';
import { AdjustInputSchema, EarnInputSchema, HistoryQuerySchema, type HistoryQuery } from './schemas';
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

/** The points service's ledger part: earn, adjust, balance, history, expiry. */
export function createLedgerOperations(deps: PointsDeps, keys: IdempotencyKeys, ledger: PointsLedger) {
  const adjustExpiryMonths = deps.adjustExpiryMonths ?? 12;
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
  };
}
