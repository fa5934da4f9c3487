import { describe, expect, it } from 'vitest';
import { analyseGap } from '../../../shared/domain/gap/analyse';
import { SAMPLE_CATALOGUE } from '../../../shared/domain/gap/catalogue';
import { COVERAGE_TYPES } from '../../../shared/domain/gap/types';
import { gapInput, product } from './gap-fixture';

const testCatalogue = [
  product({ id: 'ci', type: 'critical_illness', rates: [{ ageMin: 18, ageMax: 60, ratePer10k: 50 }] }),
  product({ id: 'med', type: 'medical', sumAssured: { min: 1_000_000, max: 2_000_000, step: 1_000_000 }, rates: [{ ageMin: 18, ageMax: 60, ratePer10k: 2 }] }),
  product({ id: 'acc', type: 'accident', sumAssured: { min: 100_000, max: 2_000_000, step: 100_000 }, rates: [{ ageMin: 18, ageMax: 60, ratePer10k: 2 }] }),
  product({ id: 'life', type: 'life', tiers: ['low', 'medium'], sumAssured: { min: 500_000, max: 5_000_000, step: 100_000 }, rates: [{ ageMin: 18, ageMax: 60, ratePer10k: 10 }] }),
];

describe('analyseGap with a controlled catalogue', () => {
  it('fills every priority when the budget allows (income 100k: budget 10,000)', () => {
    const r = analyseGap(gapInput({ annualIncome: 100_000 }), testCatalogue);
    expect(r.premiumBudget).toBe(10_000);
    expect(r.priority).toEqual(['medical', 'critical_illness', 'accident']);
    expect(r.recommendations.map((x) => [x.productId, x.sumAssured, x.annualPremium])).toEqual([
      ['med', 2_000_000, 400],
      ['ci', 300_000, 1_500],
      ['acc', 500_000, 100],
    ]);
    expect(r.unclosedGaps).toEqual([]);
  });

  it('serves priorities in order until the budget runs out, sizing the last one down', () => {
    const r = analyseGap(
      gapInput({ annualIncome: 100_000, policies: [{ type: 'life', sumAssured: 100_000, annualPremium: 9_000 }] }),
      testCatalogue,
    );
    expect(r.currentPremium).toBe(9_000);
    expect(r.recommendations.map((x) => [x.productId, x.sumAssured, x.annualPremium, x.sizedDownForBudget])).toEqual([
      ['med', 2_000_000, 400, false],
      ['ci', 120_000, 600, true],
    ]);
    expect(r.unclosedGaps).toEqual([
      { type: 'critical_illness', remainingGap: 180_000, reason: 'budget_insufficient' },
      { type: 'accident', remainingGap: 500_000, reason: 'no_budget' },
    ]);
  });

  it('recommends nothing when existing premiums already use the whole budget', () => {
    const r = analyseGap(gapInput({ annualIncome: 100_000, policies: [{ type: 'life', sumAssured: 0, annualPremium: 12_000 }] }), testCatalogue);
    expect(r.recommendations).toEqual([]);
    expect(r.unclosedGaps.map((u) => [u.type, u.reason])).toEqual([
      ['medical', 'no_budget'],
      ['critical_illness', 'no_budget'],
      ['accident', 'no_budget'],
    ]);
  });

  it('applies the tier factor to every price and to eligibility', () => {
    const premiums = (riskTier: 'low' | 'medium' | 'high') =>
      analyseGap(gapInput({ annualIncome: 100_000, riskTier }), testCatalogue).recommendations.map((x) => x.annualPremium);
    expect(premiums('low')).toEqual([320, 1_200, 80]);
    expect(premiums('medium')).toEqual([400, 1_500, 100]);
    expect(premiums('high')).toEqual([480, 1_800, 120]);
    expect(analyseGap(gapInput({ riskTier: 'low' }), testCatalogue).pricingFactor).toBe(0.8);
    expect(analyseGap(gapInput({ riskTier: 'high' }), testCatalogue).pricingFactor).toBe(1.2);

    const high = analyseGap(gapInput({ riskTier: 'high', dependants: { children: 1, parents: 0, spouse: false } }), testCatalogue);
    expect(high.unclosedGaps).toContainEqual({ type: 'life', remainingGap: 2_000_000, reason: 'no_eligible_product' });
  });

  it('prices as medium and says so when the tier is unknown', () => {
    const r = analyseGap(gapInput({ riskTier: undefined }), testCatalogue);
    expect(r.pricingFactor).toBe(1);
    expect(r.assumptions).toEqual([{ code: 'risk_tier_assumed_medium', message: expect.stringContaining('medium') }]);
    expect(analyseGap(gapInput(), testCatalogue).assumptions).toBeUndefined();
  });

  it('reports all four dimensions even when fully covered', () => {
    const r = analyseGap(
      gapInput({
        annualIncome: 100_000,
        policies: [
          { type: 'critical_illness', sumAssured: 400_000, annualPremium: 1 },
          { type: 'medical', sumAssured: 2_000_000, annualPremium: 1 },
          { type: 'accident', sumAssured: 500_000, annualPremium: 1 },
        ],
      }),
      testCatalogue,
    );
    expect(Object.keys(r.dimensions)).toEqual([...COVERAGE_TYPES]);
    expect(r.priority).toEqual([]);
    expect(r.recommendations).toEqual([]);
    expect(r.unclosedGaps).toEqual([]);
  });

  it('has exactly the documented output fields', () => {
    expect(Object.keys(analyseGap(gapInput(), testCatalogue)).sort()).toEqual(
      ['currentPremium', 'dimensions', 'premiumBudget', 'pricingFactor', 'priority', 'recommendations', 'unclosedGaps'].sort(),
    );
  });
});

