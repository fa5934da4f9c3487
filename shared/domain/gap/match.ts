import type { RiskTier } from '../team/roles';
import type { Condition } from '../health/form';
import type { Product } from './catalogue';
import { PRICING_PERCENT } from './rules';
import type { CoverageType, Recommendation, UnclosedGap } from './types';

export interface MatchContext {
  age: number;
  /** Tier used for both eligibility and the pricing factor. */
  tier: RiskTier;
  socialInsurance: boolean;
  /** Unknown conditions exclude nothing; underwriting settles them later. */
  conditions?: readonly Condition[];
}

export const rateFor = (product: Product, age: number) =>
  product.rates.find((band) => age >= band.ageMin && age <= band.ageMax)?.ratePer10k;

export function isEligible(product: Product, ctx: MatchContext): boolean {
  if (ctx.age < product.age.min || ctx.age > product.age.max) return false;
  if (rateFor(product, ctx.age) === undefined) return false;
  if (!product.tiers.includes(ctx.tier)) return false;
  if (product.requiresSocialInsurance && !ctx.socialInsurance) return false;
  return !(ctx.conditions ?? []).some((c) => product.excludedConditions.includes(c));
}

/** The gap rounded up to the product's step, then held within its range. */
export function sizeToGap(product: Product, gap: number): number {
  const { min, max, step } = product.sumAssured;
  return Math.min(max, Math.max(min, Math.ceil(gap / step) * step));
}

/**
 * rate × sum/10,000 × tier factor, rounded half up to whole CNY. Worked in fen and percent so
 * that e.g. 1.3 × 200 × 0.8 is exactly 208, not 207.99999….
 */
export function premiumFor(product: Product, sumAssured: number, age: number, tier: RiskTier): number {
  const rate = rateFor(product, age);
  if (rate === undefined) throw new RangeError(`${product.id} has no rate for age ${age}`);
  const rateFen = Math.round(rate * 100);
  const units = sumAssured / 10_000;
  const scaled = rateFen * units * PRICING_PERCENT[tier];
  return Math.floor((scaled + 5_000) / 10_000);
}

interface Option {
  product: Product;
  index: number;
  full: number;
  sum: number;
  premium: number;
  covered: number;
  rateFen: number;
}

/** Largest allowed sum ≤ `full` whose premium fits `budget`, or undefined when even the minimum does not. */
function affordableSum(product: Product, full: number, budget: number, ctx: MatchContext): number | undefined {
  const { min, step } = product.sumAssured;
  const fits = (k: number) => premiumFor(product, k * step, ctx.age, ctx.tier) <= budget;
  let lo = Math.ceil(min / step);
  let hi = full / step;
  if (!fits(lo)) return undefined;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo * step;
}

function optionFor(product: Product, index: number, gap: number, budget: number, ctx: MatchContext): Option | undefined {
  const full = sizeToGap(product, gap);
  const sum = affordableSum(product, full, budget, ctx);
  if (sum === undefined) return undefined;
  return {
    product,
    index,
    full,
    sum,
    premium: premiumFor(product, sum, ctx.age, ctx.tier),
    covered: Math.min(sum, gap),
    rateFen: Math.round((rateFor(product, ctx.age) ?? 0) * 100),
  };
}

/** Best fit: most of the gap covered within budget, then cheapest per coverage, then cheapest, then catalogue order. */
const better = (a: Option, b: Option) =>
  b.covered - a.covered || a.rateFen - b.rateFen || a.premium - b.premium || a.index - b.index;

export interface DimensionMatch {
  recommendation?: Recommendation;
  unclosed?: UnclosedGap;
  premium: number;
}

export function matchDimension(
  type: CoverageType,
  gap: number,
  budget: number,
  catalogue: readonly Product[],
  ctx: MatchContext,
): DimensionMatch {
  const eligible = catalogue
    .map((product, index) => ({ product, index }))
    .filter(({ product }) => product.type === type && isEligible(product, ctx));
  if (eligible.length === 0) return { unclosed: { type, remainingGap: gap, reason: 'no_eligible_product' }, premium: 0 };

  const options = eligible
    .map(({ product, index }) => optionFor(product, index, gap, budget, ctx))
    .filter((o): o is Option => o !== undefined)
    .sort(better);
  const best = options[0];
  if (!best) {
    return { unclosed: { type, remainingGap: gap, reason: budget > 0 ? 'budget_insufficient' : 'no_budget' }, premium: 0 };
  }

  const sizedDown = best.sum < best.full;
  const remainingGap = gap - best.covered;
  const recommendation: Recommendation = {
    type,
    productId: best.product.id,
    nameZh: best.product.nameZh,
    sumAssured: best.sum,
    annualPremium: best.premium,
    remainingGap,
    sizedDownForBudget: sizedDown,
  };
  const unclosed: UnclosedGap | undefined =
    remainingGap > 0 ? { type, remainingGap, reason: sizedDown ? 'budget_insufficient' : 'product_limit' } : undefined;
  return { recommendation, ...(unclosed && { unclosed }), premium: best.premium };
}
