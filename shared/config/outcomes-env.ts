import { EnvSchema } from './env';
import { parseEnvWith } from './index';

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

/** Parsed as parseConfig parses the full set (shared/config/index.ts parseEnvWith); in production only the store is checked, as it reads no public base URL or callback. */
export function parseOutcomesConfig(env: NodeJS.ProcessEnv = process.env): OutcomesEnv {
  return parseEnvWith(OutcomesEnvSchema, env);
}
