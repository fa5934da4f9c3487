import * as z from 'zod';
import { REMINDER_KINDS } from '../domain/schedule/recurrence';

export const FAN_OUT_MODES = ['off', 'in_process', 'scf'] as const;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();

/** A JSON object kind → template id; a value that is not JSON is named like any other bad value. */
const templatesJson = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object {"<reminder kind>": "<template id>"}' });
      return z.NEVER;
    }
  })
  .pipe(z.partialRecord(z.enum(REMINDER_KINDS), z.string().min(1)));

/**
 * The reminder capability's tunables (README "Reminders"). Optional, each with a safe default; parsed
 * with the rest of the configuration at cold start so a bad value fails the start naming the
 * variable, instead of a request much later. Kept apart from EnvSchema because the deploy
 * descriptors pass EnvSchema's variables and leave these to their defaults.
 */
export const ReminderEnvSchema = z.object({
  REMINDER_DAILY_CAP: int(1, 100),
  REMINDER_DUPLICATE_WINDOW_MIN: int(0, 7 * 24 * 60),
  REMINDER_BATCH_SIZE: int(1, 5000),
  REMINDER_CONCURRENCY: int(1, 256),
  REMINDER_API_SHARE: z.coerce.number().min(0.05).max(1).optional(),
  REMINDER_LEASE_S: int(30, 3600),
  REMINDER_SUBSCRIBE_TEMPLATE_ID: z.string().min(1).optional(),
  REMINDER_SUBSCRIBE_TEMPLATES: templatesJson.optional(),
  REMINDER_SUBSCRIBE_PAGE: z.string().min(1).optional(),
  REMINDER_FANOUT: z.enum(FAN_OUT_MODES).optional(),
  REMINDER_FANOUT_WORKERS: int(1, 64),
  REMINDER_FANOUT_THRESHOLD: int(1, 10_000_000),
  REMINDER_FUNCTION_NAME: z.string().min(1).optional(),
  REMINDER_FUNCTION_NAMESPACE: z.string().min(1).optional(),
  /** Offers at moments of care (shared/domain/offers/rules.ts): at most this many per member in a rolling week (default 2; 0 turns offers off). */
  OFFERS_PER_WEEK: z.coerce.number().int().min(0).max(14).optional(),
  /** Where an opened offer leads: the mall's H5 / URL-link entry, given `?path=<mini-program page>`. Unset: a page naming the mini-program page to open. */
  OFFERS_MALL_URL: z.url().optional(),
});

export type ReminderEnv = z.infer<typeof ReminderEnvSchema>;
