import { describe, expect, it } from 'vitest';
import { EARNING_RULES } from '../../../shared/domain/points/earning-rules';
import { planLedger, type LedgerOp, type LedgerPlan } from '../../../shared/domain/points/ledger-plan';
import { availableAt, emptyLedgerState, type LedgerState } from '../../../shared/domain/points/ledger-state';
import { RIGHTS } from '../../../shared/domain/points/rights-catalogue';
import { expiryAfterMonths } from '../../../shared/domain/points/shanghai-calendar';

const machine = { kind: 'machine', id: 'm' } as const;
const staff = { kind: 'staff', id: 's', role: 'rights_consultant' } as const;
const t0 = Date.parse('2026-03-10T10:00:00+08:00');
const DAY = 86_400_000;

function applied(p: LedgerPlan): Extract<LedgerPlan, { kind: 'append' | 'housekeeping' }> {
  if (p.kind === 'reject') throw new Error('unexpected reject');
  return p;
}

/** Applies ops in order, writing off expiries like the service does; returns the final state. */
function run(ops: [LedgerOp, number][], state: LedgerState = emptyLedgerState()): { state: LedgerState; last: LedgerPlan } {
  let last: LedgerPlan | undefined;
  for (const [op, at] of ops) {
    for (;;) {
      last = planLedger(state, op, at);
      if (last.kind === 'reject') break;
      state = last.after;
      if (last.kind === 'append') break;
    }
  }
  if (!last) throw new Error('no ops');
  return { state, last };
}

const earn = (rule: keyof typeof EARNING_RULES, ref = 'x'): LedgerOp => ({
  type: 'earn',
  memberId: 'm1',
  rule: EARNING_RULES[rule],
  sourceRef: ref,
  actor: machine,
});
const adjust = (amount: number): LedgerOp => ({
  type: 'adjust',
  memberId: 'm1',
  amount,
  reason: 'correction',
  sourceRef: 'ticket-1',
  expiryMonths: 12,
  actor: staff,
});

describe('earning caps', () => {
  it('refuses the 4th reading upload of a Shanghai day as cap_reached, and accepts again the next day', () => {
    const three: [LedgerOp, number][] = [0, 1, 2].map((i) => [earn('reading_uploaded', `r${i}`), t0 + i * 1000]);
    const { state, last } = run(three);
    expect(availableAt(state, t0 + 3000)).toBe(15);
    expect(applied(last).effect.status).toBe('applied');

    const fourth = applied(planLedger(state, earn('reading_uploaded', 'r3'), t0 + 4000));
    expect(fourth.effect).toMatchObject({ status: 'refused', refusedCode: 'cap_reached', amount: 0 });
    expect(fourth.after).toEqual(state);

    // 00:00:01 next day in Shanghai (16:00:01 UTC) resets the daily count.
    const nextDay = Date.parse('2026-03-11T00:00:01+08:00');
    expect(applied(planLedger(state, earn('reading_uploaded', 'r4'), nextDay)).effect.status).toBe('applied');
  });

  it('applies a monthly cap across days and resets it on the 1st (Shanghai)', () => {
    const ops: [LedgerOp, number][] = [0, 1, 2, 3].map((i) => [earn('form_completed', `f${i}`), t0 + i * DAY]);
    const { state } = run(ops);
    expect(availableAt(state, t0 + 4 * DAY)).toBe(200);
    expect(applied(planLedger(state, earn('form_completed', 'f5'), t0 + 5 * DAY)).effect.refusedCode).toBe('cap_reached');
    const april = Date.parse('2026-04-01T00:00:00+08:00');
    expect(applied(planLedger(state, earn('form_completed', 'f6'), april)).effect.status).toBe('applied');
  });
});

