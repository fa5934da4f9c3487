import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { EARNING_RULE_IDS } from '../../../shared/domain/points/earning-rules';
import { mulberry32 } from '../../../shared/domain/seeded-random';
import { redemptionIdFor } from '../../../shared/services/points/redemptions';
import { callerKey } from '../../../shared/services/points/idempotency';
import type { PointsService } from '../../../shared/services/points/points-service';
import { machine, member, staff, startHarness, type Harness } from './harness';

const OPS = 3000;
const MEMBERS = 30;
const BATCH = 150;
const DAY = 86_400_000;

type Spec =
  | { kind: 'earn'; key: string; memberId: string; rule: (typeof EARNING_RULE_IDS)[number]; sourceRef: string }
  | { kind: 'adjust'; key: string; memberId: string; amount: number; variant: 'original' | 'reuse' }
  | { kind: 'redeem'; key: string; memberId: string; rightId: 'lecture_seat' | 'health_manager_session' | 'expert_outpatient' }
  | { kind: 'cancel'; key: string; redemptionId: string; memberId: string };

interface Outcome {
  spec: Spec;
  ok: boolean;
  code?: string;
  /** Identity of what the call returned: ledger seq or redemption id. */
  identity?: string;
}

function generate(seed: number): Spec[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const memberId = () => `m${Math.floor(rand() * MEMBERS)}`;
  const specs: Spec[] = [];
  const redeemKeys: { key: string; memberId: string }[] = [];
  for (let i = 0; specs.length < OPS; i++) {
    const key = `rnd-${seed}-${i}`;
    const r = rand();
    if (r < 0.35) specs.push({ kind: 'earn', key, memberId: memberId(), rule: pick(EARNING_RULE_IDS), sourceRef: `src-${i % 97}` });
    else if (r < 0.55) specs.push({ kind: 'adjust', key, memberId: memberId(), amount: 20 + Math.floor(rand() * 400), variant: 'original' });
    else if (r < 0.65) specs.push({ kind: 'adjust', key, memberId: memberId(), amount: -(1 + Math.floor(rand() * 150)), variant: 'original' });
    else if (r < 0.88) {
      const m = memberId();
      redeemKeys.push({ key, memberId: m });
      specs.push({ kind: 'redeem', key, memberId: m, rightId: pick(['lecture_seat', 'health_manager_session', 'expert_outpatient'] as const) });
    } else if (r < 0.95 && redeemKeys.length > 0) {
      const target = pick(redeemKeys);
      specs.push({ kind: 'cancel', key, redemptionId: redemptionIdFor(callerKey(member(target.memberId), target.key)), memberId: target.memberId });
    } else {
      // Same key as an earlier credit, different amount: must be refused loudly, whichever lands first.
      const earlier = specs.filter((s): s is Extract<Spec, { kind: 'adjust' }> => s.kind === 'adjust' && s.variant === 'original' && s.amount > 0);
      const base = earlier.length > 0 ? pick(earlier) : undefined;
      if (base) specs.push({ ...base, amount: base.amount + 1, variant: 'reuse' });
    }
  }
  return specs;
}

/** Every request once, ~25 % sent again later, shuffled within each batch. */
function schedule(specs: Spec[], seed: number): Spec[][] {
  const rand = mulberry32(seed ^ 0x5eed);
  const stream: Spec[] = [];
  const again: Spec[] = [];
  for (const s of specs) {
    stream.push(s);
    if (rand() < 0.25) again.push(s);
    if (again.length > 0 && rand() < 0.3) stream.push(again.splice(Math.floor(rand() * again.length), 1)[0] as Spec);
  }
  stream.push(...again);
  const batches: Spec[][] = [];
  for (let i = 0; i < stream.length; i += BATCH) {
    const batch = stream.slice(i, i + BATCH);
    for (let j = batch.length - 1; j > 0; j--) {
      const k = Math.floor(rand() * (j + 1));
      [batch[j], batch[k]] = [batch[k] as Spec, batch[j] as Spec];
    }
    batches.push(batch);
  }
  return batches;
}

