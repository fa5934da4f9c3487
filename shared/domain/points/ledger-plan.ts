import type { RiskTier } from '../team/roles';
import type { EarningRule } from './earning-rules';
import {
  allocateFifo,
  applyEffect,
  availableAt,
  dueExpiries,
  ruleCounter,
  rightUsageIn,
  type LedgerEffect,
  type LedgerState,
  type RefusalCode,
} from './ledger-state';
import { freeUsesPerYear, type RightDef } from './rights-catalogue';
import { shanghaiDayKey, shanghaiMonthKey, shanghaiYearKey } from '../reminders/shanghai-time';
import { expiryAfterMonths } from './shanghai-calendar';
import { SYSTEM_EXPIRY_ACTOR, type Lot, type PointsActor } from './types';

/** One requested change to a member's points. */
export type LedgerOp =
  | { type: 'earn'; memberId: string; rule: EarningRule; sourceRef: string; actor: PointsActor }
  | {
      type: 'redeem';
      memberId: string;
      right: RightDef;
      tier: RiskTier | null;
      redemptionId: string;
      actor: PointsActor;
    }
  | { type: 'refund'; memberId: string; debit: LedgerEffect; actor: PointsActor; note?: string }
  | {
      type: 'adjust';
      memberId: string;
      amount: number;
      reason: string;
      sourceRef: string;
      expiryMonths: number;
      actor: PointsActor;
    };

/**
 * - `housekeeping`: an 'expire' entry to write first (an expired lot still holds points); plan again after.
 * - `append`: the entry for the op itself (maybe a recorded refusal).
 * - `reject`: nothing is written; the caller gets a 409.
 */
export type LedgerPlan =
  | { kind: 'housekeeping'; effect: LedgerEffect; after: LedgerState }
  | { kind: 'append'; effect: LedgerEffect; after: LedgerState }
  | { kind: 'reject'; code: 'insufficient_points'; available: number; requested: number };

const sumPoints = (lots: readonly Lot[]): number => lots.reduce((s, l) => s + l.points, 0);

function finish(kind: 'append', state: LedgerState, draft: Omit<LedgerEffect, 'balanceAfter'>): LedgerPlan {
  const after = applyEffect(state, { ...draft, balanceAfter: 0 });
  const effect: LedgerEffect = { ...draft, balanceAfter: availableAt(after, draft.atMs) };
  return { kind, effect, after };
}

function refused(
  state: LedgerState,
  base: Omit<LedgerEffect, 'balanceAfter' | 'status' | 'amount' | 'lots'>,
  code: RefusalCode,
): LedgerPlan {
  return finish('append', state, { ...base, status: 'refused', refusedCode: code, amount: 0, lots: [] });
}

function planEarn(state: LedgerState, op: Extract<LedgerOp, { type: 'earn' }>, nowMs: number): LedgerPlan {
  const { rule } = op;
  const expiresAtMs = expiryAfterMonths(nowMs, rule.expiryMonths);
  const base = {
    memberId: op.memberId,
    kind: 'earn' as const,
    reason: rule.id,
    ruleId: rule.id,
    sourceRef: op.sourceRef,
    atMs: nowMs,
    actor: op.actor,
  };
  const c = ruleCounter(state, rule.id);
  const today = c && c.day === shanghaiDayKey(nowMs) ? c.dayCount : 0;
  const thisMonth = c && c.month === shanghaiMonthKey(nowMs) ? c.monthCount : 0;
  const overDay = rule.caps.perDay !== undefined && today >= rule.caps.perDay;
  const overMonth = rule.caps.perMonth !== undefined && thisMonth >= rule.caps.perMonth;
  if (overDay || overMonth) return refused(state, base, 'cap_reached');
  const lots = [{ expiresAtMs, points: rule.points }];
  return finish('append', state, { ...base, status: 'applied', amount: rule.points, lots, expiresAtMs });
}

function planRedeem(state: LedgerState, op: Extract<LedgerOp, { type: 'redeem' }>, nowMs: number): LedgerPlan {
  const { right } = op;
  const base = {
    memberId: op.memberId,
    kind: 'redeem' as const,
    reason: `redeem:${right.id}`,
    rightId: right.id,
    redemptionId: op.redemptionId,
    sourceRef: op.redemptionId,
    atMs: nowMs,
    actor: op.actor,
  };
  const usage = rightUsageIn(state, right.id, shanghaiYearKey(nowMs));
  if (right.perYearLimit !== null && usage.used >= right.perYearLimit) return refused(state, base, 'right_limit_reached');
  const free = usage.freeUsed < freeUsesPerYear(right, op.tier);
  const price = free ? 0 : right.pointsPrice;
  if (price === null) return refused(state, base, 'not_entitled');
  const lots = allocateFifo(state.lots, price, nowMs);
  if (!lots) return refused(state, base, 'insufficient_points');
  return finish('append', state, { ...base, status: 'applied', amount: 0 - price, lots, free });
}

