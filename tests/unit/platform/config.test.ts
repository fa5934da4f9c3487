import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../shared/config';
import { settingsFromConfig } from '../../../shared/services/reminders/settings';
import { generateDevSecrets } from '../../../dev/dev-env';

const valid = () => ({ ...generateDevSecrets() }) as Record<string, string>;

describe('config', () => {
  it('parses a complete environment with defaults', () => {
    const cfg = parseConfig(valid());
    expect(cfg.STORE).toBe('embedded');
    expect(cfg.DATA_DIR).toBe('.data');
    expect(cfg.WECOM_CALLBACK_MAX_SKEW_S).toBe(300);
    expect(cfg.WECOM_API_BASE).toBe('https://qyapi.weixin.qq.com');
  });

  it('names every missing or malformed variable', () => {
    const env = valid();
    delete env.WECOM_CORP_ID;
    env.WECOM_CALLBACK_AES_KEY = 'short';
    env.WECOM_CALLBACK_MAX_SKEW_S = 'soon';
    expect(() => parseConfig(env)).toThrow(/WECOM_CORP_ID[\s\S]*WECOM_CALLBACK_AES_KEY: must be the 43-character EncodingAESKey[\s\S]*WECOM_CALLBACK_MAX_SKEW_S/);
  });

  it('treats an empty variable as unset', () => {
    expect(() => parseConfig({ ...valid(), TOKEN_SIGNING_SECRET: '' })).toThrow(/TOKEN_SIGNING_SECRET/);
  });

  it('requires the connection settings of the store it selects', () => {
    expect(() => parseConfig({ ...valid(), STORE: 'mongodb' })).toThrow(/MONGODB_URI: required when STORE=mongodb/);
    expect(() => parseConfig({ ...valid(), STORE: 'cloudbase' })).toThrow(/CLOUDBASE_ENV_ID/);
    expect(parseConfig({ ...valid(), STORE: 'mongodb', MONGODB_URI: 'mongodb://127.0.0.1:27017/h' }).STORE).toBe('mongodb');
  });

  it('rejects a malformed encryption key list', () => {
    expect(() => parseConfig({ ...valid(), FIELD_ENCRYPTION_KEYS: 'nokid' })).toThrow(/FIELD_ENCRYPTION_KEYS/);
  });

  it('refuses local conveniences when the deployment says NODE_ENV=production', () => {
    expect(() => parseConfig({ ...valid(), NODE_ENV: 'production' })).toThrow(/STORE: must be mongodb or cloudbase[\s\S]*PUBLIC_BASE_URL: must be the public https address/);
    const ready = { ...valid(), NODE_ENV: 'production', STORE: 'mongodb', MONGODB_URI: 'mongodb://db:27017/h', PUBLIC_BASE_URL: 'https://health.example.com' };
    expect(parseConfig(ready).STORE).toBe('mongodb');
    expect(() => parseConfig({ ...ready, WECOM_CALLBACK_MAX_SKEW_S: '0' })).toThrow(/WECOM_CALLBACK_MAX_SKEW_S/);
  });

  it('validates the REMINDER_* tunables with everything else, naming the variable', () => {
    for (const [name, value] of [['REMINDER_BATCH_SIZE', 'lots'], ['REMINDER_LEASE_S', '5'], ['REMINDER_FANOUT', 'sometimes'], ['REMINDER_SUBSCRIBE_TEMPLATES', '{medication:']] as const) {
      let thrown: unknown;
      try {
        parseConfig({ ...valid(), [name]: value });
      } catch (err) {
        thrown = err;
      }
      expect(thrown, name).toBeInstanceOf(ConfigError);
      expect((thrown as Error).message, name).toContain(`${name}:`);
    }
    expect(() => parseConfig({ ...valid(), REMINDER_SUBSCRIBE_TEMPLATES: '{"no_such_kind":"t"}' })).toThrow(/REMINDER_SUBSCRIBE_TEMPLATES/);
    const cfg = parseConfig({ ...valid(), REMINDER_DAILY_CAP: '6', REMINDER_SUBSCRIBE_TEMPLATES: JSON.stringify({ medication: 'tpl-med' }) });
    const settings = settingsFromConfig(cfg);
    expect(settings.dailyCap).toBe(6);
    expect(settings.subscribeTemplates.medication).toBe('tpl-med');
    expect(settings.subscribeTemplates.monitoring).toBe('health_reminder');
  });
});
