import { EnvSchema } from '../../config/env';
import type { LogFields, Logger as LoggerPort } from '../../ports/logger';
import { redact, redactString } from './redact';

/**
 * One JSON object per line on stdout; SCF ships stdout to CLS (as SCF_Message), where a JSON
 * index makes `requestId`, `fn` and the fields searchable. Every line passes through redact().
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogThreshold = LogLevel | 'silent';

export type { LogFields };

/** The port's Logger plus what the adapter can tell about itself. */
export interface Logger extends LoggerPort {
  readonly level: LogThreshold;
  /** Same sink and level, with `bindings` (requestId, fn, memberId…) on every line. */
  child(bindings: LogFields): Logger;
  isLevelEnabled(level: LogLevel): boolean;
}

export interface LoggerOptions {
  /** Defaults to LOG_LEVEL, else 'info'. */
  level?: LogThreshold;
  bindings?: LogFields;
  /** Receives each finished line without the newline; defaults to stdout. */
  write?: (line: string) => void;
  nowMs?: () => number;
}

const RANK: Record<LogThreshold, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
/** Fields may not overwrite the line's own keys. */
const RESERVED = new Set(['ts', 'level', 'msg']);
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** ISO 8601 in Asia/Shanghai (no DST), the time people reading CLS think in. */
export const shanghaiIso = (ms: number): string => new Date(ms + SHANGHAI_OFFSET_MS).toISOString().replace('Z', '+08:00');

export function levelFromEnv(env: NodeJS.ProcessEnv = process.env): LogThreshold {
  const parsed = EnvSchema.shape.LOG_LEVEL.safeParse(env.LOG_LEVEL || undefined);
  return parsed.success ? parsed.data : 'info';
}

const stdoutWrite = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? levelFromEnv();
  const write = options.write ?? stdoutWrite;
  const nowMs = options.nowMs ?? Date.now;

  const build = (bindings: LogFields): Logger => {
    const isLevelEnabled = (l: LogLevel): boolean => RANK[l] >= RANK[level];
    const emit = (l: LogLevel, msg: string, fields?: LogFields): void => {
      if (!isLevelEnabled(l)) return;
      const extra = Object.fromEntries(Object.entries({ ...bindings, ...fields }).filter(([k]) => !RESERVED.has(k)));
      const { requestId, fn, ...rest } = redact(extra) as LogFields;
      const line = { ts: shanghaiIso(nowMs()), level: l, msg: redactString(msg), requestId, fn, ...rest };
      try {
        write(JSON.stringify(line));
      } catch {
        // Logging must never take a request down.
      }
    };
    return {
      level,
      isLevelEnabled,
      debug: (msg, fields) => emit('debug', msg, fields),
      info: (msg, fields) => emit('info', msg, fields),
      warn: (msg, fields) => emit('warn', msg, fields),
      error: (msg, fields) => emit('error', msg, fields),
      child: (more) => build({ ...bindings, ...more }),
    };
  };
  return build(options.bindings ?? {});
}
