/** What each sandbox app's token may call; a call outside its scopes answers 48002 (api forbidden). */
export const Scope = {
  message: 'message',
  oauth: 'oauth',
  externalcontact: 'externalcontact',
  kf: 'kf',
} as const;
export type Scope = (typeof Scope)[keyof typeof Scope];

export interface SandboxApp {
  name: string;
  secret: string;
  agentId: number;
  scopes: Scope[];
}

export interface SandboxMiniProgram {
  appId: string;
  secret: string;
}

/**
 * Defaults are WeCom's published limits; tests lower them, benchmarks raise them.
 * Sources: 访问频率限制 90454, 发送应用消息 90236, send_welcome_msg 92137, kf 94670/96427, docs/reference/wecom-protocol.md §4.
 */
export interface SandboxLimits {
  /** Calls per API path per minute for the corp ("每企业调用单个cgi/api不可超过1万次/分"). */
  perApiPerMinute: number;
  /** "按分钟拦截则被屏蔽60秒". */
  blockMs: number;
  /** "每应用对同一个成员不可超过30次/分钟…超过部分会被丢弃不下发" — dropped silently, no errcode. */
  appMessagePerUserPerMinute: number;
  tokenTtlS: number;
  welcomeCodeTtlMs: number;
  /** OAuth code lifetime (40029 doc: 5 minutes). */
  oauthCodeTtlMs: number;
  /** sync_msg token from the kf callback: "10分钟内有效". */
  kfTokenTtlMs: number;
  /** "仅当微信客户在主动发送消息给客服后的48小时内…最多可发送5条消息". */
  kfWindowMs: number;
  kfMaxMessagesPerWindow: number;
  /** sync_msg only returns the last 3 days. */
  kfHistoryMs: number;
  textMaxBytes: number;
  markdownMaxBytes: number;
  welcomeTextMaxBytes: number;
  groupWelcomeTextMaxBytes: number;
  msgTemplateTextMaxBytes: number;
  attachmentsMax: number;
  groupWelcomeTemplateMax: number;
  corpTagMax: number;
  msgTemplateMaxCustomers: number;
  /** get_jsapi_ticket / ticket/get lifetime ("有效期为7200秒"). */
  jsapiTicketTtlS: number;
  /** "一小时内，一个企业最多可获取400次，且单个应用不能超过100次" (96909, 90454); both ticket kinds count. */
  jsapiTicketPerCorpPerHour: number;
  jsapiTicketPerAppPerHour: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  perApiPerMinute: 10_000,
  blockMs: 60_000,
  appMessagePerUserPerMinute: 30,
  tokenTtlS: 7200,
  welcomeCodeTtlMs: 20_000,
  oauthCodeTtlMs: 5 * 60_000,
  kfTokenTtlMs: 10 * 60_000,
  kfWindowMs: 48 * 3600_000,
  kfMaxMessagesPerWindow: 5,
  kfHistoryMs: 3 * 24 * 3600_000,
  textMaxBytes: 2048,
  markdownMaxBytes: 2048,
  welcomeTextMaxBytes: 4000,
  groupWelcomeTextMaxBytes: 3000,
  msgTemplateTextMaxBytes: 4000,
  attachmentsMax: 9,
  groupWelcomeTemplateMax: 100,
  corpTagMax: 3000,
  msgTemplateMaxCustomers: 10_000,
  jsapiTicketTtlS: 7200,
  jsapiTicketPerCorpPerHour: 400,
  jsapiTicketPerAppPerHour: 100,
};

/** Credentials the sandbox accepts unless told otherwise; dev env files point at these. */
export const SANDBOX_DEFAULTS = {
  corpId: 'wwsandbox0000corp',
  agentId: 1000002,
  appSecret: 'sandbox-app-secret',
  contactSecret: 'sandbox-contact-secret',
  kfSecret: 'sandbox-kf-secret',
  miniProgramAppId: 'wxsandbox00000mp1',
  miniProgramSecret: 'sandbox-mp-secret',
} as const;

export function defaultApps(): SandboxApp[] {
  return [
    { name: 'app', secret: SANDBOX_DEFAULTS.appSecret, agentId: SANDBOX_DEFAULTS.agentId, scopes: ['message', 'oauth', 'externalcontact', 'kf'] },
    { name: 'contact', secret: SANDBOX_DEFAULTS.contactSecret, agentId: 0, scopes: ['externalcontact'] },
    { name: 'kf', secret: SANDBOX_DEFAULTS.kfSecret, agentId: 0, scopes: ['kf'] },
  ];
}

export function defaultMiniPrograms(): SandboxMiniProgram[] {
  return [{ appId: SANDBOX_DEFAULTS.miniProgramAppId, secret: SANDBOX_DEFAULTS.miniProgramSecret }];
}

/** The environment variables that point the functions at a sandbox with the default credentials. */
export function sandboxEnv(sandboxUrl: string): Record<string, string> {
  return {
    WECOM_CORP_ID: SANDBOX_DEFAULTS.corpId,
    WECOM_AGENT_ID: String(SANDBOX_DEFAULTS.agentId),
    WECOM_APP_SECRET: SANDBOX_DEFAULTS.appSecret,
    WECOM_CONTACT_SECRET: SANDBOX_DEFAULTS.contactSecret,
    WECOM_KF_SECRET: SANDBOX_DEFAULTS.kfSecret,
    MINIPROGRAM_APPID: SANDBOX_DEFAULTS.miniProgramAppId,
    MINIPROGRAM_SECRET: SANDBOX_DEFAULTS.miniProgramSecret,
    WECOM_API_BASE: sandboxUrl,
    WECHAT_API_BASE: sandboxUrl,
    WECOM_OAUTH_BASE: sandboxUrl,
  };
}

/** The API client's connection options for a sandbox with the default credentials. */
export function sandboxApiOptions(sandboxUrl: string, opts: { miniProgram?: boolean } = {}) {
  return {
    baseUrl: sandboxUrl,
    wechatBaseUrl: sandboxUrl,
    corpId: SANDBOX_DEFAULTS.corpId,
    agentId: SANDBOX_DEFAULTS.agentId,
    secrets: { app: SANDBOX_DEFAULTS.appSecret, contact: SANDBOX_DEFAULTS.contactSecret, kf: SANDBOX_DEFAULTS.kfSecret },
    ...(opts.miniProgram !== false && { miniProgram: { appId: SANDBOX_DEFAULTS.miniProgramAppId, secret: SANDBOX_DEFAULTS.miniProgramSecret } }),
  };
}
