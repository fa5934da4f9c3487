import type { RiskTier } from '../team/roles';
import type { Condition } from '../health/form';
import type { CoverageType } from './types';

export interface RateBand {
  ageMin: number;
  ageMax: number;
  /** Annual premium in CNY per 10,000 of sum assured at the standard (medium) rate; at most 2 decimals. */
  ratePer10k: number;
}

export interface Product {
  id: string;
  nameZh: string;
  type: CoverageType;
  /** Every sum is a multiple of `step`; `step` is a multiple of 10,000 and divides `min` and `max`. */
  sumAssured: { min: number; max: number; step: number };
  age: { min: number; max: number };
  tiers: readonly RiskTier[];
  excludedConditions: readonly Condition[];
  /** City-level 普惠 products only insure people in the public medical insurance scheme. */
  requiresSocialInsurance?: boolean;
  rates: readonly RateBand[];
}

const SERIOUS: readonly Condition[] = ['cancer', 'heart_disease', 'stroke', 'chronic_kidney_disease'];

/**
 * A small sample catalogue with plausible 2024–2025 mainland market rates. Real products and rate
 * tables come from the insurer (docs/prd.md §5.3 产品数据); this data only has to be realistic enough to
 * exercise the matching.
 */
export const SAMPLE_CATALOGUE: readonly Product[] = [
  {
    id: 'ci-kangan-term70',
    nameZh: '康安定期重疾险（保至70岁）',
    type: 'critical_illness',
    sumAssured: { min: 100_000, max: 1_000_000, step: 10_000 },
    age: { min: 18, max: 55 },
    tiers: ['low', 'medium'],
    excludedConditions: [...SERIOUS, 'diabetes'],
    rates: [
      { ageMin: 18, ageMax: 30, ratePer10k: 45 },
      { ageMin: 31, ageMax: 40, ratePer10k: 68 },
      { ageMin: 41, ageMax: 50, ratePer10k: 115 },
      { ageMin: 51, ageMax: 55, ratePer10k: 175 },
    ],
  },
  {
    id: 'ci-anxiang-whole-life',
    nameZh: '安享终身重疾险',
    type: 'critical_illness',
    sumAssured: { min: 100_000, max: 800_000, step: 10_000 },
    age: { min: 18, max: 50 },
    tiers: ['low', 'medium'],
    excludedConditions: [...SERIOUS, 'diabetes', 'hypertension', 'copd'],
    rates: [
      { ageMin: 18, ageMax: 30, ratePer10k: 98 },
      { ageMin: 31, ageMax: 40, ratePer10k: 135 },
      { ageMin: 41, ageMax: 50, ratePer10k: 198 },
    ],
  },
  {
    id: 'ci-sangao-care',
    nameZh: '三高人群特定重疾险',
    type: 'critical_illness',
    sumAssured: { min: 100_000, max: 300_000, step: 10_000 },
    age: { min: 18, max: 65 },
    tiers: ['low', 'medium', 'high'],
    excludedConditions: SERIOUS,
    rates: [
      { ageMin: 18, ageMax: 40, ratePer10k: 120 },
      { ageMin: 41, ageMax: 50, ratePer10k: 175 },
      { ageMin: 51, ageMax: 60, ratePer10k: 255 },
      { ageMin: 61, ageMax: 65, ratePer10k: 330 },
    ],
  },
  {
    id: 'med-anxin-million',
    nameZh: '安心百万医疗险',
    type: 'medical',
    sumAssured: { min: 1_000_000, max: 4_000_000, step: 1_000_000 },
    age: { min: 18, max: 65 },
    tiers: ['low', 'medium'],
    excludedConditions: [...SERIOUS, 'diabetes', 'copd'],
    rates: [
      { ageMin: 18, ageMax: 30, ratePer10k: 1.3 },
      { ageMin: 31, ageMax: 40, ratePer10k: 2 },
      { ageMin: 41, ageMax: 50, ratePer10k: 3.6 },
      { ageMin: 51, ageMax: 60, ratePer10k: 6.8 },
      { ageMin: 61, ageMax: 65, ratePer10k: 9.9 },
    ],
  },
  {
    id: 'med-chronic-care',
    nameZh: '慢病人群医疗险（可带病投保）',
    type: 'medical',
    sumAssured: { min: 1_000_000, max: 2_000_000, step: 1_000_000 },
    age: { min: 18, max: 70 },
    tiers: ['low', 'medium', 'high'],
    excludedConditions: ['cancer'],
    rates: [
      { ageMin: 18, ageMax: 40, ratePer10k: 3.5 },
      { ageMin: 41, ageMax: 50, ratePer10k: 6 },
      { ageMin: 51, ageMax: 60, ratePer10k: 10 },
      { ageMin: 61, ageMax: 70, ratePer10k: 16 },
    ],
  },
  {
    id: 'med-city-huiminbao',
    nameZh: '城市普惠医疗险（惠民保）',
    type: 'medical',
    sumAssured: { min: 1_000_000, max: 1_000_000, step: 1_000_000 },
    age: { min: 18, max: 100 },
    tiers: ['low', 'medium', 'high'],
    excludedConditions: [],
    requiresSocialInsurance: true,
    rates: [{ ageMin: 18, ageMax: 100, ratePer10k: 0.99 }],
  },
  {
    id: 'acc-changxing',
    nameZh: '畅行综合意外险',
    type: 'accident',
    sumAssured: { min: 100_000, max: 2_000_000, step: 100_000 },
    age: { min: 18, max: 65 },
    tiers: ['low', 'medium', 'high'],
    excludedConditions: [],
    rates: [
      { ageMin: 18, ageMax: 40, ratePer10k: 1.6 },
      { ageMin: 41, ageMax: 50, ratePer10k: 2.2 },
      { ageMin: 51, ageMax: 65, ratePer10k: 3.2 },
    ],
  },
  {
    id: 'acc-yinling',
    nameZh: '银龄意外险',
    type: 'accident',
    sumAssured: { min: 100_000, max: 500_000, step: 50_000 },
    age: { min: 50, max: 85 },
    tiers: ['low', 'medium', 'high'],
    excludedConditions: [],
    rates: [
      { ageMin: 50, ageMax: 65, ratePer10k: 6.5 },
      { ageMin: 66, ageMax: 85, ratePer10k: 11 },
    ],
  },
  {
    id: 'life-shouhu-term70',
    nameZh: '守护定期寿险（保至70岁）',
    type: 'life',
    sumAssured: { min: 500_000, max: 5_000_000, step: 100_000 },
    age: { min: 18, max: 60 },
    tiers: ['low', 'medium'],
    excludedConditions: SERIOUS,
    rates: [
      { ageMin: 18, ageMax: 30, ratePer10k: 6.5 },
      { ageMin: 31, ageMax: 40, ratePer10k: 11 },
      { ageMin: 41, ageMax: 50, ratePer10k: 24 },
      { ageMin: 51, ageMax: 60, ratePer10k: 52 },
    ],
  },
];
