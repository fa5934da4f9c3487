import * as z from 'zod';
import type { ReminderEnv } from './reminder-env';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** WeCom EncodingAESKey: 43 chars of base64 without the trailing '='. */
const aesKey = z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'must be the 43-character EncodingAESKey');

/**
 * Every environment variable the functions read, parsed once at cold start.
 * README "Configuration" documents the same list; keep them together.
 */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Where the public HTTP routes are reachable; used in links sent to members and staff. */
  PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:3000'),

  STORE: z.enum(['embedded', 'mongodb', 'cloudbase']).default('embedded'),
  DATA_DIR: z.string().min(1).default('.data'),
  MONGODB_URI: z.string().startsWith('mongodb').optional(),
  CLOUDBASE_ENV_ID: z.string().min(1).optional(),
  TENCENTCLOUD_SECRETID: z.string().optional(),
  TENCENTCLOUD_SECRETKEY: z.string().optional(),
  TENCENTCLOUD_SESSIONTOKEN: z.string().optional(),
  TENCENTCLOUD_REGION: z.string().default('ap-guangzhou'),

  WECOM_API_BASE: z.url().default('https://qyapi.weixin.qq.com'),
  /** Base of the staff sign-in authorize URL (网页授权: `<base>/connect/oauth2/authorize?…`); the sandbox locally. */
  WECOM_OAUTH_BASE: z.url().default('https://open.weixin.qq.com'),
  WECOM_CORP_ID: z.string().min(1),
  /** Secret of the self-built app (message/send, OAuth). */
  WECOM_APP_SECRET: z.string().min(1),
  WECOM_AGENT_ID: int(1, 2 ** 31).default(1000002),
  /** 客户联系 secret (externalcontact/*); falls back to the app secret when the app has that permission. */
  WECOM_CONTACT_SECRET: z.string().min(1).optional(),
  /** 微信客服 secret (kf/*); falls back to the app secret. */
  WECOM_KF_SECRET: z.string().min(1).optional(),
  WECOM_CALLBACK_TOKEN: z.string().min(1),
  WECOM_CALLBACK_AES_KEY: aesKey,
  /** Per-callback overrides: the customer-contact callback may have its own token and key. */
  WECOM_WELCOME_CALLBACK_TOKEN: z.string().min(1).optional(),
  WECOM_WELCOME_CALLBACK_AES_KEY: aesKey.optional(),
  WECOM_TRIAGE_CALLBACK_TOKEN: z.string().min(1).optional(),
  WECOM_TRIAGE_CALLBACK_AES_KEY: aesKey.optional(),
  WECOM_CALLBACK_MAX_SKEW_S: int(0, 86_400).default(300),
  WECOM_GROUP_WELCOME_TEMPLATE_ID: z.string().optional(),

  MINIPROGRAM_APPID: z.string().optional(),
  MINIPROGRAM_SECRET: z.string().optional(),
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),

  /** `kid:base64(32 bytes)` pairs, comma separated; the first is used to encrypt. */
  FIELD_ENCRYPTION_KEYS: z
    .string()
    .regex(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44})*$/, 'must be kid:base64key[,kid:base64key…]'),
  /** HMAC secret for member link tokens and staff sessions (≥ 32 chars). */
  TOKEN_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** Credential for function-to-function and timer calls (never a staff role). */
  INTERNAL_API_KEY: z.string().min(24, 'must be at least 24 characters'),

  /**
   * The behaviour score's premium recommendation to the policy system (behaviour-score.ts): at most
   * this many percent up or down a year, and the insurer's cumulative adjustment kept within the cap.
   * Defaults: the insurance design's case (±5 % a year, capped at 30 %).
   */
  BEHAVIOUR_PREMIUM_RANGE_PCT: z.coerce.number().min(0).max(50).default(5),
  BEHAVIOUR_PREMIUM_CAP_PCT: z.coerce.number().min(0).max(100).default(30),

  /** Minutes an emergency ticket may wait for a doctor's acknowledgement before the next on-call is alerted. */
  TRIAGE_EMERGENCY_ACK_MINUTES: int(1, 60).optional(),

  HUNYUAN_ENABLED: bool.default(false),
  HUNYUAN_MODEL: z.string().default('hunyuan-lite'),
  HUNYUAN_TIMEOUT_MS: int(100, 10_000).default(1200),
});

/** What parseConfig returns: EnvSchema's variables and the optional REMINDER_* tunables (reminder-env.ts). */
export type Env = z.infer<typeof EnvSchema> & ReminderEnv;
