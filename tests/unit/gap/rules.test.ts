import { describe, expect, it } from 'vitest';
import {
  ceil10k,
  currentPremiumOf,
  dimensionGaps,
  premiumBudgetOf,
  priorityOf,
  recommendedCover,
} from '../../../shared/domain/gap/rules';
import { GapInputSchema } from '../../../shared/domain/gap/input';
import { gapInput } from './gap-fixture';

describe('ceil10k', () => {
  it('keeps exact multiples and rounds anything above up', () => {
    expect(ceil10k(0)).toBe(0);
    expect(ceil10k(300_000)).toBe(300_000);
    expect(ceil10k(300_001)).toBe(310_000);
    expect(ceil10k(309_999)).toBe(310_000);
  });
});

describe('critical illness: ceil10k(max(300,000, 3 × income))', () => {
  it.each([
    [50_000, 300_000],
    [100_000, 300_000],
    [100_001, 310_000],
    [200_000, 600_000],
    [200_001, 610_000],
  ])('income %i → %i', (annualIncome, expected) => {
    expect(recommendedCover(gapInput({ annualIncome })).critical_illness).toBe(expected);
  });
});

describe('medical', () => {
  it('is 2,000,000 whatever the income', () => {
    expect(recommendedCover(gapInput({ annualIncome: 0 })).medical).toBe(2_000_000);
    expect(recommendedCover(gapInput({ annualIncome: 5_000_000 })).medical).toBe(2_000_000);
  });
});

describe('accident: ceil10k(max(500,000, 5 × income, debts))', () => {
  it.each([
    [60_000, 0, 500_000],
    [100_000, 0, 500_000],
    [100_001, 0, 510_000],
    [100_000, 800_001, 810_000],
    [200_000, 800_000, 1_000_000],
  ])('income %i, debts %i → %i', (annualIncome, debts, expected) => {
    expect(recommendedCover(gapInput({ annualIncome, debts })).accident).toBe(expected);
  });
});

describe('life', () => {
  it('is 0 without dependants or debts, however high the income', () => {
    expect(recommendedCover(gapInput({ annualIncome: 1_000_000 })).life).toBe(0);
  });

  it('counts debts even without dependants', () => {
    expect(recommendedCover(gapInput({ annualIncome: 200_000, debts: 500_000, liquidAssets: 100_000 })).life).toBe(2_400_000);
  });

  it.each([
    [{ children: 1, parents: 0, spouse: false }],
    [{ children: 0, parents: 2, spouse: false }],
    [{ children: 0, parents: 0, spouse: true }],
  ])('any dependant triggers it: %j', (dependants) => {
    expect(recommendedCover(gapInput({ dependants })).life).toBe(2_000_000);
  });

  it('rounds up to 10k: one yuan over a multiple', () => {
    const spouse = { children: 0, parents: 0, spouse: true };
    expect(recommendedCover(gapInput({ dependants: spouse, annualIncome: 200_000, liquidAssets: 9_999 })).life).toBe(2_000_000);
    expect(recommendedCover(gapInput({ dependants: spouse, annualIncome: 200_000, debts: 1 })).life).toBe(2_010_000);
  });

  it('is 0 when liquid assets meet or exceed the need', () => {
    const spouse = { children: 0, parents: 0, spouse: true };
    expect(recommendedCover(gapInput({ dependants: spouse, annualIncome: 100_000, debts: 200_000, liquidAssets: 1_200_000 })).life).toBe(0);
    expect(recommendedCover(gapInput({ dependants: spouse, annualIncome: 100_000, liquidAssets: 5_000_000 })).life).toBe(0);
  });
});

