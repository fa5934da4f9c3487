import * as z from 'zod';
import { DEFAULT_DUPLICATE_WINDOW_MS, DEFAULT_MEMBER_DAILY_CAP, RETRY } from '../../domain/reminders/policy';
import { REMINDER_KINDS, type ReminderKind } from '../../domain/schedule/recurrence';
import { parseInput } from '../../validation';

export const FAN_OUT_MODES = ['off', 'in_process', 'scf'] as const;
export type FanOutMode = (typeof FAN_OUT_MODES)[number];

/** Tunables of the reminder capability; every one has a safe default. */
export interface ReminderSettings {
  /** Proactive pushes per member per Shanghai day (policy.ts DEFAULT_MEMBER_DAILY_CAP). */
  dailyCap: number;
  duplicateWindowMs: number;
  /** Reminders claimed per due query. */
  batchSize: number;
  /** Reminders processed at once (store work + one WeCom call each). */
  concurrency: number;
  /** Lease on a claimed reminder; longer than a run so only a crashed run's leases expire. */
  leaseMs: number;
  /** A run stops this long before the function's time limit. */
  safetyMarginMs: number;
  maxAttempts: number;
  /** Mini-program subscription template per reminder kind. */
  subscribeTemplates: Record<ReminderKind, string>;
  /** Mini-program page a subscription message opens. */
  subscribePage: string;
  /** message/send duplicate check, so a resend to staff after a crash is harmless (≤ 4 h). */
  staffDedupeWindowS: number;
  fanOut: { mode: FanOutMode; workers: number; threshold: number; functionName?: string; namespace: string };
}

export const DEFAULT_SUBSCRIBE_TEMPLATE = 'health_reminder';

export const DEFAULT_SETTINGS: ReminderSettings = {
  dailyCap: DEFAULT_MEMBER_DAILY_CAP,
  duplicateWindowMs: DEFAULT_DUPLICATE_WINDOW_MS,
  batchSize: 500,
  concurrency: 16,
  leaseMs: 120_000,
  safetyMarginMs: 10_000,
  maxAttempts: RETRY.maxAttempts,
  subscribeTemplates: Object.fromEntries(REMINDER_KINDS.map((k) => [k, DEFAULT_SUBSCRIBE_TEMPLATE])) as Record<ReminderKind, string>,
  subscribePage: 'pages/reminders/index',
  staffDedupeWindowS: 4 * 3600,
  fanOut: { mode: 'off', workers: 4, threshold: 5000, namespace: 'default' },
};

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();

/** REMINDER_* environment variables (documented in README "Reminders"). */
const EnvSchema = z.object({
  REMINDER_DAILY_CAP: int(1, 100),
  REMINDER_DUPLICATE_WINDOW_MIN: int(0, 7 * 24 * 60),
  REMINDER_BATCH_SIZE: int(1, 5000),
  REMINDER_CONCURRENCY: int(1, 256),
  REMINDER_LEASE_S: int(30, 3600),
  REMINDER_SUBSCRIBE_TEMPLATE_ID: z.string().min(1).optional(),
  /** JSON object kind → template id, for kinds with their own template. */
  REMINDER_SUBSCRIBE_TEMPLATES: z.string().optional(),
  REMINDER_SUBSCRIBE_PAGE: z.string().min(1).optional(),
  REMINDER_FANOUT: z.enum(FAN_OUT_MODES).optional(),
  REMINDER_FANOUT_WORKERS: int(1, 64),
  REMINDER_FANOUT_THRESHOLD: int(1, 10_000_000),
  REMINDER_FUNCTION_NAME: z.string().min(1).optional(),
  REMINDER_FUNCTION_NAMESPACE: z.string().min(1).optional(),
});

const TemplatesSchema = z.partialRecord(z.enum(REMINDER_KINDS), z.string().min(1));

export function settingsFromEnv(env: Record<string, string | undefined> = process.env): ReminderSettings {
  const e = parseInput(EnvSchema, env, 'REMINDER_* environment');
  const base = e.REMINDER_SUBSCRIBE_TEMPLATE_ID ?? DEFAULT_SUBSCRIBE_TEMPLATE;
  let perKind: Partial<Record<ReminderKind, string>> = {};
  if (e.REMINDER_SUBSCRIBE_TEMPLATES) {
    let raw: unknown;
    try {
      raw = JSON.parse(e.REMINDER_SUBSCRIBE_TEMPLATES);
    } catch {
      raw = undefined;
    }
    perKind = parseInput(TemplatesSchema, raw, 'REMINDER_SUBSCRIBE_TEMPLATES');
  }
  const d = DEFAULT_SETTINGS;
  return {
    ...d,
    dailyCap: e.REMINDER_DAILY_CAP ?? d.dailyCap,
    duplicateWindowMs: e.REMINDER_DUPLICATE_WINDOW_MIN !== undefined ? e.REMINDER_DUPLICATE_WINDOW_MIN * 60_000 : d.duplicateWindowMs,
    batchSize: e.REMINDER_BATCH_SIZE ?? d.batchSize,
    concurrency: e.REMINDER_CONCURRENCY ?? d.concurrency,
    leaseMs: e.REMINDER_LEASE_S !== undefined ? e.REMINDER_LEASE_S * 1000 : d.leaseMs,
    subscribeTemplates: Object.fromEntries(REMINDER_KINDS.map((k) => [k, perKind[k] ?? base])) as Record<ReminderKind, string>,
    subscribePage: e.REMINDER_SUBSCRIBE_PAGE ?? d.subscribePage,
    fanOut: {
      mode: e.REMINDER_FANOUT ?? d.fanOut.mode,
      workers: e.REMINDER_FANOUT_WORKERS ?? d.fanOut.workers,
      threshold: e.REMINDER_FANOUT_THRESHOLD ?? d.fanOut.threshold,
      ...(e.REMINDER_FUNCTION_NAME !== undefined && { functionName: e.REMINDER_FUNCTION_NAME }),
      namespace: e.REMINDER_FUNCTION_NAMESPACE ?? d.fanOut.namespace,
    },
  };
}

export function mergeSettings(over: Partial<ReminderSettings> | undefined, base: ReminderSettings = DEFAULT_SETTINGS): ReminderSettings {
  if (!over) return base;
  return { ...base, ...over, fanOut: { ...base.fanOut, ...over.fanOut } };
}