async function send(svc: PointsService, spec: Spec): Promise<Outcome> {
  try {
    switch (spec.kind) {
      case 'earn': {
        const r = await svc.earn({ memberId: spec.memberId, rule: spec.rule, sourceRef: spec.sourceRef, idempotencyKey: spec.key, actor: machine });
        return { spec, ok: true, identity: `seq:${r.entry.seq}` };
      }
      case 'adjust': {
        const r = await svc.adjust({ memberId: spec.memberId, amount: spec.amount, reason: 'random op', idempotencyKey: spec.key, actor: staff });
        return { spec, ok: true, identity: `seq:${r.entry.seq}` };
      }
      case 'redeem': {
        const r = await svc.redeem({ memberId: spec.memberId, rightId: spec.rightId, idempotencyKey: spec.key, actor: member(spec.memberId) });
        return { spec, ok: true, identity: r.redemptionId };
      }
      case 'cancel': {
        const r = await svc.cancelRedemption({ redemptionId: spec.redemptionId, reason: 'random cancel', actor: member(spec.memberId) });
        return { spec, ok: true, identity: r.status };
      }
    }
  } catch (e) {
    if (e instanceof AppError) return { spec, ok: false, code: e.code };
    throw e;
  }
}

const EXPECTED_REFUSALS: Record<Spec['kind'], string[]> = {
  earn: [],
  adjust: ['insufficient_points', 'idempotency_key_reused'],
  redeem: ['insufficient_points', 'out_of_stock', 'right_limit_reached'],
  cancel: ['not_found', 'invalid_transition'],
};

describe('randomized concurrent load', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('keeps every balance equal to its journal and never negative under duplicated, reordered concurrent requests', async () => {
    h = startHarness();
    const processes = [h.svc, h.another(), h.another()];
    const seed = 424242;
    const specs = generate(seed);
    const batches = schedule(specs, seed);
    const outcomes: Outcome[] = [];
    for (const [i, batch] of batches.entries()) {
      const results = await Promise.all(batch.map((spec, j) => send(processes[(i + j) % processes.length] as PointsService, spec)));
      outcomes.push(...results);
      // 20 days per batch: caps reset, months turn, and the first lots expire mid-run.
      h.clock.advance(20 * DAY);
    }
    await h.svc.recover();

    const unexpected = outcomes.filter((o) => !o.ok && !EXPECTED_REFUSALS[o.spec.kind].includes(o.code ?? ''));
    expect(unexpected.map((o) => `${o.spec.kind}:${o.code}`)).toEqual([]);

    const report = await h.svc.verifyInvariants();
    expect(report.violations).toEqual([]);
    expect(report.inFlight).toBe(0);
    expect(report.members).toBe(MEMBERS);

    // Each key applied at most once, and every success for a key saw the same entry.
    const identities = new Map<string, Set<string>>();
    for (const o of outcomes) {
      if (!o.ok || o.spec.kind === 'cancel' || !o.identity) continue;
      const set = identities.get(o.spec.key) ?? new Set<string>();
      set.add(o.identity);
      identities.set(o.spec.key, set);
    }
    for (const [k, set] of identities) expect([k, set.size]).toEqual([k, 1]);

    // A reused key: exactly one of the two amounts won; the other was refused loudly.
    const reused = new Set(specs.filter((s) => s.kind === 'adjust' && s.variant === 'reuse').map((s) => s.key));
    expect(reused.size).toBeGreaterThan(10);
    for (const k of reused) {
      const winners = new Set(outcomes.filter((o) => o.spec.key === k && o.ok).map((o) => (o.spec as { amount: number }).amount));
      expect(winners.size).toBe(1);
    }

    // Public API view: after writing off expired lots, Σ history = balance ≥ 0 for every member.
    await h.svc.sweepExpired();
    let expired = 0;
    for (let m = 0; m < MEMBERS; m++) {
      const memberId = `m${m}`;
      const { balance } = await h.svc.balance(memberId);
      const history = await h.svc.history(memberId, { limit: 100 });
      let sum = history.entries.reduce((s, e) => s + e.amount, 0);
      expired += history.entries.filter((e) => e.kind === 'expire').length;
      for (let before = history.nextBefore; before !== undefined; ) {
        const page = await h.svc.history(memberId, { limit: 100, before });
        sum += page.entries.reduce((s, e) => s + e.amount, 0);
        expired += page.entries.filter((e) => e.kind === 'expire').length;
        before = page.nextBefore;
      }
      expect(balance).toBeGreaterThanOrEqual(0);
      expect(sum).toBe(balance);
    }
    expect(expired).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.spec.kind === 'redeem' && o.ok).length).toBeGreaterThan(100);
  });
});
