import { applyDevEnv, type DevSecrets } from './dev-env';
import { defaultApps, SANDBOX_DEFAULTS, type SandboxApp, type SandboxMiniProgram } from './wecom-sandbox/config';

/**
 * The local stack's environment contract: the same variables the deployed functions read
 * (shared/config/env.ts), and whatever the developer sets wins. Underneath lie, lowest first:
 * local defaults, the secrets generated once into DATA_DIR/dev-secrets.json, the WeCom sandbox's
 * address and credentials (unless WeCom itself is named), and the gateway's own address.
 */

/** `sandbox`: the loopback WeCom stand-in; `wecom`: WECOM_API_BASE names a real WeCom (or the developer's own stand-in). */
export type WecomMode = 'sandbox' | 'wecom';

/** Generated values that stay local whatever the mode (WeCom never sees them). */
const LOCAL_SECRET_KEYS = ['WECOM_CALLBACK_TOKEN', 'WECOM_CALLBACK_AES_KEY', 'FIELD_ENCRYPTION_KEYS', 'TOKEN_SIGNING_SECRET', 'INTERNAL_API_KEY'] as const;

/** Talking to WeCom needs the corp's own credentials; generated ones would only earn errcode 40013. */
const REQUIRED_FOR_WECOM = ['WECOM_CORP_ID', 'WECOM_APP_SECRET'] as const;

export class LocalEnvError extends Error {
  override readonly name = 'LocalEnvError';
}

const isSet = (env: Record<string, string | undefined>, key: string): boolean => Boolean(env[key]);

export function wecomModeOf(user: Record<string, string | undefined>): WecomMode {
  return isSet(user, 'WECOM_API_BASE') ? 'wecom' : 'sandbox';
}

/** What the sandbox must accept so that the functions' calls succeed: the developer's values where set, else its defaults. */
export interface SandboxCredentials {
  corpId: string;
  agentId: number;
  apps: SandboxApp[];
  miniPrograms: SandboxMiniProgram[];
  env: Record<string, string>;
}

export function sandboxCredentials(user: Record<string, string | undefined>): SandboxCredentials {
  const pick = (key: string, fallback: string) => (isSet(user, key) ? (user[key] as string) : fallback);
  const corpId = pick('WECOM_CORP_ID', SANDBOX_DEFAULTS.corpId);
  const agentId = Number(pick('WECOM_AGENT_ID', String(SANDBOX_DEFAULTS.agentId)));
  const appSecret = pick('WECOM_APP_SECRET', SANDBOX_DEFAULTS.appSecret);
  // As in production, the contact and kf secrets fall back to the app secret once the developer set that one.
  const ownApp = isSet(user, 'WECOM_APP_SECRET');
  const contactSecret = pick('WECOM_CONTACT_SECRET', ownApp ? appSecret : SANDBOX_DEFAULTS.contactSecret);
  const kfSecret = pick('WECOM_KF_SECRET', ownApp ? appSecret : SANDBOX_DEFAULTS.kfSecret);
  const miniProgram = { appId: pick('MINIPROGRAM_APPID', SANDBOX_DEFAULTS.miniProgramAppId), secret: pick('MINIPROGRAM_SECRET', SANDBOX_DEFAULTS.miniProgramSecret) };
  const [app, contact, kf] = defaultApps();
  const apps = [
    { ...(app as SandboxApp), secret: appSecret, agentId },
    ...(contactSecret !== appSecret ? [{ ...(contact as SandboxApp), secret: contactSecret }] : []),
    ...(kfSecret !== appSecret && kfSecret !== contactSecret ? [{ ...(kf as SandboxApp), secret: kfSecret }] : []),
  ];
  return {
    corpId,
    agentId,
    apps,
    miniPrograms: [miniProgram],
    env: {
      WECOM_CORP_ID: corpId,
      WECOM_AGENT_ID: String(agentId),
      WECOM_APP_SECRET: appSecret,
      WECOM_CONTACT_SECRET: contactSecret,
      WECOM_KF_SECRET: kfSecret,
      MINIPROGRAM_APPID: miniProgram.appId,
      MINIPROGRAM_SECRET: miniProgram.secret,
    },
  };
}

export interface LocalEnvInput {
  /** What the developer set (process.env for `npm start`; tests pass their own). */
  user: Record<string, string | undefined>;
  generated: DevSecrets;
  mode: WecomMode;
  sandboxUrl: string;
  gatewayUrl: string;
  dataDir: string;
}

/** The environment the functions of the local stack parse, layered as described above. */
export function localStackEnv(input: LocalEnvInput): Record<string, string> {
  const { user, generated, mode } = input;
  if (mode === 'wecom') {
    const missing = REQUIRED_FOR_WECOM.filter((k) => !isSet(user, k));
    if (missing.length) {
      throw new LocalEnvError(`WECOM_API_BASE is set, so the local stack talks to WeCom itself and needs the corp's credentials: set ${missing.join(' and ')}`);
    }
  }
  const defaults: Record<string, string> = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    ...Object.fromEntries(LOCAL_SECRET_KEYS.map((k) => [k, generated[k]])),
    ...(mode === 'sandbox' && {
      ...sandboxCredentials(user).env,
      WECOM_API_BASE: input.sandboxUrl,
      WECHAT_API_BASE: input.sandboxUrl,
      // Staff sign-in lands on the sandbox's authorize page (dev/wecom-sandbox/oauth-page.ts), where one picks who signs in.
      WECOM_OAUTH_BASE: input.sandboxUrl,
    }),
    PUBLIC_BASE_URL: input.gatewayUrl,
    STORE: 'embedded',
    DATA_DIR: input.dataDir,
  };
  return applyDevEnv(defaults, user);
}

/** Where each value the stack runs with came from, for the start banner (names only, never values). */
export function fromUser(user: Record<string, string | undefined>, keys: readonly string[]): string[] {
  return keys.filter((k) => isSet(user, k));
}
