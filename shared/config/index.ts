import { EnvSchema, type Env } from './env';
import { ReminderEnvSchema } from './reminder-env';

/** Every variable read at cold start: the functions' own and the capabilities' tunables. */
const ConfigSchema = EnvSchema.extend(ReminderEnvSchema.shape);

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; the message names every missing or malformed variable. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Env {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = ConfigSchema.safeParse(blanksRemoved);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const config = result.data;
  if (blanksRemoved.NODE_ENV === 'production') assertProductionReady(config);
  if (config.STORE === 'mongodb' && !config.MONGODB_URI) throw new ConfigError('invalid configuration:\n  MONGODB_URI: required when STORE=mongodb');
  if (config.STORE === 'cloudbase' && !config.CLOUDBASE_ENV_ID) throw new ConfigError('invalid configuration:\n  CLOUDBASE_ENV_ID: required when STORE=cloudbase');
  return config;
}

/**
 * A deployment says NODE_ENV=production explicitly (both descriptors do); then local conveniences
 * are refused instead of silently running on a per-instance file store or linking members to loopback.
 */
function assertProductionReady(config: Env): void {
  const problems: string[] = [];
  if (config.STORE === 'embedded') problems.push('STORE: must be mongodb or cloudbase in production (the embedded store is per instance)');
  const base = new URL(config.PUBLIC_BASE_URL);
  if (base.protocol !== 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) {
    problems.push('PUBLIC_BASE_URL: must be the public https address in production');
  }
  if (config.WECOM_CALLBACK_MAX_SKEW_S === 0) problems.push('WECOM_CALLBACK_MAX_SKEW_S: 0 (no replay window) is not allowed in production');
  if (problems.length) throw new ConfigError(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
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