describe('analyseGap with the sample catalogue', () => {
  it('a 35-year-old parent with a mortgage (hand-computed)', () => {
    const r = analyseGap(
      gapInput({
        age: 35,
        annualIncome: 300_000,
        debts: 1_000_000,
        liquidAssets: 200_000,
        dependants: { children: 1, parents: 0, spouse: true },
        policies: [
          { type: 'medical', sumAssured: 2_000_000, annualPremium: 300 },
          { type: 'accident', sumAssured: 500_000, annualPremium: 150 },
        ],
      }),
    );
    expect(r.dimensions).toEqual({
      critical_illness: { recommended: 900_000, existing: 0, gap: 900_000 },
      medical: { recommended: 2_000_000, existing: 2_000_000, gap: 0 },
      accident: { recommended: 1_500_000, existing: 500_000, gap: 1_000_000 },
      life: { recommended: 3_800_000, existing: 0, gap: 3_800_000 },
    });
    expect([r.premiumBudget, r.currentPremium]).toEqual([30_000, 450]);
    expect(r.priority).toEqual(['critical_illness', 'life', 'accident']);
    expect(r.recommendations.map((x) => [x.productId, x.sumAssured, x.annualPremium])).toEqual([
      ['ci-kangan-term70', 900_000, 6_120],
      ['life-shouhu-term70', 3_800_000, 4_180],
      ['acc-changxing', 1_000_000, 160],
    ]);
    expect(r.unclosedGaps).toEqual([]);
  });

  it('a 55-year-old high-risk member without social insurance (hand-computed)', () => {
    const r = analyseGap(
      gapInput({ age: 55, annualIncome: 200_000, riskTier: 'high', socialInsurance: false, conditions: ['hypertension'] }),
    );
    expect(r.priority).toEqual(['medical', 'critical_illness', 'accident']);
    expect(r.recommendations.map((x) => [x.productId, x.sumAssured, x.annualPremium])).toEqual([
      ['med-chronic-care', 2_000_000, 2_400],
      ['ci-sangao-care', 300_000, 9_180],
      ['acc-changxing', 1_000_000, 384],
    ]);
    expect(r.unclosedGaps).toEqual([{ type: 'critical_illness', remainingGap: 300_000, reason: 'product_limit' }]);
  });

  it('offers 惠民保 only with social insurance and past the other products’ age limits', () => {
    const r = analyseGap(gapInput({ age: 75, annualIncome: 100_000, socialInsurance: true }));
    expect(r.recommendations.map((x) => [x.productId, x.sumAssured, x.annualPremium])).toEqual([
      ['med-city-huiminbao', 1_000_000, 99],
      ['acc-yinling', 500_000, 550],
    ]);
    expect(r.unclosedGaps).toEqual([
      { type: 'medical', remainingGap: 1_000_000, reason: 'product_limit' },
      { type: 'critical_illness', remainingGap: 300_000, reason: 'no_eligible_product' },
    ]);
    const uninsured = analyseGap(gapInput({ age: 75, annualIncome: 100_000, socialInsurance: false }));
    expect(uninsured.unclosedGaps[0]).toEqual({ type: 'medical', remainingGap: 2_000_000, reason: 'no_eligible_product' });
  });
});

describe('sample catalogue data', () => {
  it('has ~8 products whose sums and rate bands are consistent', () => {
    expect(SAMPLE_CATALOGUE.length).toBeGreaterThanOrEqual(8);
    expect(new Set(SAMPLE_CATALOGUE.map((p) => p.id)).size).toBe(SAMPLE_CATALOGUE.length);
    for (const p of SAMPLE_CATALOGUE) {
      const { min, max, step } = p.sumAssured;
      expect(step % 10_000, p.id).toBe(0);
      expect(min % step, p.id).toBe(0);
      expect(max % step, p.id).toBe(0);
      expect(min <= max, p.id).toBe(true);
      expect(p.nameZh).toMatch(/[\u4e00-\u9fff]/);
      let age = p.age.min;
      for (const band of p.rates) {
        expect(band.ageMin, `${p.id} bands contiguous`).toBe(age);
        expect(Math.round(band.ratePer10k * 100)).toBeCloseTo(band.ratePer10k * 100, 6);
        age = band.ageMax + 1;
      }
      expect(age - 1, `${p.id} bands cover the age range`).toBe(p.age.max);
    }
  });

  it('covers every dimension', () => {
    for (const t of COVERAGE_TYPES) expect(SAMPLE_CATALOGUE.some((p) => p.type === t)).toBe(true);
  });
});
