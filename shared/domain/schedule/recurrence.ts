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
  /** An item of the content library, sent by the content calendar (shared/domain/content/calendar.ts). */
  'health_content',
  /** An offer made at a moment of care (shared/domain/offers/rules.ts). */
  'offer',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/**
 * The kinds a member may pause or stop in 「我的提醒」: not the team's own (staff follow-ups, SLA
 * escalations) and not offers, which are switched off with their consent (「我的授权」).
 */
export const MEMBER_CONTROLLED_KINDS = ['monitoring', 'medication', 'follow_up_visit', 'exercise_task', 'check_up', 'activity', 'policy_renewal', 'health_content'] as const satisfies readonly ReminderKind[];

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
  /**
   * What a monitoring entry asks the member to measure, so a reading that arrives can complete it
   * (shared/domain/health/plan-tasks.ts). Lives in the plan, which is encrypted, never on the reminder.
   */
  measures?: MeasureCode;
  /** The follow-up cadence of docs/seeds/field-report.md decides the dates (member audience, recurrence once): shared/domain/reminders/follow-up-cadence.ts. */
  cadence?: 'follow_up';
}

/** What a monitoring task measures (a code, no value). */
export const MEASURE_CODES = ['blood_pressure', 'glucose', 'weight'] as const;
export type MeasureCode = (typeof MEASURE_CODES)[number];
