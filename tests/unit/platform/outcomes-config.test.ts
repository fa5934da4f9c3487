import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../shared/config';
import { parseOutcomesConfig } from '../../../shared/config/outcomes-env';

/** The outcomes function's narrow environment (shared/config/outcomes-env.ts), parsed by the same rules as the full one. */
const narrow = () => ({
  NODE_ENV: 'test',
  WECOM_CORP_ID: 'wwoutcomes',
  TOKEN_SIGNING_SECRET: 'a-token-signing-secret-of-32-chars!',
  INTERNAL_API_KEY: 'an-internal-key-of-24-chars-at-least',
}) as Record<string, string>;

function messageOf(env: Record<string, string>): string {
  try {
    parseOutcomesConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('outcomes configuration', () => {
  it('parses the narrow set with the shared defaults and ignores the secrets it is not given', () => {
    const cfg = parseOutcomesConfig({ ...narrow(), WECOM_APP_SECRET: 'not-read' });
    expect(cfg).toMatchObject({ STORE: 'embedded', DATA_DIR: '.data', LOG_LEVEL: 'info', TENCENTCLOUD_REGION: 'ap-guangzhou', WECOM_CORP_ID: 'wwoutcomes' });
    expect(cfg).not.toHaveProperty('WECOM_APP_SECRET');
  });

  it('names each missing variable, treating a blank one as unset', () => {
    const env = narrow();
    delete env.WECOM_CORP_ID;
    expect(messageOf({ ...env, INTERNAL_API_KEY: '' })).toMatch(/^invalid configuration:\n {2}WECOM_CORP_ID: [^\n]+\n {2}INTERNAL_API_KEY: [^\n]+$/);
  });

  it('requires the connection setting of the store it selects', () => {
    expect(messageOf({ ...narrow(), STORE: 'mongodb' })).toBe('invalid configuration:\n  MONGODB_URI: required when STORE=mongodb');
    expect(messageOf({ ...narrow(), STORE: 'cloudbase' })).toBe('invalid configuration:\n  CLOUDBASE_ENV_ID: required when STORE=cloudbase');
  });

  it('refuses the embedded store in production but not the full set\'s other production checks', () => {
    expect(messageOf({ ...narrow(), NODE_ENV: 'production' })).toBe('invalid configuration:\n  STORE: must be mongodb or cloudbase in production (the embedded store is per instance)');
    const ready = parseOutcomesConfig({ ...narrow(), NODE_ENV: 'production', STORE: 'mongodb', MONGODB_URI: 'mongodb://db:27017/h' });
    expect(ready.STORE).toBe('mongodb');
  });
});
