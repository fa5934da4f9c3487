import { DEFAULT_DUPLICATE_WINDOW_MS, DEFAULT_MEMBER_DAILY_CAP, RETRY } from '../../domain/reminders/policy';
import { REMINDER_KINDS, type ReminderKind } from '../../domain/schedule/recurrence';
import { parseInput } from '../../validation';
import { FAN_OUT_MODES, ReminderEnvSchema, type ReminderEnv } from '../../config/reminder-env';
import { API_CEILING_PER_MIN } from './api-pacer';

export { FAN_OUT_MODES };
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
  /**
   * Share of each API's published per-minute ceiling (api-pacer.ts) the dispatch may use; the rest is
   * left to the other functions calling the same API (triage's kf replies, welcome messages).
   */
  apiShare: number;
  /** Published per-minute ceiling per API (api-pacer.ts API_CEILING_PER_MIN); the bench lifts it with the sandbox's. */
  apiCeilingPerMin: Record<string, number>;
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
  apiShare: 0.95,
  apiCeilingPerMin: API_CEILING_PER_MIN,
  leaseMs: 120_000,
  safetyMarginMs: 10_000,
  maxAttempts: RETRY.maxAttempts,
  subscribeTemplates: Object.fromEntries(REMINDER_KINDS.map((k) => [k, DEFAULT_SUBSCRIBE_TEMPLATE])) as Record<ReminderKind, string>,
  subscribePage: 'pages/reminders/index',
  staffDedupeWindowS: 4 * 3600,
  fanOut: { mode: 'off', workers: 4, threshold: 5000, namespace: 'default' },
};

/**
 * Settings from the REMINDER_* variables. The functions pass their parsed configuration (validated at
 * cold start by parseConfig); a raw environment is parsed here with the same schema.
 */
export function settingsFromEnv(env: Record<string, string | undefined> = process.env): ReminderSettings {
  return settingsFromConfig(parseInput(ReminderEnvSchema, env, 'REMINDER_* environment'));
}

export function settingsFromConfig(e: ReminderEnv): ReminderSettings {
  const base = e.REMINDER_SUBSCRIBE_TEMPLATE_ID ?? DEFAULT_SUBSCRIBE_TEMPLATE;
  const perKind: Partial<Record<ReminderKind, string>> = e.REMINDER_SUBSCRIBE_TEMPLATES ?? {};
  const d = DEFAULT_SETTINGS;
  return {
    ...d,
    dailyCap: e.REMINDER_DAILY_CAP ?? d.dailyCap,
    duplicateWindowMs: e.REMINDER_DUPLICATE_WINDOW_MIN !== undefined ? e.REMINDER_DUPLICATE_WINDOW_MIN * 60_000 : d.duplicateWindowMs,
    batchSize: e.REMINDER_BATCH_SIZE ?? d.batchSize,
    concurrency: e.REMINDER_CONCURRENCY ?? d.concurrency,
    apiShare: e.REMINDER_API_SHARE ?? d.apiShare,
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
