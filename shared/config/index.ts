import type * as z from 'zod';
import { EnvSchema, type Env } from './env';
import { ReminderEnvSchema } from './reminder-env';

/** Every variable read at cold start: the functions' own and the capabilities' tunables. */
const ConfigSchema = EnvSchema.extend(ReminderEnvSchema.shape);

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; the message names every missing or malformed variable. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Env {
  return parseEnvWith(ConfigSchema, env, fullSetProductionProblems);
}

/** The store settings every function's environment carries, whatever else it reads. */
type StoreSettings = Pick<Env, 'STORE' | 'MONGODB_URI' | 'CLOUDBASE_ENV_ID'>;

/**
 * How every function's environment is parsed, whether the full set (parseConfig) or a narrower one a
 * least-privilege function is deployed with (shared/config/outcomes-env.ts): blanks are unset, a bad
 * value names its variable, and a deployment that says NODE_ENV=production explicitly (both
 * descriptors do) is refused local conveniences — always the per-instance embedded store, plus what
 * `productionProblems` finds in that set's own variables — instead of silently running on them.
 */
export function parseEnvWith<S extends z.ZodType<StoreSettings>>(
  schema: S,
  env: NodeJS.ProcessEnv,
  productionProblems: (config: z.output<S>) => string[] = () => [],
): z.output<S> {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = schema.safeParse(blanksRemoved);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const config = result.data;
  if (blanksRemoved.NODE_ENV === 'production') {
    const problems = [...(config.STORE === 'embedded' ? ['STORE: must be mongodb or cloudbase in production (the embedded store is per instance)'] : []), ...productionProblems(config)];
    if (problems.length) throw new ConfigError(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  if (config.STORE === 'mongodb' && !config.MONGODB_URI) throw new ConfigError('invalid configuration:\n  MONGODB_URI: required when STORE=mongodb');
  if (config.STORE === 'cloudbase' && !config.CLOUDBASE_ENV_ID) throw new ConfigError('invalid configuration:\n  CLOUDBASE_ENV_ID: required when STORE=cloudbase');
  return config;
}

/** In production the full set must also link members to the public https address and keep a callback replay window. */
function fullSetProductionProblems(config: Env): string[] {
  const problems: string[] = [];
  const base = new URL(config.PUBLIC_BASE_URL);
  if (base.protocol !== 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) {
    problems.push('PUBLIC_BASE_URL: must be the public https address in production');
  }
  if (config.WECOM_CALLBACK_MAX_SKEW_S === 0) problems.push('WECOM_CALLBACK_MAX_SKEW_S: 0 (no replay window) is not allowed in production');
  return problems;
}

let cached: Env | undefined;

/** The process-wide config, parsed once per cold start. */
export function config(): Env {
  cached ??= parseConfig();
  return cached;
}

/** Tests and the local stack swap the environment; production never calls this. */
export function resetConfigForTests(): void {
  cached = undefined;
}

export type { Env };