function planRefund(state: LedgerState, op: Extract<LedgerOp, { type: 'refund' }>, nowMs: number): LedgerPlan {
  const { debit } = op;
  // Compensation restores the very lots the debit consumed, expiry included: cancelling a
  // redemption must not extend the life of points. Lots that expired meanwhile expire again at once.
  const lots = debit.lots.map((l) => ({ expiresAtMs: l.expiresAtMs, points: -l.points }));
  const latest = lots.reduce<number | undefined>((m, l) => (m === undefined || l.expiresAtMs > m ? l.expiresAtMs : m), undefined);
  return finish('append', state, {
    memberId: op.memberId,
    kind: 'refund',
    status: 'applied',
    amount: sumPoints(lots),
    lots,
    reason: 'refund',
    sourceRef: debit.redemptionId ?? debit.sourceRef,
    ...(debit.rightId ? { rightId: debit.rightId } : {}),
    ...(debit.redemptionId ? { redemptionId: debit.redemptionId } : {}),
    ...(debit.free ? { free: true } : {}),
    usageYear: shanghaiYearKey(debit.atMs),
    ...(latest !== undefined ? { expiresAtMs: latest } : {}),
    ...(op.note ? { note: op.note } : {}),
    atMs: nowMs,
    actor: op.actor,
  });
}

function planAdjust(state: LedgerState, op: Extract<LedgerOp, { type: 'adjust' }>, nowMs: number): LedgerPlan {
  const base = {
    memberId: op.memberId,
    kind: 'adjust' as const,
    status: 'applied' as const,
    reason: op.reason,
    sourceRef: op.sourceRef,
    atMs: nowMs,
    actor: op.actor,
  };
  if (op.amount > 0) {
    const expiresAtMs = expiryAfterMonths(nowMs, op.expiryMonths);
    return finish('append', state, { ...base, amount: op.amount, lots: [{ expiresAtMs, points: op.amount }], expiresAtMs });
  }
  const lots = allocateFifo(state.lots, -op.amount, nowMs);
  if (!lots) return { kind: 'reject', code: 'insufficient_points', available: availableAt(state, nowMs), requested: -op.amount };
  return finish('append', state, { ...base, amount: op.amount, lots });
}

/** The 'expire' entry due now (oldest expired lot still holding points), if any. */
export function planDueExpiry(
  state: LedgerState,
  memberId: string,
  nowMs: number,
): Extract<LedgerPlan, { kind: 'housekeeping' }> | null {
  const [due] = dueExpiries(state, nowMs);
  if (!due) return null;
  const draft: Omit<LedgerEffect, 'balanceAfter'> = {
    memberId,
    kind: 'expire',
    status: 'applied',
    amount: -due.points,
    lots: [{ expiresAtMs: due.expiresAtMs, points: -due.points }],
    reason: 'expired',
    sourceRef: `lot:${due.expiresAtMs}`,
    expiresAtMs: due.expiresAtMs,
    atMs: nowMs,
    actor: SYSTEM_EXPIRY_ACTOR,
  };
  const after = applyEffect(state, { ...draft, balanceAfter: 0 });
  return { kind: 'housekeeping', effect: { ...draft, balanceAfter: availableAt(after, nowMs) }, after };
}

/**
 * Decides the next journal entry for `op` against the member's current state. Pure. Expired
 * lots are written off first (housekeeping), so the journal explains every point that vanished.
 */
export function planLedger(state: LedgerState, op: LedgerOp, nowMs: number): LedgerPlan {
  const expiry = planDueExpiry(state, op.memberId, nowMs);
  if (expiry) return expiry;
  switch (op.type) {
    case 'earn':
      return planEarn(state, op, nowMs);
    case 'redeem':
      return planRedeem(state, op, nowMs);
    case 'refund':
      return planRefund(state, op, nowMs);
    case 'adjust':
      return planAdjust(state, op, nowMs);
  }
}
