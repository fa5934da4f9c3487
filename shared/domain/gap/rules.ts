import type { RiskTier } from '../team/roles';
import type { GapInput } from './input';
import { COVERAGE_TYPES, type CoverageType, type DimensionGap } from './types';

/** Rounds a whole-CNY amount up to the next multiple of 10,000 (an exact multiple stays). */
export const ceil10k = (amount: number) => Math.ceil(amount / 10_000) * 10_000;

export const MIN_CRITICAL_ILLNESS = 300_000;
export const MEDICAL_RECOMMENDED = 2_000_000;
export const MIN_ACCIDENT = 500_000;

/** Low 0.8, medium 1.0, high 1.2: risk-based differential pricing (“基于风险评估的差异化定价”, 慢病预防的健康保险产品设计). */
export const PRICING_FACTORS: Record<RiskTier, number> = { low: 0.8, medium: 1.0, high: 1.2 };
/** The same factors in percent, for exact integer arithmetic. */
export const PRICING_PERCENT: Record<RiskTier, number> = { low: 80, medium: 100, high: 120 };

export const hasFamilyDuties = (input: Pick<GapInput, 'dependants' | 'debts'>) =>
  input.dependants.children > 0 || input.dependants.parents > 0 || input.dependants.spouse || input.debts > 0;

export function recommendedCover(input: GapInput): Record<CoverageType, number> {
  const income = input.annualIncome;
  return {
    critical_illness: ceil10k(Math.max(MIN_CRITICAL_ILLNESS, 3 * income)),
    medical: MEDICAL_RECOMMENDED,
    accident: ceil10k(Math.max(MIN_ACCIDENT, 5 * income, input.debts)),
    life: hasFamilyDuties(input) ? ceil10k(Math.max(0, 10 * income + input.debts - input.liquidAssets)) : 0,
  };
}

export function existingCover(policies: GapInput['policies']): Record<CoverageType, number> {
  const sums: Record<CoverageType, number> = { critical_illness: 0, medical: 0, accident: 0, life: 0 };
  for (const p of policies) sums[p.type] += p.sumAssured;
  return sums;
}

export function dimensionGaps(input: GapInput): Record<CoverageType, DimensionGap> {
  const recommended = recommendedCover(input);
  const existing = existingCover(input.policies);
  const entry = (t: CoverageType): DimensionGap => ({
    recommended: recommended[t],
    existing: existing[t],
    gap: Math.max(0, recommended[t] - existing[t]),
  });
  return { critical_illness: entry('critical_illness'), medical: entry('medical'), accident: entry('accident'), life: entry('life') };
}

/** 10 % of income, rounded half up, in integers so x.5 never drifts below half. */
export const premiumBudgetOf = (annualIncome: number) => Math.floor((annualIncome + 5) / 10);

export const currentPremiumOf = (policies: GapInput['policies']) => policies.reduce((sum, p) => sum + p.annualPremium, 0);

/** Tie order when two dimensions miss the same share of their recommendation. */
const TIE_ORDER: readonly CoverageType[] = ['medical', 'critical_illness', 'accident', 'life'];

/** Dimensions with a gap, largest gap ÷ recommended first; ratios compared exactly by cross-multiplying. */
export function priorityOf(dimensions: Record<CoverageType, DimensionGap>): CoverageType[] {
  const open = COVERAGE_TYPES.filter((t) => dimensions[t].gap > 0);
  return open.sort((a, b) => {
    const da = dimensions[a];
    const db = dimensions[b];
    const lhs = BigInt(db.gap) * BigInt(da.recommended);
    const rhs = BigInt(da.gap) * BigInt(db.recommended);
    if (lhs !== rhs) return lhs > rhs ? 1 : -1;
    return TIE_ORDER.indexOf(a) - TIE_ORDER.indexOf(b);
  });
}
