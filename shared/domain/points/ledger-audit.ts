import { canonicalJson } from './canonical-json';
import { EARNING_RULES, type EarningRule } from './earning-rules';
import {
  allocateFifo,
  applyEffect,
  availableAt,
  emptyLedgerState,
  LedgerInvariantError,
  totalOnBooks,
  type LedgerEffect,
  type LedgerState,
} from './ledger-state';
import { shanghaiDayKey, shanghaiMonthKey } from '../reminders/shanghai-time';

/** A stored journal entry as the checker needs it. */
export type JournalRecord = LedgerEffect & { seq: number; key: string; after: LedgerState };

export interface LedgerViolation {
  memberId: string;
  code: string;
  seq?: number;
  detail: string;
}

export interface JournalAudit {
  state: LedgerState;
  /** Σ of every entry's amount (= points on the books, expired-but-unwritten lots included). */
  journalSum: number;
  violations: LedgerViolation[];
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
const rulesById = new Map<string, EarningRule>(Object.values(EARNING_RULES).map((r) => [r.id, r]));

/**
 * Recomputes a member's points from the journal alone and lists every broken invariant:
 * contiguous sequence, one entry per idempotency key, each stored snapshot equal to the replay,
 * no lot ever negative, debits only from unexpired lots and oldest first, caps respected, and
 * Σ unexpired lot deltas = spendable balance.
 */
export function auditJournal(memberId: string, records: readonly JournalRecord[], nowMs: number): JournalAudit {
  const violations: LedgerViolation[] = [];
  const flag = (code: string, detail: string, seq?: number): void => {
    violations.push({ memberId, code, detail, ...(seq !== undefined ? { seq } : {}) });
  };
  const keys = new Set<string>();
  const capDay = new Map<string, number>();
  const capMonth = new Map<string, number>();
  let state = emptyLedgerState();
  let journalSum = 0;

  records.forEach((r, i) => {
    if (r.seq !== i + 1) flag('seq_gap', `expected seq ${i + 1}, found ${r.seq}`, r.seq);
    if (keys.has(r.key)) flag('duplicate_key', `idempotency key used twice`, r.seq);
    keys.add(r.key);
    const deltaSum = r.lots.reduce((s, l) => s + l.points, 0);
    if (deltaSum !== r.amount) flag('amount_mismatch', `amount ${r.amount} but lot deltas sum to ${deltaSum}`, r.seq);
    if (r.status === 'refused' && (r.amount !== 0 || r.lots.length > 0)) flag('refusal_moved_points', 'refused entry moved points', r.seq);
    if (r.status === 'applied' && r.amount < 0) {
      if (r.kind === 'expire') {
        if (r.lots.some((l) => l.expiresAtMs > r.atMs)) flag('early_expiry', 'expired a lot before its expiry', r.seq);
      } else if (!same(allocateFifo(state.lots, -r.amount, r.atMs), r.lots)) {
        flag('not_fifo', 'debit did not take the oldest unexpired points first', r.seq);
      }
    }
    if (r.kind === 'earn' && r.status === 'applied' && r.ruleId) {
      const rule = rulesById.get(r.ruleId);
      const d = `${r.ruleId}|${shanghaiDayKey(r.atMs)}`;
      const m = `${r.ruleId}|${shanghaiMonthKey(r.atMs)}`;
      capDay.set(d, (capDay.get(d) ?? 0) + 1);
      capMonth.set(m, (capMonth.get(m) ?? 0) + 1);
      if (rule?.caps.perDay !== undefined && (capDay.get(d) ?? 0) > rule.caps.perDay) flag('cap_exceeded', `${d} over daily cap`, r.seq);
      if (rule?.caps.perMonth !== undefined && (capMonth.get(m) ?? 0) > rule.caps.perMonth) flag('cap_exceeded', `${m} over monthly cap`, r.seq);
    }
    try {
      state = applyEffect(state, r);
    } catch (e) {
      if (!(e instanceof LedgerInvariantError)) throw e;
      flag('negative_lot', e.message, r.seq);
    }
    journalSum += r.amount;
    if (!same(state, r.after)) flag('snapshot_mismatch', 'stored state differs from the replay', r.seq);
    const spendable = availableAt(state, r.atMs);
    if (spendable < 0) flag('negative_balance', `balance ${spendable}`, r.seq);
    if (spendable !== r.balanceAfter) flag('balance_after_mismatch', `stored ${r.balanceAfter}, replay ${spendable}`, r.seq);
  });

  if (journalSum !== totalOnBooks(state)) flag('books_mismatch', `journal Σ ${journalSum} ≠ lots Σ ${totalOnBooks(state)}`);
  const unexpiredDeltas = records.reduce(
    (s, r) => s + r.lots.reduce((t, l) => (l.expiresAtMs > nowMs ? t + l.points : t), 0),
    0,
  );
  if (unexpiredDeltas !== availableAt(state, nowMs)) {
    flag('unexpired_sum_mismatch', `Σ unexpired deltas ${unexpiredDeltas} ≠ balance ${availableAt(state, nowMs)}`);
  }
  return { state, journalSum, violations };
}
