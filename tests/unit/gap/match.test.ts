import { describe, expect, it } from 'vitest';
import { isEligible, matchDimension, premiumFor, sizeToGap } from '../../../shared/domain/gap/match';
import { product } from './gap-fixture';

const ctx = { age: 30, tier: 'medium' as const, socialInsurance: true };

describe('eligibility', () => {
  it('respects the age range at both ends', () => {
    const p = product({ age: { min: 18, max: 60 } });
    expect(isEligible(p, { ...ctx, age: 18 })).toBe(true);
    expect(isEligible(p, { ...ctx, age: 60 })).toBe(true);
    expect(isEligible(p, { ...ctx, age: 61 })).toBe(false);
    expect(isEligible(product({ age: { min: 50, max: 80 } }), { ...ctx, age: 49 })).toBe(false);
  });

  it('accepts only the listed risk tiers', () => {
    const p = product({ tiers: ['low', 'medium'] });
    expect(isEligible(p, { ...ctx, tier: 'medium' })).toBe(true);
    expect(isEligible(p, { ...ctx, tier: 'high' })).toBe(false);
  });

  it('excludes known conditions, and nothing when conditions are unknown', () => {
    const p = product({ excludedConditions: ['cancer'] });
    expect(isEligible(p, { ...ctx, conditions: ['cancer'] })).toBe(false);
    expect(isEligible(p, { ...ctx, conditions: ['hyperlipidemia'] })).toBe(true);
    expect(isEligible(p, ctx)).toBe(true);
  });

  it('requires social insurance where the product does', () => {
    const p = product({ requiresSocialInsurance: true });
    expect(isEligible(p, { ...ctx, socialInsurance: false })).toBe(false);
    expect(isEligible(p, ctx)).toBe(true);
  });
});

describe('sizing and pricing', () => {
  it('rounds the gap up to the step and clamps to the range', () => {
    const p = product({ sumAssured: { min: 100_000, max: 500_000, step: 50_000 } });
    expect(sizeToGap(p, 120_000)).toBe(150_000);
    expect(sizeToGap(p, 150_000)).toBe(150_000);
    expect(sizeToGap(p, 30_000)).toBe(100_000);
    expect(sizeToGap(p, 900_000)).toBe(500_000);
  });

  it('prices rate × sum/10,000 × tier factor', () => {
    const p = product({ rates: [{ ageMin: 18, ageMax: 60, ratePer10k: 50 }] });
    expect(premiumFor(p, 300_000, 30, 'low')).toBe(1_200);
    expect(premiumFor(p, 300_000, 30, 'medium')).toBe(1_500);
    expect(premiumFor(p, 300_000, 30, 'high')).toBe(1_800);
  });

  it('rounds to whole yuan, halves up, without float drift', () => {
    const cheap = (ratePer10k: number) => product({ rates: [{ ageMin: 18, ageMax: 60, ratePer10k }] });
    expect(premiumFor(cheap(0.05), 100_000, 30, 'medium')).toBe(1); // 0.5
    expect(premiumFor(cheap(0.04), 100_000, 30, 'medium')).toBe(0); // 0.4
    expect(premiumFor(cheap(1.3), 2_000_000, 30, 'low')).toBe(208);
    expect(premiumFor(cheap(1.15), 10_000, 30, 'high')).toBe(1); // 1.38
  });

  it('uses the rate of the member’s age band', () => {
    const p = product({ rates: [{ ageMin: 18, ageMax: 40, ratePer10k: 10 }, { ageMin: 41, ageMax: 60, ratePer10k: 20 }] });
    expect(premiumFor(p, 100_000, 40, 'medium')).toBe(100);
    expect(premiumFor(p, 100_000, 41, 'medium')).toBe(200);
  });
});

describe('matchDimension', () => {
  const cheap = product({ id: 'cheap', rates: [{ ageMin: 18, ageMax: 60, ratePer10k: 40 }] });
  const dear = product({ id: 'dear', rates: [{ ageMin: 18, ageMax: 60, ratePer10k: 60 }] });
  const small = product({ id: 'small', sumAssured: { min: 100_000, max: 200_000, step: 10_000 }, rates: [{ ageMin: 18, ageMax: 60, ratePer10k: 10 }] });

  it('picks the cheapest per coverage among products that close the gap', () => {
    const m = matchDimension('critical_illness', 300_000, 100_000, [dear, cheap], ctx);
    expect(m.recommendation).toMatchObject({ productId: 'cheap', sumAssured: 300_000, annualPremium: 1_200, remainingGap: 0, sizedDownForBudget: false });
    expect(m.unclosed).toBeUndefined();
  });

  it('prefers closing the gap over a cheaper product capped below it', () => {
    expect(matchDimension('critical_illness', 300_000, 100_000, [small, cheap], ctx).recommendation?.productId).toBe('cheap');
  });

  it('reports the product limit when the only product is capped below the gap', () => {
    const m = matchDimension('critical_illness', 300_000, 100_000, [small], ctx);
    expect(m.recommendation).toMatchObject({ sumAssured: 200_000, remainingGap: 100_000 });
    expect(m.unclosed).toEqual({ type: 'critical_illness', remainingGap: 100_000, reason: 'product_limit' });
  });

  it('sizes down to the largest step the budget affords', () => {
    const m = matchDimension('critical_illness', 300_000, 1_000, [cheap], ctx);
    expect(m.recommendation).toMatchObject({ sumAssured: 250_000, annualPremium: 1_000, sizedDownForBudget: true, remainingGap: 50_000 });
    expect(m.unclosed).toEqual({ type: 'critical_illness', remainingGap: 50_000, reason: 'budget_insufficient' });
  });

  it('cannot recommend when even the minimum is over budget', () => {
    expect(matchDimension('critical_illness', 300_000, 399, [cheap], ctx)).toEqual({
      unclosed: { type: 'critical_illness', remainingGap: 300_000, reason: 'budget_insufficient' },
      premium: 0,
    });
    expect(matchDimension('critical_illness', 300_000, 0, [cheap], ctx).unclosed?.reason).toBe('no_budget');
  });

  it('says when no product is eligible', () => {
    expect(matchDimension('critical_illness', 300_000, 100_000, [cheap], { ...ctx, age: 61 }).unclosed?.reason).toBe('no_eligible_product');
    expect(matchDimension('life', 300_000, 100_000, [cheap], ctx).unclosed?.reason).toBe('no_eligible_product');
  });
});
