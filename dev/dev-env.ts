import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Secrets the local stack needs; generated once per DATA_DIR so restarts can still decrypt data. */
export interface DevSecrets {
  WECOM_CORP_ID: string;
  WECOM_APP_SECRET: string;
  WECOM_CONTACT_SECRET: string;
  WECOM_KF_SECRET: string;
  WECOM_CALLBACK_TOKEN: string;
  WECOM_CALLBACK_AES_KEY: string;
  FIELD_ENCRYPTION_KEYS: string;
  TOKEN_SIGNING_SECRET: string;
  INTERNAL_API_KEY: string;
  MINIPROGRAM_APPID: string;
  MINIPROGRAM_SECRET: string;
}

const alnum = (bytes: number) => randomBytes(bytes).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, bytes);

export function generateDevSecrets(): DevSecrets {
  return {
    WECOM_CORP_ID: `ww${randomBytes(8).toString('hex')}`,
    WECOM_APP_SECRET: alnum(43),
    WECOM_CONTACT_SECRET: alnum(43),
    WECOM_KF_SECRET: alnum(43),
    WECOM_CALLBACK_TOKEN: alnum(24),
    WECOM_CALLBACK_AES_KEY: randomBytes(32).toString('base64').slice(0, 43),
    FIELD_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    TOKEN_SIGNING_SECRET: randomBytes(32).toString('hex'),
    INTERNAL_API_KEY: randomBytes(24).toString('hex'),
    MINIPROGRAM_APPID: `wx${randomBytes(8).toString('hex')}`,
    MINIPROGRAM_SECRET: randomBytes(16).toString('hex'),
  };
}

export const devSecretsPath = (dataDir: string): string => join(dataDir, 'dev-secrets.json');

export function loadOrCreateDevSecrets(dataDir: string): DevSecrets {
  const file = devSecretsPath(dataDir);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 }); // secrets and members' records: owner only
  const secrets = generateDevSecrets();
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * Local defaults under whatever the developer set: every non-empty variable of `env` wins (an empty
 * one counts as unset, as parseConfig treats it). Returns a new record and leaves process.env alone:
 * the local stack shares its process with tests, the bench and the demo's tools.
 */
export function applyDevEnv(defaults: Record<string, string>, env: Record<string, string | undefined> = process.env): Record<string, string> {
  const out = { ...defaults };
  for (const [k, v] of Object.entries(env)) if (v) out[k] = v;
  return out;
}
