import { EnvSchema } from './env';
import { ConfigError } from './index';

/**
 * What the outcomes function reads (least privilege): the store, who is calling (staff sessions and
 * the internal key) and the corp id members' ids are derived from — no WeCom secret, no callback key,
 * no field key (it reads no encrypted field). Both descriptors give it exactly these
 * (tests/unit/platform/deploy-descriptors.test.ts).
 */
export const OutcomesEnvSchema = EnvSchema.pick({
  NODE_ENV: true,
  LOG_LEVEL: true,
  STORE: true,
  DATA_DIR: true,
  MONGODB_URI: true,
  CLOUDBASE_ENV_ID: true,
  TENCENTCLOUD_SECRETID: true,
  TENCENTCLOUD_SECRETKEY: true,
  TENCENTCLOUD_SESSIONTOKEN: true,
  TENCENTCLOUD_REGION: true,
  WECOM_CORP_ID: true,
  TOKEN_SIGNING_SECRET: true,
  INTERNAL_API_KEY: true,
});

/** Variables the outcomes function is deployed with (SCF injects TENCENTCLOUD_SECRETID/KEY/SESSIONTOKEN itself; DATA_DIR is local only). */
export const OUTCOMES_ENV_KEYS = Object.keys(OutcomesEnvSchema.shape).filter((k) => !/^TENCENTCLOUD_SECRET|SESSIONTOKEN$/.test(k) && k !== 'DATA_DIR');

export type OutcomesEnv = ReturnType<typeof OutcomesEnvSchema.parse>;

/** Parsed as parseConfig parses the full set: blanks are unset, a bad value names its variable, production refuses the embedded store. */
export function parseOutcomesConfig(env: NodeJS.ProcessEnv = process.env): OutcomesEnv {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = OutcomesEnvSchema.safeParse(blanksRemoved);
  if (!result.success) throw new ConfigError(`invalid configuration:\n${result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`).join('\n')}`);
  const c = result.data;
  if (blanksRemoved.NODE_ENV === 'production' && c.STORE === 'embedded') throw new ConfigError('invalid configuration:\n  STORE: must be mongodb or cloudbase in production (the embedded store is per instance)');
  if (c.STORE === 'mongodb' && !c.MONGODB_URI) throw new ConfigError('invalid configuration:\n  MONGODB_URI: required when STORE=mongodb');
  if (c.STORE === 'cloudbase' && !c.CLOUDBASE_ENV_ID) throw new ConfigError('invalid configuration:\n  CLOUDBASE_ENV_ID: required when STORE=cloudbase');
  return c;
}
