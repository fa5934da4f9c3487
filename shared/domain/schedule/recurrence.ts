/**
 * How a reminder repeats. Times are wall-clock Asia/Shanghai ("HH:mm"), because that is what
 * a person sees; instants are stored as UTC epoch ms. Weekdays are ISO (1 = Monday … 7 = Sunday).
 */
export type LocalTime = `${number}:${number}`;

export type Recurrence =
  | { type: 'once' }
  | { type: 'daily'; time: LocalTime }
  | { type: 'weekly'; days: number[]; time: LocalTime }
  | { type: 'every_n_days'; n: number; time: LocalTime }
  | { type: 'every_n_weeks'; n: number; time: LocalTime }
  /** `day` past the month's end fires on its last day (31 → 30 Apr, 28/29 Feb). */
  | { type: 'monthly'; day: number; time: LocalTime };

export const REMINDER_KINDS = [
  'monitoring',
  'medication',
  'follow_up_visit',
  'exercise_task',
  'check_up',
  'policy_renewal',
  'activity',
  'staff_follow_up',
  'sla_escalation',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** A plan entry: what intake's personal plan asks the reminder capability to deliver. */
export interface ScheduleEntry {
  kind: ReminderKind;
  /** Short Chinese text a member sees, e.g. "请测量并上传今日血压". */
  title: string;
  recurrence: Recurrence;
  /** First occurrence not before this instant (UTC epoch ms); defaults to plan creation. */
  startAtMs?: number;
  /** Who receives it: the member, or a staff role of the member's 4R team. */
  audience: 'member' | 'family_doctor' | 'health_butler' | 'rights_consultant' | 'insurance_consultant';
  /** The 004 follow-up cadence decides the dates (member audience, recurrence once): shared/domain/reminders/follow-up-cadence.ts. */
  cadence?: 'follow_up';
}
