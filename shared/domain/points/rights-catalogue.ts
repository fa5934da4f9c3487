import type { RiskTier } from '../team/roles';

/**
 * Health rights (docs/prd.md §2.5.1 健康权益管理) as data. `serviceItem` names the section of the
 * health-management service standard the right delivers (the draft T/IAC 《重大疾病保险客户健康管理
 * 指引》). Tier entitlements follow the service layers of the product-design paper 慢病预防的健康保险
 * 产品设计: 基础层 (everyone) gets the annual check-up, 深层 (high risk) gets 1对1 health-manager
 * follow-up and hospital green channel.
 */
export interface RightDef {
  id: string;
  labelZh: string;
  serviceItem: string;
  /** Points price when not covered by a free entitlement; null = only available as an entitlement. */
  pointsPrice: number | null;
  /** Free uses per Shanghai calendar year by member risk tier. */
  freePerYear: Partial<Record<RiskTier, number>>;
  /** At most this many redemptions per member per Shanghai calendar year (free and paid together). */
  perYearLimit: number | null;
  /** Units put into stock the first time the right is used; staff restock later. */
  initialStock: number;
}

export const RIGHTS = {
  free_checkup: {
    id: 'free_checkup',
    labelZh: '免费体检',
    serviceItem: '4.4 重疾早查',
    pointsPrice: null,
    freePerYear: { low: 1, medium: 1, high: 1 },
    perYearLimit: 1,
    initialStock: 500,
  },
  expert_outpatient: {
    id: 'expert_outpatient',
    labelZh: '专家门诊预约',
    serviceItem: '4.9 专家咨询',
    pointsPrice: 800,
    freePerYear: { high: 1 },
    perYearLimit: 6,
    initialStock: 200,
  },
  green_channel: {
    id: 'green_channel',
    labelZh: '就医绿通',
    serviceItem: '4.11 就医支持',
    pointsPrice: 1500,
    freePerYear: { high: 1 },
    perYearLimit: 2,
    initialStock: 50,
  },
  health_manager_session: {
    id: 'health_manager_session',
    labelZh: '健康管理师 1对1',
    serviceItem: '4.10 健康教练',
    pointsPrice: 300,
    freePerYear: { high: 2 },
    perYearLimit: 12,
    initialStock: 300,
  },
  lecture_seat: {
    id: 'lecture_seat',
    labelZh: '健康讲座席位',
    serviceItem: '4.3 健康教育',
    pointsPrice: 50,
    freePerYear: {},
    perYearLimit: null,
    initialStock: 1000,
  },
} as const satisfies Record<string, RightDef>;

export type RightId = keyof typeof RIGHTS;
export const RIGHT_IDS = Object.keys(RIGHTS) as [RightId, ...RightId[]];

export function rightDef(id: RightId): RightDef {
  return RIGHTS[id];
}

export const freeUsesPerYear = (right: RightDef, tier: RiskTier | null): number =>
  tier ? (right.freePerYear[tier] ?? 0) : 0;
