import { EnvSchema, type Env } from './env';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; the message names every missing or malformed variable. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Env {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = EnvSchema.safeParse(blanksRemoved);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const config = result.data;
  if (config.STORE === 'mongodb' && !config.MONGODB_URI) throw new ConfigError('invalid configuration:\n  MONGODB_URI: required when STORE=mongodb');
  if (config.STORE === 'cloudbase' && !config.CLOUDBASE_ENV_ID) throw new ConfigError('invalid configuration:\n  CLOUDBASE_ENV_ID: required when STORE=cloudbase');
  return config;
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