describe('existing cover and gaps', () => {
  it('sums existing cover per type and never goes negative when over-insured', () => {
    const dims = dimensionGaps(
      gapInput({
        annualIncome: 100_000,
        policies: [
          { type: 'critical_illness', sumAssured: 200_000, annualPremium: 3_000 },
          { type: 'critical_illness', sumAssured: 50_000, annualPremium: 1_000 },
          { type: 'accident', sumAssured: 900_000, annualPremium: 200 },
          { type: 'life', sumAssured: 1_000_000, annualPremium: 800 },
        ],
      }),
    );
    expect(dims.critical_illness).toEqual({ recommended: 300_000, existing: 250_000, gap: 50_000 });
    expect(dims.accident).toEqual({ recommended: 500_000, existing: 900_000, gap: 0 });
    expect(dims.life).toEqual({ recommended: 0, existing: 1_000_000, gap: 0 });
    expect(dims.medical).toEqual({ recommended: 2_000_000, existing: 0, gap: 2_000_000 });
  });

  it('sums current premiums', () => {
    expect(currentPremiumOf([{ type: 'medical', sumAssured: 1, annualPremium: 300 }, { type: 'life', sumAssured: 1, annualPremium: 1_200 }])).toBe(1_500);
    expect(currentPremiumOf([])).toBe(0);
  });
});

describe('premium budget: round(10 % of income), halves up', () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 1],
    [15, 2],
    [25, 3],
    [123_454, 12_345],
    [123_455, 12_346],
    [200_000, 20_000],
  ])('income %i → %i', (income, budget) => {
    expect(premiumBudgetOf(income)).toBe(budget);
  });
});

describe('priority', () => {
  it('orders by gap ÷ recommended, largest first', () => {
    const dims = dimensionGaps(
      gapInput({
        annualIncome: 100_000,
        policies: [
          { type: 'medical', sumAssured: 1_500_000, annualPremium: 0 }, // 25 % open
          { type: 'accident', sumAssured: 100_000, annualPremium: 0 }, // 80 % open
        ],
      }),
    );
    expect(priorityOf(dims)).toEqual(['critical_illness', 'accident', 'medical']);
  });

  it('breaks ties in the order medical, critical illness, accident, life', () => {
    const dims = dimensionGaps(gapInput({ dependants: { children: 1, parents: 0, spouse: false } }));
    expect(priorityOf(dims)).toEqual(['medical', 'critical_illness', 'accident', 'life']);
    const half = dimensionGaps(
      gapInput({
        annualIncome: 100_000,
        policies: [
          { type: 'medical', sumAssured: 2_000_000, annualPremium: 0 },
          { type: 'accident', sumAssured: 250_000, annualPremium: 0 },
          { type: 'critical_illness', sumAssured: 150_000, annualPremium: 0 },
        ],
      }),
    );
    expect(priorityOf(half)).toEqual(['critical_illness', 'accident']);
  });

  it('leaves out dimensions without a gap', () => {
    expect(priorityOf(dimensionGaps(gapInput()))).not.toContain('life');
  });
});

describe('GapInputSchema', () => {
  const valid = { age: 30, annualIncome: 1, dependants: { children: 0, parents: 0, spouse: false }, socialInsurance: true };

  it('defaults debts, liquid assets and policies', () => {
    expect(GapInputSchema.parse(valid)).toMatchObject({ debts: 0, liquidAssets: 0, policies: [] });
  });

  it('rejects unknown fields at every level', () => {
    expect(GapInputSchema.safeParse({ ...valid, salary: 1 }).success).toBe(false);
    expect(GapInputSchema.safeParse({ ...valid, dependants: { ...valid.dependants, pets: 1 } }).success).toBe(false);
    expect(GapInputSchema.safeParse({ ...valid, policies: [{ type: 'life', sumAssured: 1, annualPremium: 1, insurer: 'x' }] }).success).toBe(false);
  });

  it('rejects fractional or negative money and unknown policy types', () => {
    expect(GapInputSchema.safeParse({ ...valid, annualIncome: 100.5 }).success).toBe(false);
    expect(GapInputSchema.safeParse({ ...valid, debts: -1 }).success).toBe(false);
    expect(GapInputSchema.safeParse({ ...valid, policies: [{ type: 'pet', sumAssured: 1, annualPremium: 1 }] }).success).toBe(false);
    expect(GapInputSchema.safeParse({ ...valid, riskTier: 'extreme' }).success).toBe(false);
  });
});
