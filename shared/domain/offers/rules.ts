/**
 * Moments of care → offers (docs/prd.md §2.7.1 健康商城集成: "基于健康监测数据（如血糖高），自动推送相关健康产品链接"):
 * an offer appears right after something happened in the member's care — a reading, a check-up, a
 * claim — not in a blast. Rules are data: which event fires which offers, and the reason the member
 * is told (《互联网信息服务算法推荐管理规定》第十六、十七条: the user can learn why something was
 * recommended and switch recommendations off).
 */
export const MOMENT_EVENTS = [
  /** A glucose reading at or above the red-flag high line (the same constant that alerts the doctor). */
  'glucose_high_reading',
  /** A completed check-up whose report has abnormal findings (reported by the check-up partner). */
  'checkup_abnormal',
  /** A claim was closed (reported by the claims system). */
  'claim_closed',
] as const;
export type MomentEvent = (typeof MOMENT_EVENTS)[number];

/** Where an offer leads: a page of the mall mini-program, or a right the member can redeem. */
export type OfferTarget =
  | { type: 'mall_page'; titleZh: string; path: string }
  | { type: 'right'; titleZh: string; rightId: string };

export interface OfferRule {
  id: string;
  event: MomentEvent;
  /** Why the member gets it, in the words they read ("因为…"). Names no value or diagnosis. */
  reasonZh: string;
  offers: readonly OfferTarget[];
}

export const OFFER_RULES: readonly OfferRule[] = [
  {
    id: 'glucose_high_diet',
    event: 'glucose_high_reading',
    reasonZh: '因为您最近上传的一次血糖读数偏高',
    offers: [
      { type: 'mall_page', titleZh: '糖尿病饮食指南', path: 'pages/article/detail?id=diabetes-diet-guide' },
      { type: 'mall_page', titleZh: '血糖监测用品（血糖仪、试纸）', path: 'pages/category/index?id=glucose-monitoring' },
    ],
  },
  {
    id: 'checkup_expert_outpatient',
    event: 'checkup_abnormal',
    reasonZh: '因为您最近完成的体检报告中有需要复查的项目',
    offers: [{ type: 'mall_page', titleZh: '专家门诊预约', path: 'pages/booking/expert?from=checkup' }],
  },
  {
    id: 'claim_recovery',
    event: 'claim_closed',
    reasonZh: '因为您的理赔刚刚结案',
    offers: [
      { type: 'mall_page', titleZh: '康复计划', path: 'pages/recovery/plan?from=claim' },
      { type: 'right', titleZh: '康复随访权益', rightId: 'recovery_follow_up' },
    ],
  },
];

export const rulesFor = (event: MomentEvent): OfferRule[] => OFFER_RULES.filter((r) => r.event === event);
export const ruleById = (id: string): OfferRule | undefined => OFFER_RULES.find((r) => r.id === id);

export { DAY_MS } from '../reminders/shanghai-time';
import { DAY_MS } from '../reminders/shanghai-time';
export const WEEK_MS = 7 * DAY_MS;
/** No offer this long after an emergency began or was last active. */
export const EMERGENCY_QUIET_MS = DAY_MS;
export const DEFAULT_OFFERS_PER_WEEK = 2;

export type OfferRefusal = 'no_consent' | 'member_not_active' | 'recent_emergency' | 'rule_this_week' | 'weekly_cap';

export interface OfferGateInput {
  nowMs: number;
  ruleId: string;
  consentGranted: boolean;
  memberActive: boolean;
  /** Latest instant of each emergency of the member's (when it began, its last message, when it closed); null while one is open. */
  emergencies: readonly { latestAtMs: number; open: boolean }[];
  /** Offers already made to the member (any rule), by when they were made. */
  recent: readonly { ruleId: string; atMs: number }[];
  perWeek: number;
}

/**
 * Whether an offer may be made now. Order matters only for the reason given: consent and standing
 * first (nothing is looked at without them), then the emergency quiet period, then the rolling-week
 * limits (one per rule, `perWeek` in all).
 */
export function offerGate(input: OfferGateInput): { ok: true } | { ok: false; reason: OfferRefusal } {
  if (!input.memberActive) return { ok: false, reason: 'member_not_active' };
  if (!input.consentGranted) return { ok: false, reason: 'no_consent' };
  if (input.emergencies.some((e) => e.open || input.nowMs - e.latestAtMs < EMERGENCY_QUIET_MS)) return { ok: false, reason: 'recent_emergency' };
  const week = input.recent.filter((r) => input.nowMs - r.atMs < WEEK_MS);
  if (week.some((r) => r.ruleId === input.ruleId)) return { ok: false, reason: 'rule_this_week' };
  if (week.length >= input.perWeek) return { ok: false, reason: 'weekly_cap' };
  return { ok: true };
}

/** The text the member receives: the reason first, then each offer with its link, and where to switch offers off. */
export function offerText(rule: Pick<OfferRule, 'reasonZh' | 'offers'>, links: readonly string[], consentsUrl: string): { title: string; content: string } {
  const lines = rule.offers.map((o, i) => `· ${o.titleZh}：${links[i] ?? ''}`);
  return {
    title: '为您推荐',
    content: `${rule.reasonZh}，为您推荐：\n${lines.join('\n')}\n不想再收到推荐？在「我的授权」中关闭：${consentsUrl}`,
  };
}
