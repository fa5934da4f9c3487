import type { RiskTier } from '../team/roles';

/** The four coverage dimensions of docs/prd.md §2.4.1. */
export const COVERAGE_TYPES = ['critical_illness', 'medical', 'accident', 'life'] as const;
export type CoverageType = (typeof COVERAGE_TYPES)[number];

export const COVERAGE_LABELS_ZH: Record<CoverageType, string> = {
  critical_illness: '重疾保障',
  medical: '医疗保障',
  accident: '意外保障',
  life: '寿险保障',
};

export interface DimensionGap {
  recommended: number;
  existing: number;
  gap: number;
}

export interface Recommendation {
  type: CoverageType;
  productId: string;
  nameZh: string;
  sumAssured: number;
  annualPremium: number;
  /** Gap left in this dimension after this product; 0 when it closes the gap. */
  remainingGap: number;
  /** True when the sum was cut below the gap to fit the remaining budget. */
  sizedDownForBudget: boolean;
}

/**
 * Why (part of) a gap stays open:
 * - no_budget: nothing left of the premium budget (spent by existing premiums or earlier priorities);
 * - budget_insufficient: budget left, but not enough for the whole gap or even a product's minimum;
 * - no_eligible_product: no catalogue product accepts this age / risk tier / condition / social insurance;
 * - product_limit: the best product's maximum sum assured is below the gap.
 */
export const UNCLOSED_REASONS = ['no_budget', 'budget_insufficient', 'no_eligible_product', 'product_limit'] as const;
export type UnclosedReason = (typeof UNCLOSED_REASONS)[number];

export interface UnclosedGap {
  type: CoverageType;
  remainingGap: number;
  reason: UnclosedReason;
}

export interface GapAssumption {
  code: 'risk_tier_assumed_medium';
  message: string;
}

export interface GapReport {
  dimensions: Record<CoverageType, DimensionGap>;
  premiumBudget: number;
  currentPremium: number;
  priority: CoverageType[];
  pricingFactor: number;
  recommendations: Recommendation[];
  unclosedGaps: UnclosedGap[];
  /** Present only when something was assumed (riskTier absent → priced as medium). */
  assumptions?: GapAssumption[];
}

export type PricingTier = RiskTier;
