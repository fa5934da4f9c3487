import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { RedemptionStep } from '../../../shared/services/points/deps';
import { credit, key, member, staff, startHarness, type Harness } from './harness';

const failure = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? `${e.status} ${e.code}` : `crash: ${(e as Error).message}`;
  }
};

const stockOf = async (h: Harness, rightId: string) => (await h.svc.catalogue()).find((r) => r.id === rightId)?.stock;

describe('rights redemption', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('spends the points and reserves one unit of stock', async () => {
    h = startHarness();
    await credit(h.svc, 'm1', 1000);
    const v = await h.svc.redeem({ memberId: 'm1', rightId: 'expert_outpatient', idempotencyKey: key(), actor: member('m1') });
    expect(v).toMatchObject({ status: 'reserved', pointsSpent: 800, free: false });
    expect((await h.svc.balance('m1')).balance).toBe(200);
    expect(await stockOf(h, 'expert_outpatient')).toEqual({ available: 199, reserved: 1, total: 200 });
  });

  it('refuses with 409 insufficient_points and leaves stock and balance as they were', async () => {
    h = startHarness();
    await credit(h.svc, 'm1', 799);
    const k = key();
    expect(await failure(h.svc.redeem({ memberId: 'm1', rightId: 'expert_outpatient', idempotencyKey: k, actor: member('m1') }))).toBe(
      '409 insufficient_points',
    );
    // The retry gets the same recorded answer, even after the member earned more meanwhile.
    await credit(h.svc, 'm1', 1);
    expect(await failure(h.svc.redeem({ memberId: 'm1', rightId: 'expert_outpatient', idempotencyKey: k, actor: member('m1') }))).toBe(
      '409 insufficient_points',
    );
    expect((await h.svc.balance('m1')).balance).toBe(800);
    expect(await stockOf(h, 'expert_outpatient')).toEqual({ available: 200, reserved: 0, total: 200 });
    expect((await h.svc.verifyInvariants()).ok).toBe(true);
  });

  it('never lets concurrent redemptions spend the same points twice', async () => {
    h = startHarness();
    for (const rightId of ['green_channel', 'expert_outpatient', 'health_manager_session'] as const) {
      await h.svc.restock({ rightId, quantity: 5, idempotencyKey: key(), actor: staff });
    }
    await credit(h.svc, 'm1', 1500);
    const processes = [h.svc, h.another(), h.another()];
    // Different rights, so the requests do not queue behind one stock stream: they meet at the ledger.
    const rights = ['green_channel', 'expert_outpatient', 'health_manager_session', 'green_channel', 'expert_outpatient'] as const;
    const outcomes = await Promise.all(
      rights.map((rightId, i) =>
        failure((processes[i % 3] ?? h.svc).redeem({ memberId: 'm1', rightId, idempotencyKey: key(), actor: member('m1') })).then((o) => ({
          rightId,
          o,
        })),
      ),
    );
    const prices = { green_channel: 1500, expert_outpatient: 800, health_manager_session: 300 } as const;
    const spent = outcomes.filter((x) => x.o === 'ok').reduce((s, x) => s + prices[x.rightId], 0);
    expect(outcomes.every((x) => x.o === 'ok' || x.o === '409 insufficient_points')).toBe(true);
    expect(spent).toBeLessThanOrEqual(1500);
    expect((await h.svc.balance('m1')).balance).toBe(1500 - spent);
    const greens = outcomes.filter((x) => x.rightId === 'green_channel' && x.o === 'ok').length;
    expect(greens).toBeLessThanOrEqual(1);
    if (greens === 1) expect(spent).toBe(1500);
    expect((await h.svc.verifyInvariants()).ok).toBe(true);
  });

  it('creates one redemption for one key under concurrent retries', async () => {
    h = startHarness();
    await credit(h.svc, 'm1', 1000);
    const req = { memberId: 'm1', rightId: 'lecture_seat', idempotencyKey: key(), actor: member('m1') };
    const views = await Promise.all(Array.from({ length: 8 }, () => h.svc.redeem(req)));
    expect(new Set(views.map((v) => v.redemptionId)).size).toBe(1);
    expect((await h.svc.balance('m1')).balance).toBe(950);
    expect(await stockOf(h, 'lecture_seat')).toMatchObject({ reserved: 1 });
    expect(await failure(h.svc.redeem({ ...req, rightId: 'green_channel' }))).toBe('409 idempotency_key_reused');
  });

  it('gives a high-tier member the green channel free once a year', async () => {
    h = startHarness({ memberTier: async (id) => (id === 'vip' ? 'high' : 'low') });
    await credit(h.svc, 'vip', 1500);
    const first = await h.svc.redeem({ memberId: 'vip', rightId: 'green_channel', idempotencyKey: key(), actor: member('vip') });
    expect(first).toMatchObject({ status: 'reserved', free: true, pointsSpent: 0 });
    const second = await h.svc.redeem({ memberId: 'vip', rightId: 'green_channel', idempotencyKey: key(), actor: member('vip') });
    expect(second).toMatchObject({ free: false, pointsSpent: 1500 });
    expect(await failure(h.svc.redeem({ memberId: 'vip', rightId: 'green_channel', idempotencyKey: key(), actor: member('vip') }))).toBe(
      '409 right_limit_reached',
    );
    await credit(h.svc, 'low1', 5000);
    expect(await failure(h.svc.redeem({ memberId: 'low1', rightId: 'free_checkup', idempotencyKey: key(), actor: member('low1') }))).toBe('ok');
    expect(await failure(h.svc.redeem({ memberId: 'low1', rightId: 'free_checkup', idempotencyKey: key(), actor: member('low1') }))).toBe(
      '409 right_limit_reached',
    );
  });

  it('fails with out_of_stock when the stock is gone, and works again after a restock', async () => {
    h = startHarness();
    await h.svc.restock({ rightId: 'green_channel', quantity: 1, idempotencyKey: key(), actor: staff });
    const total = (await stockOf(h, 'green_channel'))?.total ?? 0;
    expect(total).toBe(51);
    for (let i = 0; i < total + 5; i++) await credit(h.svc, `g${i}`, 1500);
    const results = await Promise.all(
      Array.from({ length: total + 5 }, (_, i) =>
        failure(h.svc.redeem({ memberId: `g${i}`, rightId: 'green_channel', idempotencyKey: key(), actor: staff })),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(total);
    expect(results.filter((r) => r === '409 out_of_stock')).toHaveLength(5);
    expect(await stockOf(h, 'green_channel')).toEqual({ available: 0, reserved: total, total });
    expect((await h.svc.verifyInvariants()).ok).toBe(true);
  });

  it('refunds a cancelled redemption once, however many times and ways it is cancelled', async () => {
    h = startHarness();
    await credit(h.svc, 'm1', 1000);
    const v = await h.svc.redeem({ memberId: 'm1', rightId: 'expert_outpatient', idempotencyKey: key(), actor: member('m1') });
    await h.svc.updateFulfilment({ redemptionId: v.redemptionId, status: 'booked', note: '协和 3/20 上午', actor: staff });
    const cancels = await Promise.all([
      h.svc.cancelRedemption({ redemptionId: v.redemptionId, reason: '行程冲突', actor: member('m1') }),
      h.svc.updateFulfilment({ redemptionId: v.redemptionId, status: 'cancelled', actor: staff }),
      h.another().cancelRedemption({ redemptionId: v.redemptionId, reason: '行程冲突', actor: member('m1') }),
    ]);
    expect(cancels.map((c) => c.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    await h.svc.cancelRedemption({ redemptionId: v.redemptionId, reason: 'again', actor: member('m1') });
    expect((await h.svc.balance('m1')).balance).toBe(1000);
    const refunds = (await h.svc.history('m1')).entries.filter((e) => e.kind === 'refund');
    expect(refunds).toHaveLength(1);
    expect(await stockOf(h, 'expert_outpatient')).toEqual({ available: 200, reserved: 0, total: 200 });
    expect((await h.svc.verifyInvariants()).ok).toBe(true);
  });

  it('walks reserved → booked → fulfilled for the rights consultant only', async () => {
    h = startHarness();
    await credit(h.svc, 'm1', 300);
    const v = await h.svc.redeem({ memberId: 'm1', rightId: 'health_manager_session', idempotencyKey: key(), actor: member('m1') });
    expect(await failure(h.svc.updateFulfilment({ redemptionId: v.redemptionId, status: 'booked', actor: member('m1') }))).toBe(
      '403 role_not_allowed',
    );
    expect(await failure(h.svc.updateFulfilment({ redemptionId: v.redemptionId, status: 'fulfilled', actor: staff }))).toBe(
      '409 invalid_transition',
    );
    await h.svc.updateFulfilment({ redemptionId: v.redemptionId, status: 'booked', actor: staff });
    const done = await h.svc.updateFulfilment({ redemptionId: v.redemptionId, status: 'fulfilled', actor: staff });
    expect(done.history.map((x) => x.status)).toEqual(['pending', 'reserved', 'booked', 'fulfilled']);
    expect(await failure(h.svc.cancelRedemption({ redemptionId: v.redemptionId, reason: 'late', actor: member('m1') }))).toBe(
      '409 invalid_transition',
    );
    expect(await failure(h.svc.cancelRedemption({ redemptionId: v.redemptionId, reason: 'not mine', actor: member('m2') }))).toBe(
      '403 not_your_account',
    );
  });

  const redeemSteps: RedemptionStep[] = ['stock_reserved', 'points_debited'];
  it.each(redeemSteps)('recovers a redemption whose process died after %s', async (crashAt) => {
    let armed = true;
    h = startHarness({
      hooks: {
        afterRedemptionStep: (step) => {
          if (armed && step === crashAt) throw new Error(`crash after ${step}`);
        },
      },
    });
    await credit(h.svc, 'm1', 1000);
    const k = key();
    expect(await failure(h.svc.redeem({ memberId: 'm1', rightId: 'expert_outpatient', idempotencyKey: k, actor: member('m1') }))).toBe(
      `crash: crash after ${crashAt}`,
    );
    armed = false;
    const mid = await h.svc.verifyInvariants();
    expect(mid.inFlight).toBe(1);
    const rec = await h.svc.recover();
    expect(rec.settled.map((s) => s.status)).toEqual(['reserved']);
    expect((await h.svc.balance('m1')).balance).toBe(200);
    expect(await stockOf(h, 'expert_outpatient')).toMatchObject({ reserved: 1 });
    // The client's own retry now just returns the settled redemption.
    expect(await h.svc.redeem({ memberId: 'm1', rightId: 'expert_outpatient', idempotencyKey: k, actor: member('m1') })).toMatchObject({
      status: 'reserved',
    });
    const after = await h.svc.verifyInvariants();
    expect(after).toMatchObject({ ok: true, inFlight: 0 });
  });

  it('compensates a refused redemption that crashed before releasing its stock', async () => {
    let armed = true;
    h = startHarness({
      hooks: {
        afterRedemptionStep: (step) => {
          if (armed && step === 'stock_reserved') throw new Error('crash');
        },
      },
    });
    await credit(h.svc, 'm1', 100);
    expect(await failure(h.svc.redeem({ memberId: 'm1', rightId: 'expert_outpatient', idempotencyKey: key(), actor: member('m1') }))).toBe(
      'crash: crash',
    );
    expect(await stockOf(h, 'expert_outpatient')).toMatchObject({ reserved: 1 });
    armed = false;
    expect((await h.svc.recover()).settled.map((s) => s.status)).toEqual(['failed']);
    expect(await stockOf(h, 'expert_outpatient')).toEqual({ available: 200, reserved: 0, total: 200 });
    expect((await h.svc.balance('m1')).balance).toBe(100);
    expect((await h.svc.verifyInvariants()).ok).toBe(true);
  });

  it.each(['points_refunded', 'stock_released'] as RedemptionStep[])(
    'finishes a cancellation that crashed after %s, refunding exactly once',
    async (crashAt) => {
      let armed = false;
      h = startHarness({
        hooks: {
          afterRedemptionStep: (step) => {
            if (armed && step === crashAt) throw new Error('crash');
          },
        },
      });
      await credit(h.svc, 'm1', 1000);
      const v = await h.svc.redeem({ memberId: 'm1', rightId: 'expert_outpatient', idempotencyKey: key(), actor: member('m1') });
      armed = true;
      expect(await failure(h.svc.cancelRedemption({ redemptionId: v.redemptionId, reason: '改期', actor: member('m1') }))).toBe('crash: crash');
      armed = false;
      expect((await h.svc.getRedemption(v.redemptionId)).status).toBe('cancelling');
      const [a, b] = await Promise.all([h.svc.recover(), h.another().recover()]);
      expect([...a.settled, ...b.settled].every((s) => s.status === 'cancelled')).toBe(true);
      expect((await h.svc.balance('m1')).balance).toBe(1000);
      expect((await h.svc.history('m1')).entries.filter((e) => e.kind === 'refund')).toHaveLength(1);
      expect(await stockOf(h, 'expert_outpatient')).toEqual({ available: 200, reserved: 0, total: 200 });
      expect((await h.svc.verifyInvariants()).ok).toBe(true);
    },
  );

  it('verifyInvariants reports a redemption whose debit was refunded behind its back', async () => {
    h = startHarness();
    await credit(h.svc, 'm1', 1000);
    const v = await h.svc.redeem({ memberId: 'm1', rightId: 'expert_outpatient', idempotencyKey: key(), actor: member('m1') });
    await h.store.collection('points_redemptions').updateOne({ _id: v.redemptionId }, { $set: { status: 'cancelled' } });
    const report = await h.svc.verifyInvariants();
    expect(report.violations.map((v) => v.code)).toEqual(expect.arrayContaining(['unrefunded_debit', 'unreleased_stock']));
  });
});
