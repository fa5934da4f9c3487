import * as z from 'zod';
import { IdempotencyKeySchema } from '../../idempotency-key';
import { MemberIdSchema } from '../members/member-id';
import { parseLocalTime, shanghaiInstant } from '../../domain/reminders/shanghai-time';
import { REMINDER_KINDS, type LocalTime } from '../../domain/schedule/recurrence';
import { FOUR_R_ROLES } from '../../domain/team/roles';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = z.string().regex(HH_MM, 'must be "HH:mm" (Asia/Shanghai)').transform((t) => t as LocalTime);
const isoWeekday = z.number().int().min(1).max(7);

export const RecurrenceSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('once') }),
  z.strictObject({ type: z.literal('daily'), time }),
  z.strictObject({ type: z.literal('weekly'), days: z.array(isoWeekday).min(1).max(7), time }),
  z.strictObject({ type: z.literal('every_n_days'), n: z.number().int().min(1).max(366), time }),
  z.strictObject({ type: z.literal('every_n_weeks'), n: z.number().int().min(1).max(366), time }),
  z.strictObject({ type: z.literal('monthly'), day: z.number().int().min(1).max(31), time }),
]);

/** Caller-chosen idempotency key; becomes the reminder's id. */
export { IdempotencyKeySchema };
export { MemberIdSchema };
export const StaffUserIdSchema = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'a WeCom userid');

export const AudienceSchema = z.enum(['member', ...FOUR_R_ROLES, 'staff']);

/** What any caller (route, plan, renewal, escalation) gives to create a reminder. */
export const CreateReminderSchema = z
  .strictObject({
    idempotencyKey: IdempotencyKeySchema.optional(),
    memberId: MemberIdSchema.optional(),
    kind: z.enum(REMINDER_KINDS),
    audience: AudienceSchema.default('member'),
    staffUserIds: z.array(StaffUserIdSchema).min(1).max(100).optional(),
    title: z.string().trim().min(1).max(200),
    content: z.string().trim().min(1).max(1000).optional(),
    recurrence: RecurrenceSchema.default({ type: 'once' }),
    startAtMs: z.number().int().nonnegative().optional(),
    endsAtMs: z.number().int().nonnegative().optional(),
    emergency: z.boolean().default(false),
    /** The follow-up cadence of docs/seeds/field-report.md decides the next date instead of `recurrence`. */
    cadence: z.literal('follow_up').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.audience === 'staff' && !v.staffUserIds) ctx.addIssue({ code: 'custom', path: ['staffUserIds'], message: 'required when audience is "staff"' });
    if (v.audience !== 'staff' && !v.memberId) ctx.addIssue({ code: 'custom', path: ['memberId'], message: `required when audience is "${v.audience}"` });
    if (v.cadence && v.audience !== 'member') ctx.addIssue({ code: 'custom', path: ['cadence'], message: 'the follow-up cadence is for member reminders' });
    if (v.cadence && v.recurrence.type !== 'once') ctx.addIssue({ code: 'custom', path: ['recurrence'], message: 'a cadence reminder has no recurrence of its own' });
    if (v.endsAtMs !== undefined && v.startAtMs !== undefined && v.endsAtMs < v.startAtMs) ctx.addIssue({ code: 'custom', path: ['endsAtMs'], message: 'is before startAtMs' });
  });
export type CreateReminderInput = z.input<typeof CreateReminderSchema>;
export type CreateReminder = z.output<typeof CreateReminderSchema>;

function isCalendarDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** "2026-03-01 08:00" or "2026-03-01T08:00" read as Asia/Shanghai wall clock. */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T]([01]\d|2[0-3]):([0-5]\d)$/;
export const ShanghaiDateTimeSchema = z
  .string()
  .regex(LOCAL_DATE_TIME, 'must be "YYYY-MM-DD HH:mm" (Asia/Shanghai)')
  .transform((s, ctx) => {
    const m = LOCAL_DATE_TIME.exec(s) as RegExpExecArray;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!isCalendarDate(`${m[1]}-${m[2]}-${m[3]}`)) {
      ctx.addIssue({ code: 'custom', message: 'is not a calendar date' });
      return z.NEVER;
    }
    const { hour, minute } = parseLocalTime(`${m[4]}:${m[5]}`);
    return shanghaiInstant(y, mo, d, hour, minute);
  });

/** POST /api/reminders: the create input, with Shanghai wall-clock alternatives to the epoch fields. */
export const CreateReminderBodySchema = z.strictObject({
  idempotencyKey: IdempotencyKeySchema.optional(),
  memberId: MemberIdSchema,
  kind: z.enum(REMINDER_KINDS),
  audience: z.enum(['member', ...FOUR_R_ROLES]).default('member'),
  title: z.string().trim().min(1).max(200),
  content: z.string().trim().min(1).max(1000).optional(),
  recurrence: RecurrenceSchema.default({ type: 'once' }),
  startAt: ShanghaiDateTimeSchema.optional(),
  startAtMs: z.number().int().nonnegative().optional(),
  endsAt: ShanghaiDateTimeSchema.optional(),
  emergency: z.boolean().default(false),
  cadence: z.literal('follow_up').optional(),
});

export const PolicyExpirySchema = z.strictObject({
  memberId: MemberIdSchema,
  policyId: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits and _.- only'),
  /** The expiry instant; or `expiresOn` "YYYY-MM-DD" (end of cover, Asia/Shanghai). */
  expiryAtMs: z.number().int().positive().optional(),
  expiresOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be "YYYY-MM-DD"')
    .refine(isCalendarDate, 'is not a calendar date')
    .optional(),
  productName: z.string().trim().min(1).max(40).optional(),
}).refine((v) => v.expiryAtMs !== undefined || v.expiresOn !== undefined, { path: ['expiryAtMs'], message: 'expiryAtMs or expiresOn is required' });
export type PolicyExpiryInput = z.input<typeof PolicyExpirySchema>;

export const ListQuerySchema = z.strictObject({
  status: z.enum(['scheduled', 'leased', 'sent', 'failed', 'dead', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const DeadLetterQuerySchema = z.strictObject({
  sinceMs: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const SubscribeDataSchema = z.strictObject({
  templateId: z.string().min(1).max(128),
  count: z.number().int().min(1).max(50).default(1),
});
