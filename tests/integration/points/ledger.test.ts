import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { credit, key, machine, member, staff, startHarness, T0, type Harness } from './harness';

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return e instanceof AppError ? `${e.status} ${e.code}` : String(e);
  }
};

describe('points ledger', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('credits an earn once however often the same request is retried, even concurrently', async () => {
    h = startHarness();
    const req = { memberId: 'm1', rule: 'form_completed', sourceRef: 'form:intake', idempotencyKey: key(), actor: machine };
    const results = await Promise.all(Array.from({ length: 12 }, () => h.svc.earn(req)));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entry.seq)).size).toBe(1);
    expect(await h.svc.earn(req)).toMatchObject({ duplicate: true, points: 50 });
    expect((await h.svc.balance('m1')).balance).toBe(50);
    expect((await h.svc.history('m1')).entries).toHaveLength(1);
    expect(h.audit.filter((a) => a.action === 'points.earn')).toHaveLength(1);
    expect((await h.svc.verifyInvariants()).violations).toEqual([]);
  });

  it('rejects a reused key with a different amount, member or rule loudly (409)', async () => {
    h = startHarness();
    const k = key();
    await h.svc.adjust({ memberId: 'm1', amount: 100, reason: 'goodwill', idempotencyKey: k, actor: staff });
    expect(await codeOf(h.svc.adjust({ memberId: 'm1', amount: 200, reason: 'goodwill', idempotencyKey: k, actor: staff }))).toBe(
      '409 idempotency_key_reused',
    );
    expect(await codeOf(h.svc.adjust({ memberId: 'm2', amount: 100, reason: 'goodwill', idempotencyKey: k, actor: staff }))).toBe(
      '409 idempotency_key_reused',
    );
    expect(await codeOf(h.svc.earn({ memberId: 'm1', rule: 'reading_uploaded', sourceRef: 'r', idempotencyKey: k, actor: staff }))).toBe(
      '409 idempotency_key_reused',
    );
    expect((await h.svc.balance('m1')).balance).toBe(100);
    expect((await h.svc.balance('m2')).balance).toBe(0);
  });

  it('refuses a debit beyond the balance with 409 insufficient_points and writes nothing', async () => {
    h = startHarness();
    await credit(h.svc, 'm1', 100);
    expect(await codeOf(h.svc.adjust({ memberId: 'm1', amount: -101, reason: 'fix', idempotencyKey: key(), actor: staff }))).toBe(
      '409 insufficient_points',
    );
    expect((await h.svc.balance('m1')).balance).toBe(100);
    expect((await h.svc.history('m1')).entries).toHaveLength(1);
  });

  it('lets concurrent debits spend each point only once', async () => {
    h = startHarness();
    await credit(h.svc, 'm1', 500);
    const other = h.another();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        codeOf((i % 2 ? other : h.svc).adjust({ memberId: 'm1', amount: -100, reason: 'spend', idempotencyKey: key(), actor: staff })),
      ),
    );
    expect(outcomes.filter((o) => o === 'no error')).toHaveLength(5);
    expect(outcomes.filter((o) => o === '409 insufficient_points')).toHaveLength(15);
    expect((await h.svc.balance('m1')).balance).toBe(0);
    expect((await h.svc.verifyInvariants()).ok).toBe(true);
  });

  it('records an award over the daily cap as a refused 0-point result, not an error', async () => {
    h = startHarness();
    const upload = (i: number) => h.svc.earn({ memberId: 'm1', rule: 'reading_uploaded', sourceRef: `bp-${i}`, idempotencyKey: key(), actor: machine });
    for (let i = 0; i < 3; i++) expect((await upload(i)).status).toBe('applied');
    const fourth = await upload(3);
    expect(fourth).toMatchObject({ status: 'refused', refusedCode: 'cap_reached', points: 0, balance: 15 });
    h.clock.set(Date.parse('2026-03-11T00:00:00+08:00'));
    expect((await upload(4)).status).toBe('applied');
    expect((await h.svc.balance('m1')).balance).toBe(20);
  });

  it('does not let members award themselves points, and requires a reason for staff corrections', async () => {
    h = startHarness();
    expect(await codeOf(h.svc.earn({ memberId: 'm1', rule: 'form_completed', sourceRef: 'f', idempotencyKey: key(), actor: member('m1') }))).toBe(
      '403 members_cannot_award_points',
    );
    expect(await codeOf(h.svc.adjust({ memberId: 'm1', amount: 5, reason: '', idempotencyKey: key(), actor: staff }))).toBe(
      '400 validation_failed',
    );
  });

  it('expires points at the end of the 12th month and explains it in the history', async () => {
    h = startHarness();
    await h.svc.earn({ memberId: 'm1', rule: 'form_completed', sourceRef: 'f', idempotencyKey: key(), actor: machine });
    h.clock.set(Date.parse('2026-06-01T10:00:00+08:00'));
    await credit(h.svc, 'm1', 30);
    const lots = (await h.svc.balance('m1')).lots;
    expect(lots.map((l) => [l.points, l.validUntil])).toEqual([
      [50, '2027-03-31'],
      [30, '2027-06-30'],
    ]);

    h.clock.set(Date.parse('2027-03-31T23:59:59+08:00'));
    expect((await h.svc.balance('m1')).balance).toBe(80);
    h.clock.set(Date.parse('2027-04-01T00:00:00+08:00'));
    // Exact before any write-off happened: the balance is computed from unexpired lots.
    expect((await h.svc.balance('m1')).balance).toBe(30);
    expect(await codeOf(h.svc.adjust({ memberId: 'm1', amount: -31, reason: 'fix', idempotencyKey: key(), actor: staff }))).toBe(
      '409 insufficient_points',
    );
    const history = (await h.svc.history('m1')).entries;
    expect(history[0]).toMatchObject({ kind: 'expire', amount: -50, balanceAfter: 30 });
    expect((await h.svc.verifyInvariants('m1')).violations).toEqual([]);
  });

  it('sweeps expired lots of every member', async () => {
    h = startHarness();
    await credit(h.svc, 'm1', 10);
    await credit(h.svc, 'm2', 20);
    h.clock.set(Date.parse('2027-04-01T00:00:00+08:00'));
    expect(await h.svc.sweepExpired()).toEqual({ members: 2, expiredPoints: 30 });
    expect(await h.svc.sweepExpired()).toEqual({ members: 0, expiredPoints: 0 });
    expect((await h.svc.verifyInvariants()).ok).toBe(true);
  });

  it('pages history newest first', async () => {
    h = startHarness();
    for (let i = 0; i < 5; i++) await credit(h.svc, 'm1', 10 + i);
    const page1 = await h.svc.history('m1', { limit: 2 });
    expect(page1.entries.map((e) => e.amount)).toEqual([14, 13]);
    const page2 = await h.svc.history('m1', { limit: 2, before: page1.nextBefore });
    expect(page2.entries.map((e) => e.amount)).toEqual([12, 11]);
    const page3 = await h.svc.history('m1', { limit: 2, before: page2.nextBefore });
    expect(page3.entries.map((e) => e.amount)).toEqual([10]);
    expect(page3.nextBefore).toBeUndefined();
  });

  it('survives a crash right after the journal insert: the entry counts at once and a retry is recognised', async () => {
    let crash = true;
    h = startHarness({
      hooks: {
        afterEntryInsert: () => {
          if (crash) throw new Error('process died');
        },
      },
    });
    const req = { memberId: 'm1', amount: 70, reason: 'goodwill', idempotencyKey: key(), actor: staff };
    await expect(h.svc.adjust(req)).rejects.toThrow('process died');
    crash = false;
    expect((await h.svc.balance('m1')).balance).toBe(70);
    expect(await h.svc.adjust(req)).toMatchObject({ duplicate: true, balance: 70 });
    expect((await h.svc.verifyInvariants()).ok).toBe(true);
  });

  it('an instance that last saw a member long ago still sees the newer entries and keys another instance wrote', async () => {
    h = startHarness();
    const b = h.another();
    await credit(h.svc, 'm1', 10);
    const later = { memberId: 'm1', amount: 30, reason: 'goodwill', idempotencyKey: key(), actor: staff };
    await b.adjust(later);
    await credit(b, 'm1', 5);
    expect(await h.svc.adjust(later)).toMatchObject({ duplicate: true, balance: 40 });
    expect(await codeOf(h.svc.adjust({ memberId: 'm1', amount: -46, reason: 'too much', idempotencyKey: key(), actor: staff }))).toBe('409 insufficient_points');
    expect(await h.svc.adjust({ memberId: 'm1', amount: -45, reason: 'all', idempotencyKey: key(), actor: staff })).toMatchObject({ balance: 0 });
    expect((await h.svc.verifyInvariants()).violations).toEqual([]);
  });

  it('verifyInvariants catches an entry edited in the store behind the ledger\'s back', async () => {
    h = startHarness();
    await credit(h.svc, 'm1', 100);
    await h.svc.adjust({ memberId: 'm1', amount: -40, reason: 'fix', idempotencyKey: key(), actor: staff });
    expect((await h.svc.verifyInvariants()).ok).toBe(true);
    await h.store.collection('points_ledger_entries').updateOne({ _id: 'm1:2' }, { $set: { 'effect.amount': -4 } });
    const report = await h.svc.verifyInvariants();
    expect(report.ok).toBe(false);
    expect(report.violations.map((v) => v.code)).toContain('amount_mismatch');
  });

  it('keeps the clock honest: entries carry the server time and the actor', async () => {
    h = startHarness();
    h.clock.set(T0 + 1234);
    const r = await h.svc.adjust({ memberId: 'm1', amount: 5, reason: 'goodwill', idempotencyKey: key(), actor: staff });
    expect(r.entry).toMatchObject({ atMs: T0 + 1234, actor: staff, reason: 'goodwill', kind: 'adjust' });
  });
});
