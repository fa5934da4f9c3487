import { HOUR_MS, MINUTE_MS } from './shanghai-time';

/**
 * Every number the reminder rules use, with where it comes from. "ref" = docs/reference/wecom-protocol.md; "assumption" = not in any source, chosen here and
 * safe to tune (every function takes an override).
 */

/** docs/prd.md §3.1 "消息推送延迟：≤10 秒": a due reminder should leave within this budget. */
export const PUSH_DELAY_BUDGET_MS = 10_000;

/** Assumption: no customer pushes from 21:30 to 08:00 Shanghai (the brief's night window). */
export const QUIET_HOURS = { start: { hour: 21, minute: 30 }, end: { hour: 8, minute: 0 } } as const;

/** Assumption: at most this many proactive pushes per member per Shanghai day. */
export const DEFAULT_MEMBER_DAILY_CAP = 4;
/** Assumption: identical content to the same member is held back for this long. */
export const DEFAULT_DUPLICATE_WINDOW_MS = 6 * HOUR_MS;

/** docs/reference/wecom-protocol.md §3.4: kf/send_msg only "在48小时内 … 最多可发送5条消息" after the customer's last message. */
export const KF_WINDOW_MS = 48 * HOUR_MS;
export const KF_MAX_MESSAGES_PER_WINDOW = 5;
/** docs/reference/wecom-protocol.md §4 add_msg_template: "external_userid ≤10000 per call". */
export const MASS_TASK_MAX_RECIPIENTS = 10_000;

/**
 * Follow-up cadence, from the partner's 2019 Q1 service review (爱睿智无限卡 Q1 服务总结):
 * - "微信定期随访频次 2次/月（1次/2周）" and "固定2次/月" → regular members every 14 days.
 * - "每周邀约体检报告/全科问诊或随访1次，若>3周客户仍不予理会，则不进行后续干预" → silence is
 *   probed about weekly and given up after three weeks.
 * - "每月2-3次，若用户不予理会，则每月邀约/随访频次逐渐递减" → the gaps grow while ignored.
 * - "低配合用户，通过几次的跟踪后明确用户为低配合用户…并整理完成低配合用户名单" → flag for staff.
 */
export const FOLLOW_UP = {
  regularGapDays: 14,
  /** Gap after the 1st, 2nd, … ignored follow-up; doubles from one week. */
  firstIgnoredGapDays: 7,
  ignoredGapGrowth: 2,
  /** Stop when a follow-up falls due after more than three weeks (in local days) of silence. */
  giveUpAfterDays: 21,
  /** Assumption: follow-ups go out at 10:00 Shanghai, mid-morning of a working day. */
  localTime: { hour: 10, minute: 0 },
} as const;

/** docs/prd.md §2.4.3 保单到期提醒: reminders 30, 7 and 1 day(s) ahead at 09:00 Shanghai (assumption). */
export const RENEWAL = { offsetsDays: [30, 7, 1] as const, localTime: { hour: 9, minute: 0 } } as const;

/**
 * Response SLAs. The sources only say "7×24 小时" (docs/prd.md §1.3, §2.1.2 health butler), "紧急程度分级：
 * 识别红色预警症状，优先转人工处理" (docs/prd.md §2.6.1) and "医生7×24小时响应" (the product-design paper 慢病预防的健康保险产品设计); no minute figures.
 * Emergency acknowledgement in 5 minutes comes from the brief; routine figures are assumptions.
 */
export const SLA = {
  emergencyAckMs: 5 * MINUTE_MS,
  /** Urgent (a doctor today, docs/reference/clinical-triage.md §2): the family doctor within 30 minutes, around the clock. */
  urgentAckMs: 30 * MINUTE_MS,
  /** The health butler is the 7×24 role, so its clock runs around the clock. */
  wallClockMs: { health_butler: 30 * MINUTE_MS },
  /** Other roles answer within working hours. */
  workingMinutes: {
    family_doctor: 120,
    rights_consultant: 240,
    insurance_consultant: 240,
    supervisor: 240,
    ops_admin: 240,
    compliance_reviewer: 240,
  },
  workingHours: { start: { hour: 9, minute: 0 }, end: { hour: 18, minute: 0 } },
  /** ISO weekdays counted as working days; no public-holiday calendar (see report). */
  workingDays: [1, 2, 3, 4, 5] as readonly number[],
} as const;

/** docs/reference/wecom-protocol.md §4 全局错误码: -1 "建议重试次数不超过3次"; our own bound for everything else. */
export const RETRY = {
  baseDelayMs: 2_000,
  maxDelayMs: 10 * MINUTE_MS,
  maxAttempts: 5,
} as const;

/** docs/reference/wecom-protocol.md §4 "Global rate limits": "按分钟拦截则被屏蔽60秒，按小时拦截则被屏蔽60分钟". */
export const RATE_LIMIT_BACKOFF_MS = 60_000;
