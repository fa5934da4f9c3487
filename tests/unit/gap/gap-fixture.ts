import type { Product } from '../../../shared/domain/gap/catalogue';
import { GapInputSchema, type GapInput, type GapInputRaw } from '../../../shared/domain/gap/input';

/** A 30-year-old earning 200k with no family duties, no cover, social insurance. */
export const gapInput = (overrides: Partial<GapInputRaw> = {}): GapInput =>
  GapInputSchema.parse({
    age: 30,
    annualIncome: 200_000,
    dependants: { children: 0, parents: 0, spouse: false },
    socialInsurance: true,
    riskTier: 'medium',
    ...overrides,
  });

export const product = (overrides: Partial<Product> = {}): Product => ({
  id: 'test-ci',
  nameZh: '测试重疾险',
  type: 'critical_illness',
  sumAssured: { min: 100_000, max: 1_000_000, step: 10_000 },
  age: { min: 18, max: 60 },
  tiers: ['low', 'medium', 'high'],
  excludedConditions: [],
  rates: [{ ageMin: 18, ageMax: 60, ratePer10k: 50 }],
  ...overrides,
});