describe('spending and expiry', () => {
  it('spends the oldest unexpired lot first', () => {
    const feb = Date.parse('2026-02-10T10:00:00+08:00');
    const { state } = run([
      [adjust(100), feb],
      [adjust(100), t0],
    ]);
    const spend = applied(planLedger(state, adjust(-150), t0 + 1000));
    expect(spend.effect.lots).toEqual([
      { expiresAtMs: expiryAfterMonths(feb, 12), points: -100 },
      { expiresAtMs: expiryAfterMonths(t0, 12), points: -50 },
    ]);
    expect(spend.effect.balanceAfter).toBe(50);
  });

  it('rejects (without writing) a debit larger than the unexpired balance', () => {
    const { state } = run([[adjust(100), t0]]);
    const p = planLedger(state, adjust(-101), t0 + 1);
    expect(p).toEqual({ kind: 'reject', code: 'insufficient_points', available: 100, requested: 101 });
  });

  it('writes off an expired lot before anything else and never spends it', () => {
    const { state } = run([
      [adjust(100), t0],
      [adjust(30), Date.parse('2026-06-01T10:00:00+08:00')],
    ]);
    const afterExpiry = Date.parse('2027-04-01T00:00:00+08:00');
    expect(availableAt(state, afterExpiry)).toBe(30);
    const first = planLedger(state, adjust(-50), afterExpiry);
    expect(first.kind).toBe('housekeeping');
    expect(applied(first).effect).toMatchObject({ kind: 'expire', amount: -100 });
    const second = planLedger(applied(first).after, adjust(-50), afterExpiry);
    expect(second).toMatchObject({ kind: 'reject', code: 'insufficient_points', available: 30 });
  });

  it('refunds into the very lots the debit took, keeping their expiry', () => {
    const { state } = run([[adjust(1000), t0]]);
    const debit = applied(
      planLedger(state, { type: 'redeem', memberId: 'm1', right: RIGHTS.expert_outpatient, tier: null, redemptionId: 'rd1', actor: machine }, t0 + 1),
    );
    expect(debit.effect).toMatchObject({ status: 'applied', amount: -800, free: false });
    const refund = applied(planLedger(debit.after, { type: 'refund', memberId: 'm1', debit: debit.effect, actor: staff }, t0 + 2));
    expect(refund.effect.amount).toBe(800);
    expect(refund.after.lots).toEqual(state.lots);
    expect(refund.after.rightUsage.find((u) => u.rightId === 'expert_outpatient')?.used).toBe(0);
  });
});

describe('rights pricing', () => {
  const redeem = (right: keyof typeof RIGHTS, tier: 'low' | 'medium' | 'high' | null, id: string): LedgerOp => ({
    type: 'redeem',
    memberId: 'm1',
    right: RIGHTS[right],
    tier,
    redemptionId: id,
    actor: machine,
  });

  it('gives a high-tier member one free green channel a year, then charges points', () => {
    const { state } = run([[adjust(2000), t0]]);
    const first = applied(planLedger(state, redeem('green_channel', 'high', 'a'), t0 + 1));
    expect(first.effect).toMatchObject({ status: 'applied', amount: 0, free: true });
    const second = applied(planLedger(first.after, redeem('green_channel', 'high', 'b'), t0 + 2));
    expect(second.effect).toMatchObject({ status: 'applied', amount: -1500, free: false });
    const third = applied(planLedger(second.after, redeem('green_channel', 'high', 'c'), t0 + 3));
    expect(third.effect).toMatchObject({ status: 'refused', refusedCode: 'right_limit_reached' });
    const nextYear = Date.parse('2027-01-01T00:00:00+08:00');
    const again = applied(planLedger(second.after, redeem('green_channel', 'high', 'd'), nextYear));
    expect(again.effect).toMatchObject({ status: 'applied', free: true });
  });

  it('records not_entitled for a right with no price when the tier grants nothing', () => {
    const p = applied(planLedger(emptyLedgerState(), redeem('free_checkup', null, 'a'), t0));
    expect(p.effect).toMatchObject({ status: 'refused', refusedCode: 'not_entitled', amount: 0 });
    const ok = applied(planLedger(emptyLedgerState(), redeem('free_checkup', 'low', 'b'), t0));
    expect(ok.effect).toMatchObject({ status: 'applied', amount: 0, free: true });
  });

  it('records insufficient_points for a paid right the member cannot afford', () => {
    const { state } = run([[adjust(49), t0]]);
    expect(applied(planLedger(state, redeem('lecture_seat', 'low', 'a'), t0 + 1)).effect.refusedCode).toBe('insufficient_points');
  });
});
