/**
 * Earning rules as data (docs/prd.md §2.5.2 积分规则; points are earned by completing health tasks, 完成健康任务累积积分).
 * Caps count awards per Shanghai calendar day / month; an award over a cap is recorded as a
 * refused 0-point entry with reason 'cap_reached', never as an error.
 */
export interface EarningRule {
  id: string;
  labelZh: string;
  points: number;
  caps: { perDay?: number; perMonth?: number };
  /** Points expire at the end of this many Shanghai months after the month of earning. */
  expiryMonths: number;
}

export const EARNING_RULES = {
  form_completed: {
    id: 'form_completed',
    labelZh: '完成健康采集表单',
    points: 50,
    caps: { perDay: 1, perMonth: 4 },
    expiryMonths: 12,
  },
  reading_uploaded: {
    id: 'reading_uploaded',
    labelZh: '上传健康数据',
    points: 5,
    caps: { perDay: 3, perMonth: 60 },
    expiryMonths: 12,
  },
  plan_task_completed: {
    id: 'plan_task_completed',
    labelZh: '完成健康计划任务',
    points: 10,
    caps: { perDay: 5 },
    expiryMonths: 12,
  },
  activity_attended: {
    id: 'activity_attended',
    labelZh: '参加社群活动签到',
    points: 30,
    caps: { perDay: 2 },
    expiryMonths: 12,
  },
  community_interaction: {
    id: 'community_interaction',
    labelZh: '社群互动',
    points: 2,
    caps: { perDay: 5 },
    expiryMonths: 12,
  },
  monthly_streak: {
    id: 'monthly_streak',
    labelZh: '月度坚持奖励',
    points: 100,
    caps: { perMonth: 1 },
    expiryMonths: 12,
  },
} as const satisfies Record<string, EarningRule>;

export type EarningRuleId = keyof typeof EARNING_RULES;
export const EARNING_RULE_IDS = Object.keys(EARNING_RULES) as [EarningRuleId, ...EarningRuleId[]];

export function earningRule(id: EarningRuleId): EarningRule {
  return EARNING_RULES[id];
}
