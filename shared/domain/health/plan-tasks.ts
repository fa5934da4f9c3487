import { DAY_MS, HOUR_MS } from '../reminders/shanghai-time';
import type { MeasureCode, ReminderKind, ScheduleEntry } from '../schedule/recurrence';

/**
 * Plan tasks (docs/prd.md §4.4 健康管理闭环, §8.1 健康计划完成率): what the member is asked to do by
 * their personal plan, and when it counts as done.
 *
 * A plan task is one occurrence of a plan reminder sent to the member — monitoring (measuring, the
 * weekly meal log, the smoking log), medication, exercise, a follow-up visit or the check-up. The
 * team's follow-ups about the member (audience a staff role) are the team's work, not the member's,
 * and intake's nudges to fill in the form are not part of the plan. An occurrence is named
 * `${reminderId}@${occurrenceAtMs}`, the reminder capability's own occurrence key.
 *
 * An occurrence is done when the member says so (「完成」 in 「我的提醒」 or the mini-program), or when
 * data shows it: a blood-pressure reading answers a blood-pressure task, a fasting glucose reading a
 * glucose task, a weight a weigh-in, an uploaded exam report the check-up. The completion rate is
 * done occurrences over occurrences that fell due (shared/domain/outcomes/events.ts,
 * plan_task_due / plan_task_done).
 */
export const PLAN_TASK_KINDS: readonly ReminderKind[] = ['monitoring', 'medication', 'exercise_task', 'follow_up_visit', 'check_up'];

export interface ReminderShape {
  kind: ReminderKind;
  audience: string;
  source: string;
}

export const isPlanTask = (r: ReminderShape): boolean => r.source === 'plan' && r.audience === 'member' && PLAN_TASK_KINDS.includes(r.kind);

export const taskKey = (reminderId: string, occurrenceAtMs: number): string => `${reminderId}@${occurrenceAtMs}`;

export type CompletedBy = 'member' | 'reading' | 'report';


/**
 * How long after its instant an occurrence can still be marked done. Daily and weekly habits
 * (measuring, medication, exercise) are done that day or the next: 48 h. A follow-up visit is booked
 * and attended in the days after the reminder, so 14 days; the yearly check-up invitation asks the
 * member to book the check-up and upload its report, which takes weeks: 90 days.
 *
 * Only a series' current occurrence (the latest that fell due) is open, within this window: once the
 * next one falls due, the one before can no longer be made up (yesterday's morning blood pressure is
 * not measured today). The one before stays open only until the dispatcher has dealt with the new one
 * (sent it or given up on it: shared/services/plan-tasks/occurrences.ts), so a page opened just before is not refused.
 */
export function completionWindowMs(kind: ReminderKind): number {
  if (kind === 'check_up') return 90 * DAY_MS;
  if (kind === 'follow_up_visit') return 14 * DAY_MS;
  return 48 * HOUR_MS;
}

/**
 * A reading measured up to an hour before its task's instant still answers it: members measure
 * when they get up, and the 07:30 reminder may find the reading already there.
 */
export const EARLY_EVIDENCE_MS = HOUR_MS;

/** What a piece of data can complete: a measure of a monitoring task, or the check-up. */
export type Evidence = MeasureCode | 'exam_report';

/** Reading types → what they measure. Postprandial glucose does not answer the plan's fasting glucose task, steps no exercise task. */
export const READING_EVIDENCE: Readonly<Record<string, MeasureCode | undefined>> = {
  blood_pressure: 'blood_pressure',
  fasting_glucose: 'glucose',
  weight: 'weight',
};

/**
 * What a plan entry's task is answered by. Entries carry `measures` since plans were built with it;
 * entries of older plans are read from their title (written by plan-monitoring.ts, so the words are
 * known), so they need no migration and complete from the next reading on.
 */
export function evidenceOf(entry: Pick<ScheduleEntry, 'kind' | 'title' | 'measures' | 'audience'>): Evidence | null {
  if (entry.audience !== 'member') return null;
  if (entry.kind === 'check_up') return 'exam_report';
  if (entry.kind !== 'monitoring') return null;
  if (entry.measures) return entry.measures;
  if (entry.title.includes('血压')) return 'blood_pressure';
  if (entry.title.includes('血糖')) return 'glucose';
  if (entry.title.includes('体重')) return 'weight';
  return null;
}

/** An occurrence the member might mark done, and whether it is still open at `nowMs`. */
export type MarkDecision = { ok: true } | { ok: false; code: 'task_not_due' | 'task_expired' | 'not_an_occurrence'; message: string; messageZh: string };

/**
 * May the member mark this occurrence done now? `occurrences`: the series' occurrences that have
 * fallen due or are next (the current, the previous, the coming one). Only one at or before now,
 * within its window, and one of those (a page left open for days asks about one the series has left
 * behind: that is past its window, and said so).
 */
export function mayMarkDone(kind: ReminderKind, occurrenceAtMs: number, occurrences: readonly number[], nowMs: number): MarkDecision {
  if (occurrenceAtMs > nowMs) return { ok: false, code: 'task_not_due', message: 'this occurrence is not due yet', messageZh: '这次任务还没到时间，到时间后再标记完成' };
  if (nowMs - occurrenceAtMs > completionWindowMs(kind)) return { ok: false, code: 'task_expired', message: 'this occurrence is past the time it could be marked done', messageZh: '这次任务已超过可以标记完成的时间' };
  if (!occurrences.includes(occurrenceAtMs)) return { ok: false, code: 'not_an_occurrence', message: 'not a current or previous occurrence of this reminder', messageZh: '这条提醒没有这一次任务，请刷新页面后再试' };
  return { ok: true };
}

/** The occurrences of one series a piece of data measured at `atMs` could answer, now. */
export interface SeriesOccurrences {
  reminderId: string;
  kind: ReminderKind;
  occurrences: readonly number[];
}

/**
 * Which one occurrence a piece of data completes: among the matching series' occurrences not done
 * yet, measured no earlier than an hour before it and within its window (counted from the occurrence,
 * up to now), the one nearest the measurement. One reading completes one task: a member on morning
 * and evening blood pressure who measures at 08:00 has done the morning one.
 */
export function occurrenceForEvidence(series: readonly SeriesOccurrences[], atMs: number, nowMs: number, done: ReadonlySet<string>): { reminderId: string; occurrenceAtMs: number } | null {
  let best: { reminderId: string; occurrenceAtMs: number; distance: number } | null = null;
  for (const s of series) {
    for (const occ of s.occurrences) {
      if (atMs < occ - EARLY_EVIDENCE_MS || nowMs - occ > completionWindowMs(s.kind) || atMs - occ > completionWindowMs(s.kind)) continue;
      if (done.has(taskKey(s.reminderId, occ))) continue;
      const distance = Math.abs(atMs - occ);
      if (!best || distance < best.distance) best = { reminderId: s.reminderId, occurrenceAtMs: occ, distance };
    }
  }
  return best && { reminderId: best.reminderId, occurrenceAtMs: best.occurrenceAtMs };
}
