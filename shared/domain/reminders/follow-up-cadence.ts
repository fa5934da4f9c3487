import { ValidationError } from '../../errors';
import { FOLLOW_UP } from './policy';
import { atLocalTime, localDayNumber } from './shanghai-time';

export interface FollowUpState {
  /** The member's latest reply to any follow-up, or null if never. */
  lastResponseAtMs: number | null;
  /** Follow-ups sent in a row without a reply (0 = the member answers). */
  ignoredCount: number;
  /** When the first of those unanswered follow-ups went out; null when ignoredCount is 0. */
  startedIgnoringAtMs: number | null;
}

export type FollowUpDecision =
  | { action: 'schedule'; atMs: number; cadence: 'regular' | 'reduced'; gapDays: number }
  | { action: 'stop'; flag: 'low_cooperation' };

/**
 * Gap (in days) to the next follow-up when `ignoredCount` follow-ups are unanswered: 7, 14, 28, …
 *
 * From the partner's 2019 Q1 service review (爱睿智无限卡 Q1 服务总结), part "三、现有服务情况分析":
 *   "微信定期随访频次 2次/月（1次/2周）" / "固定2次/月"
 *   "每周邀约体检报告/全科问诊或随访1次，若>3周客户仍不予理会，则不进行后续干预。"
 *   "每月2-3次，若用户不予理会，则每月邀约/随访频次逐渐递减。"
 *   "低配合用户，通过几次的跟踪后明确用户为低配合用户…并整理完成低配合用户名单"
 *
 * Decay sequence for a member who goes silent after follow-up F1 on day 0 (F1 = first unanswered):
 *   day 0  F1 sent (member was answering → regular gap 14)
 *   day 14 F2 sent, 1 unanswered → weekly nudge, gap 7
 *   day 21 F3 sent, 2 unanswered, 21 days of silence (not yet > 3 weeks) → gap doubles to 14
 *   day 35 3 unanswered, 35 days of silence > 21 → stop, flag low_cooperation for staff
 * A reply at any point returns the member to every 14 days.
 */
export function ignoredGapDays(ignoredCount: number): number {
  if (ignoredCount < 1) return FOLLOW_UP.regularGapDays;
  return FOLLOW_UP.firstIgnoredGapDays * FOLLOW_UP.ignoredGapGrowth ** (ignoredCount - 1);
}

function invalid(field: string, message: string): never {
  throw new ValidationError(`follow-up state ${field} ${message}`, [{ field, message }]);
}

/**
 * Called when a follow-up falls due (and once when a plan starts): 'schedule' means send the due
 * follow-up now and the next one is due at `atMs` (10:00 Shanghai on the target day); 'stop' means
 * send nothing more and put the member on the staff's low-cooperation list.
 *
 * `ignoredCount` counts follow-ups already sent since the member's last reply; silence is measured
 * in Shanghai calendar days from `startedIgnoringAtMs` so a job running a few seconds late on day 21
 * still counts as "three weeks", not "more than three weeks".
 */
export function nextFollowUp(state: FollowUpState, nowMs: number): FollowUpDecision {
  if (!Number.isInteger(state.ignoredCount) || state.ignoredCount < 0) invalid('ignoredCount', 'must be a non-negative integer');
  if (!Number.isFinite(nowMs)) invalid('nowMs', 'must be epoch ms');

  const today = localDayNumber(nowMs);
  const answeredSinceSilence =
    state.lastResponseAtMs !== null &&
    state.startedIgnoringAtMs !== null &&
    state.lastResponseAtMs >= state.startedIgnoringAtMs;

  if (state.ignoredCount === 0 || answeredSinceSilence) {
    const gapDays = FOLLOW_UP.regularGapDays;
    return { action: 'schedule', atMs: atLocalTime(today + gapDays, FOLLOW_UP.localTime), cadence: 'regular', gapDays };
  }
  if (state.startedIgnoringAtMs === null) invalid('startedIgnoringAtMs', 'is required when ignoredCount > 0');

  const silentDays = today - localDayNumber(state.startedIgnoringAtMs);
  if (silentDays > FOLLOW_UP.giveUpAfterDays) return { action: 'stop', flag: 'low_cooperation' };
  const gapDays = ignoredGapDays(state.ignoredCount);
  return { action: 'schedule', atMs: atLocalTime(today + gapDays, FOLLOW_UP.localTime), cadence: 'reduced', gapDays };
}
