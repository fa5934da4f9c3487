import { shanghaiDayKey, shanghaiMonthKey, shanghaiYearKey } from '../reminders/shanghai-time';
import type { Lot, PointsActor } from './types';

/**
 * The state of one member's points, as carried in the account document and snapshotted in
 * every journal entry (`after`). Lots hold remaining points per expiry instant, oldest first.
 */
export interface RuleCounter {
  ruleId: string;
  day: string;
  dayCount: number;
  month: string;
  monthCount: number;
}

export interface RightUsage {
  rightId: string;
  year: string;
  used: number;
  freeUsed: number;
}

export interface LedgerState {
  lots: Lot[];
  ruleCounters: RuleCounter[];
  rightUsage: RightUsage[];
}

export const LEDGER_KINDS = ['earn', 'redeem', 'refund', 'adjust', 'expire'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export const REFUSAL_CODES = ['cap_reached', 'insufficient_points', 'right_limit_reached', 'not_entitled'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** What one journal entry does. `lots` are signed per-expiry deltas summing to `amount`. */
export interface LedgerEffect {
  memberId: string;
  kind: LedgerKind;
  status: 'applied' | 'refused';
  refusedCode?: RefusalCode;
  amount: number;
  lots: Lot[];
  reason: string;
  sourceRef: string;
  atMs: number;
  /** For credits: when the credited points expire (the latest lot of the entry). */
  expiresAtMs?: number;
  actor: PointsActor;
  ruleId?: string;
  rightId?: string;
  redemptionId?: string;
  free?: boolean;
  /** For refunds: the Shanghai year whose usage counter the original redemption consumed. */
  usageYear?: string;
  note?: string;
  /** Spendable points right after this entry (unexpired lots at `atMs`). */
  balanceAfter: number;
}

export const emptyLedgerState = (): LedgerState => ({ lots: [], ruleCounters: [], rightUsage: [] });

/** Spendable points at `atMs`: the sum of lots not yet expired. */
export const availableAt = (state: LedgerState, atMs: number): number =>
  state.lots.reduce((sum, lot) => (lot.expiresAtMs > atMs ? sum + lot.points : sum), 0);

/** All points on the books, including lots that expired but whose 'expire' entry is not written yet. */
export const totalOnBooks = (state: LedgerState): number => state.lots.reduce((sum, lot) => sum + lot.points, 0);

/** Lots that have expired at `atMs` and still hold points. */
export const dueExpiries = (state: LedgerState, atMs: number): Lot[] =>
  state.lots.filter((lot) => lot.expiresAtMs <= atMs && lot.points > 0);

export class LedgerInvariantError extends Error {
  override readonly name = 'LedgerInvariantError';
}

export function addLotDeltas(lots: readonly Lot[], deltas: readonly Lot[]): Lot[] {
  const byExpiry = new Map<number, number>(lots.map((l) => [l.expiresAtMs, l.points]));
  for (const d of deltas) byExpiry.set(d.expiresAtMs, (byExpiry.get(d.expiresAtMs) ?? 0) + d.points);
  const out: Lot[] = [];
  for (const [expiresAtMs, points] of byExpiry) {
    if (points < 0) throw new LedgerInvariantError(`lot ${expiresAtMs} would hold ${points} points`);
    if (points > 0) out.push({ expiresAtMs, points });
  }
  return out.sort((a, b) => a.expiresAtMs - b.expiresAtMs);
}

/**
 * Oldest-first allocation of a debit over the lots still valid at `atMs`, as negative deltas;
 * null when the valid lots hold less than `amount`.
 */
export function allocateFifo(lots: readonly Lot[], amount: number, atMs: number): Lot[] | null {
  const out: Lot[] = [];
  let left = amount;
  for (const lot of lots) {
    if (left === 0) break;
    if (lot.expiresAtMs <= atMs || lot.points <= 0) continue;
    const take = Math.min(lot.points, left);
    out.push({ expiresAtMs: lot.expiresAtMs, points: -take });
    left -= take;
  }
  return left === 0 ? out : null;
}

function bumpRuleCounter(counters: readonly RuleCounter[], ruleId: string, atMs: number): RuleCounter[] {
  const day = shanghaiDayKey(atMs);
  const month = shanghaiMonthKey(atMs);
  const cur = counters.find((c) => c.ruleId === ruleId);
  const next: RuleCounter = {
    ruleId,
    day,
    dayCount: (cur && cur.day === day ? cur.dayCount : 0) + 1,
    month,
    monthCount: (cur && cur.month === month ? cur.monthCount : 0) + 1,
  };
  return [...counters.filter((c) => c.ruleId !== ruleId), next].sort((a, b) => (a.ruleId < b.ruleId ? -1 : 1));
}

function changeUsage(
  usage: readonly RightUsage[],
  rightId: string,
  year: string,
  used: number,
  freeUsed: number,
): RightUsage[] {
  const cur = usage.find((u) => u.rightId === rightId);
  const base = cur && cur.year === year ? cur : { rightId, year, used: 0, freeUsed: 0 };
  const next: RightUsage = {
    rightId,
    year,
    used: Math.max(0, base.used + used),
    freeUsed: Math.max(0, base.freeUsed + freeUsed),
  };
  return [...usage.filter((u) => u.rightId !== rightId), next].sort((a, b) => (a.rightId < b.rightId ? -1 : 1));
}

/** Deterministic state transition; the planner and the invariant checker share it. */
export function applyEffect(state: LedgerState, effect: LedgerEffect): LedgerState {
  if (effect.status === 'refused') return state;
  let { ruleCounters, rightUsage } = state;
  const lots = addLotDeltas(state.lots, effect.lots);
  if (effect.kind === 'earn' && effect.ruleId) ruleCounters = bumpRuleCounter(ruleCounters, effect.ruleId, effect.atMs);
  if (effect.kind === 'redeem' && effect.rightId) {
    rightUsage = changeUsage(rightUsage, effect.rightId, shanghaiYearKey(effect.atMs), 1, effect.free ? 1 : 0);
  }
  if (effect.kind === 'refund' && effect.rightId && effect.usageYear) {
    const cur = rightUsage.find((u) => u.rightId === effect.rightId);
    if (cur && cur.year === effect.usageYear) {
      rightUsage = changeUsage(rightUsage, effect.rightId, effect.usageYear, -1, effect.free ? -1 : 0);
    }
  }
  return { lots, ruleCounters, rightUsage };
}

export const ruleCounter = (state: LedgerState, ruleId: string): RuleCounter | undefined =>
  state.ruleCounters.find((c) => c.ruleId === ruleId);

export const rightUsageIn = (state: LedgerState, rightId: string, year: string): RightUsage => {
  const cur = state.rightUsage.find((u) => u.rightId === rightId);
  return cur && cur.year === year ? cur : { rightId, year, used: 0, freeUsed: 0 };
};
