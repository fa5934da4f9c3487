import * as z from 'zod';
import { CALENDAR_TARGETS } from '../../domain/content/calendar';
import { SEASONS } from '../../domain/content/items';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be "YYYY-MM-DD" (Asia/Shanghai)');
const code = z.string().regex(/^[a-z0-9_-]{1,40}$/, 'lower-case letters, digits, _ and - only');

export const ContentIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, _ and - only, at most 64');

/** One content item, as ops write it (a line of `cli content import`, the workbench form). */
export const ContentItemSchema = z
  .strictObject({
    id: ContentIdSchema,
    title: z.string().trim().min(1).max(60),
    /** Reaches members inside a reminder (1000 characters with the source line). */
    body: z.string().trim().min(1).max(800),
    tags: z.array(code).max(10).default([]),
    season: z.enum(SEASONS),
    audience: z
      .strictObject({ tiers: z.array(z.enum(['low', 'medium', 'high'])).max(3).default([]), tags: z.array(code).max(20).default([]) })
      .default({ tiers: [], tags: [] }),
    source: z.string().trim().min(2).max(120),
    reviewer: z.string().trim().min(1).max(40),
    validFrom: day,
    validTo: day.optional(),
  })
  .refine((v) => v.validTo === undefined || v.validTo >= v.validFrom, { path: ['validTo'], message: 'is before validFrom' });
export type ContentItemInput = z.input<typeof ContentItemSchema>;

export const CalendarEntrySchema = z
  .strictObject({
    itemId: ContentIdSchema,
    date: day,
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be "HH:mm" (Asia/Shanghai)').default('09:00'),
    target: z.enum(CALENDAR_TARGETS).default('members'),
    senders: z.array(z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'a WeCom userid')).min(1).max(50).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.target === 'groups' && !v.senders) ctx.addIssue({ code: 'custom', path: ['senders'], message: 'required when target is "groups": whose customer groups' });
    if (v.target === 'members' && v.senders) ctx.addIssue({ code: 'custom', path: ['senders'], message: 'only for target "groups"' });
  });
export type CalendarEntryInput = z.input<typeof CalendarEntrySchema>;
