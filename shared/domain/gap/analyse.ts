import type { RiskTier } from '../team/roles';
import { SAMPLE_CATALOGUE, type Product } from './catalogue';
import type { GapInput } from './input';
import { matchDimension } from './match';
import { currentPremiumOf, dimensionGaps, premiumBudgetOf, PRICING_FACTORS, priorityOf } from './rules';
import type { GapAssumption, GapReport, Recommendation, UnclosedGap } from './types';

const ASSUMED_MEDIUM: GapAssumption = {
  code: 'risk_tier_assumed_medium',
  message: 'riskTier absent: priced and matched as medium (factor 1.0) until the health form gives a tier',
};

/**
 * Protection-gap analysis with product matching (docs/prd.md §2.4.1, §2.4.2, §4.3 steps 3–4). Priorities
 * are served in order from what is left of the budget; once it runs out the remaining gaps are
 * reported as unclosed rather than silently dropped.
 */
export function analyseGap(input: GapInput, catalogue: readonly Product[] = SAMPLE_CATALOGUE): GapReport {
  const tier: RiskTier = input.riskTier ?? 'medium';
  const dimensions = dimensionGaps(input);
  const premiumBudget = premiumBudgetOf(input.annualIncome);
  const currentPremium = currentPremiumOf(input.policies);
  const priority = priorityOf(dimensions);
  const ctx = {
    age: input.age,
    tier,
    socialInsurance: input.socialInsurance,
    ...(input.conditions && { conditions: input.conditions }),
  };

  let remaining = Math.max(0, premiumBudget - currentPremium);
  const recommendations: Recommendation[] = [];
  const unclosedGaps: UnclosedGap[] = [];
  for (const type of priority) {
    const match = matchDimension(type, dimensions[type].gap, remaining, catalogue, ctx);
    if (match.recommendation) recommendations.push(match.recommendation);
    if (match.unclosed) unclosedGaps.push(match.unclosed);
    remaining -= match.premium;
  }

  return {
    dimensions,
    premiumBudget,
    currentPremium,
    priority,
    pricingFactor: PRICING_FACTORS[tier],
    recommendations,
    unclosedGaps,
    ...(input.riskTier === undefined && { assumptions: [ASSUMED_MEDIUM] }),
  };
}
