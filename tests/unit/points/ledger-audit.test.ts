import { describe, expect, it } from 'vitest';
import { EARNING_RULES } from '../../../shared/domain/points/earning-rules';
import { auditJournal, type JournalRecord } from '../../../shared/domain/points/ledger-audit';
import { planLedger, type LedgerOp } from '../../../shared/domain/points/ledger-plan';
import { emptyLedgerState, type LedgerState } from '../../../shared/domain/points/ledger-state';

const staff = { kind: 'staff', id: 's', role: 'rights_consultant' } as const;
const t0 = Date.parse('2026-03-10T10:00:00+08:00');

function journal(ops: [LedgerOp, number][]): JournalRecord[] {
  let state: LedgerState = emptyLedgerState();
  const out: JournalRecord[] = [];
  for (const [op, at] of ops) {
    for (;;) {
      const p = planLedger(state, op, at);
      if (p.kind === 'reject') break;
      state = p.after;
      out.push({ ...p.effect, seq: out.length + 1, key: `k${out.length + 1}`, after: p.after });
      if (p.kind === 'append') break;
    }
  }
  return out;
}

const adjust = (amount: number): LedgerOp => ({
  type: 'adjust',
  memberId: 'm1',
  amount,
  reason: 'correction',
  sourceRef: 'ticket',
  expiryMonths: 12,
  actor: staff,
});

const clean = () =>
  journal([
    [adjust(100), t0],
    [adjust(200), t0 + 40 * 86_400_000],
    [adjust(-150), t0 + 41 * 86_400_000],
  ]);

const codes = (records: JournalRecord[], now = t0 + 42 * 86_400_000) => auditJournal('m1', records, now).violations.map((v) => v.code);

describe('auditJournal', () => {
  it('accepts a journal written by the planner and recomputes the balance', () => {
    const records = clean();
    const audit = auditJournal('m1', records, t0 + 42 * 86_400_000);
    expect(audit.violations).toEqual([]);
    expect(audit.journalSum).toBe(150);
  });

  it('flags an entry whose amount was edited in place', () => {
    const records = clean();
    records[0] = { ...(records[0] as JournalRecord), amount: 500, lots: [{ expiresAtMs: (records[0] as JournalRecord).lots[0]?.expiresAtMs ?? 0, points: 500 }] };
    expect(codes(records)).toContain('snapshot_mismatch');
  });

  it('flags a debit that skipped the oldest lot', () => {
    const records = clean();
    const debit = records[2] as JournalRecord;
    const [older, newer] = (records[1] as JournalRecord).after.lots;
    records[2] = { ...debit, lots: [{ expiresAtMs: newer?.expiresAtMs ?? 0, points: -150 }] };
    expect(older).toBeDefined();
    expect(codes(records)).toContain('not_fifo');
  });

  it('flags a gap in the sequence and a reused key', () => {
    const records = clean();
    records[1] = { ...(records[1] as JournalRecord), seq: 5 };
    records[2] = { ...(records[2] as JournalRecord), key: 'k1' };
    expect(codes(records)).toEqual(expect.arrayContaining(['seq_gap', 'duplicate_key']));
  });

  it('flags spending that would drive a lot negative', () => {
    const records = clean();
    records[2] = { ...(records[2] as JournalRecord), amount: -400, lots: [{ expiresAtMs: (records[0] as JournalRecord).lots[0]?.expiresAtMs ?? 0, points: -400 }] };
    expect(codes(records)).toContain('negative_lot');
  });

  it('flags awards beyond a daily cap even if each entry looks valid alone', () => {
    const reading = (i: number): LedgerOp => ({
      type: 'earn',
      memberId: 'm1',
      rule: EARNING_RULES.reading_uploaded,
      sourceRef: `r${i}`,
      actor: { kind: 'machine', id: 'x' },
    });
    const records = journal([0, 1, 2].map((i) => [reading(i), t0 + i]));
    // Forge a fourth award by copying the third one forward.
    const third = records[2] as JournalRecord;
    records.push({ ...third, seq: 4, key: 'k4' });
    expect(codes(records, t0 + 10)).toContain('cap_exceeded');
  });
});
