const DAY_MS = 86_400_000;

/**
 * When to nudge a member who has not filled in the intake form, counted from joining. Part 二
 * (existing service model) of the partner's 2019 Q1 service review (爱睿智无限卡 Q1 服务总结):
 * members who do not respond are invited with decreasing frequency (孟庆红组: “频次逐渐递减”),
 * weekly at most once they are slow (刘定组: 每周 1 次), and “若>3周客户仍不予理会，则不进行后续干预” —
 * after three weeks they are low-cooperation and left alone. Days 1 and 3 are our choice: the form is
 * pushed at joining (docs/prd.md §4.1), so the first day or two is when it is still in view.
 */
export const NUDGE_OFFSETS_DAYS = [1, 3, 7, 14] as const;
export const LOW_COOPERATION_AFTER_DAYS = 21;

const NUDGE_TEXTS_ZH = [
  '您好，入群时发给您的健康信息表还没有填写。花3分钟填好，家庭医生就能为您制定个人健康计划。',
  '温馨提醒：填好健康信息表后，您会收到专属的健康计划和体检建议。',
  '健康信息表还在等您，填写中有任何疑问，可以直接在群里问健康管家。',
  '最后一次提醒：您随时可以填写健康信息表，我们之后不会再频繁打扰您。',
] as const;

export type IntakeFollowUpDecision =
  | { action: 'none'; status: 'completed' }
  /** Send this nudge now, then store `nudgeNumber` as the new `nudgesSent`; check again at `nextCheckAtMs`. */
  | { action: 'nudge'; status: 'pending'; nudgeNumber: number; textZh: string; nextCheckAtMs: number }
  | { action: 'wait'; status: 'pending'; nextCheckAtMs: number }
  /** Idempotent: returned on every call once three weeks have passed without the form. */
  | { action: 'mark_low_cooperation'; status: 'low_cooperation' };

/**
 * `nudgesSent` is the number of nudge slots already served — store the `nudgeNumber` of the last
 * nudge. If a timer missed slots, only the latest due nudge is sent (no burst of catch-up messages).
 */
export function intakeFollowUp(
  joinedAtMs: number,
  formCompletedAtMs: number | null,
  nudgesSent: number,
  nowMs: number,
): IntakeFollowUpDecision {
  if (formCompletedAtMs !== null) return { action: 'none', status: 'completed' };
  const lowCooperationAtMs = joinedAtMs + LOW_COOPERATION_AFTER_DAYS * DAY_MS;
  if (nowMs >= lowCooperationAtMs) return { action: 'mark_low_cooperation', status: 'low_cooperation' };

  const slots = NUDGE_OFFSETS_DAYS.map((days) => joinedAtMs + days * DAY_MS);
  const due = slots.filter((at) => at <= nowMs).length;
  const nextCheckAtMs = slots[due] ?? lowCooperationAtMs;
  if (due > nudgesSent) {
    return { action: 'nudge', status: 'pending', nudgeNumber: due, textZh: NUDGE_TEXTS_ZH[due - 1] ?? '', nextCheckAtMs };
  }
  return { action: 'wait', status: 'pending', nextCheckAtMs };
}
