import type { SandboxApp, SandboxLimits, SandboxMiniProgram } from './config';

export type TokenNamespace = 'wecom' | 'wechat';

export interface IssuedToken {
  namespace: TokenNamespace;
  /** App name (WeCom) or appid (WeChat). */
  owner: string;
  expiresAtMs: number;
  /** Set by /_sandbox/tokens/invalidate: the errcode every later use answers. */
  revokedWith?: number;
}

export interface CallRecord {
  seq: number;
  /** e.g. '/cgi-bin/message/send'. Query strings (tokens, secrets) are never recorded. */
  path: string;
  atMs: number;
  httpStatus: number;
  errcode: number | null;
  fault?: FaultKind;
}

export type SentStatus = 'delivered' | 'pending_confirmation' | 'dropped_duplicate';

export interface SentRecord {
  seq: number;
  /** e.g. 'message/send', 'externalcontact/send_welcome_msg', 'wechat/subscribe/send'. */
  api: string;
  atMs: number;
  /** Who receives it: member userids, external_userids or openids. */
  touser: string[];
  msgid: string;
  status: SentStatus;
  /** message/send only: members over 30 messages/minute, silently not delivered. */
  droppedUsers?: string[];
  body: Record<string, unknown>;
}

export interface WelcomeCodeRecord {
  userid: string;
  externalUserId: string;
  issuedAtMs: number;
  usedAtMs?: number;
}

export interface FollowRecord {
  userid: string;
  createdAtMs: number;
  state?: string;
  remark?: string;
  tagIds: Set<string>;
}

export interface ContactRecord {
  externalUserId: string;
  name: string;
  type: number;
  unionid?: string;
  follows: Map<string, FollowRecord>;
}

export interface TagRecord {
  id: string;
  name: string;
  createdAtMs: number;
  order: number;
}

export interface TagGroupRecord {
  groupId: string;
  groupName: string;
  createdAtMs: number;
  order: number;
  tags: TagRecord[];
}

export interface KfStoredMessage {
  seq: number;
  msgid: string;
  openKfId: string;
  externalUserId: string;
  sendAtMs: number;
  content: string;
}

export interface KfCustomer {
  lastCustomerMsgAtMs: number;
  sentSinceLast: number;
  /** 'api' = handled by the API (智能助手接待); 'human' = a servicer took over → send_msg answers 95018. */
  serviceState: 'api' | 'human';
}

export interface KfAccount {
  openKfId: string;
  customers: Map<string, KfCustomer>;
  /** Callback token → issued at. */
  tokens: Map<string, number>;
}

export interface IssuedTicket {
  kind: 'corp' | 'agent';
  /** The app whose token fetched it (agent tickets belong to that app's agentid). */
  app: string;
  agentId: number;
  expiresAtMs: number;
}

/** What the JS-SDK stand-in's getContext / getCurExternalContact answer (dev/jssdk-stand-in). */
export interface JssdkContext {
  entry: string;
  externalUserId?: string;
}

export type OauthIdentityRecord = { userid: string } | { openid: string; externalUserId?: string };

export type FaultKind = 'http_500' | 'errcode' | 'delay';

export interface Fault {
  path: string;
  remaining: number;
  kind: FaultKind;
  errcode: number;
  delayMs: number;
}

export interface RateWindow {
  windowStartMs: number;
  count: number;
  blockedUntilMs: number;
}

export interface SandboxState {
  corpId: string;
  apps: SandboxApp[];
  miniPrograms: SandboxMiniProgram[];
  /** Member userids; null = every userid is a member. */
  members: Set<string> | null;
  limits: SandboxLimits;
  /** Hosts (host[:port]) an OAuth redirect_uri may point at, like the app's 可信域名; null = any. */
  trustedDomains: string[] | null;
  /** Added to the injected clock by /_sandbox/clock/advance. */
  clockOffsetMs: number;
  seq: number;
  tokens: Map<string, IssuedToken>;
  calls: CallRecord[];
  sent: SentRecord[];
  /** message/send bookkeeping kept beside `sent` so benchmarks do not rescan it: */
  appMessageLog: {
    /** Member → delivery instants within the last minute. */
    recentByUser: Map<string, number[]>;
    /** Duplicate-check key → instant of the last delivered identical message. */
    lastByDedupeKey: Map<string, number>;
  };
  welcomeCodes: Map<string, WelcomeCodeRecord>;
  contacts: Map<string, ContactRecord>;
  tagGroups: TagGroupRecord[];
  contactWays: Map<string, { type: number; scene: number; state: string; user: string[]; createdAtMs: number }>;
  groupWelcomeTemplates: Map<string, { text: string; createdAtMs: number }>;
  kfAccounts: Map<string, KfAccount>;
  kfMessages: KfStoredMessage[];
  oauthCodes: Map<string, { identity: OauthIdentityRecord; issuedAtMs: number; used: boolean }>;
  /** `${openid}|${templateId}` → subscriptions left. */
  subscriptions: Map<string, number>;
  faults: Fault[];
  rateWindows: Map<string, RateWindow>;
  /** Ticket → who holds it; older tickets stay valid until their own expiry. */
  jsapiTickets: Map<string, IssuedTicket>;
  /** Instants of successful ticket fetches per app, for the hourly limits. */
  ticketFetches: { app: string; atMs: number }[];
  jssdkContext: JssdkContext;
}

export function createState(init: {
  corpId: string;
  apps: SandboxApp[];
  miniPrograms: SandboxMiniProgram[];
  members: string[] | null;
  limits: SandboxLimits;
  trustedDomains?: string[] | null;
}): SandboxState {
  return {
    corpId: init.corpId,
    apps: init.apps,
    miniPrograms: init.miniPrograms,
    members: init.members ? new Set(init.members) : null,
    limits: init.limits,
    trustedDomains: init.trustedDomains ?? null,
    clockOffsetMs: 0,
    ...emptyData(),
  };
}

/** Everything /_sandbox/reset clears; configuration (apps, members, limits, trusted domains) stays. */
export function resetState(state: SandboxState): void {
  Object.assign(state, emptyData(), { clockOffsetMs: 0 });
}

function emptyData() {
  return {
    seq: 0,
    tokens: new Map<string, IssuedToken>(),
    calls: [] as CallRecord[],
    sent: [] as SentRecord[],
    appMessageLog: { recentByUser: new Map<string, number[]>(), lastByDedupeKey: new Map<string, number>() },
    welcomeCodes: new Map<string, WelcomeCodeRecord>(),
    contacts: new Map<string, ContactRecord>(),
    tagGroups: [] as TagGroupRecord[],
    contactWays: new Map(),
    groupWelcomeTemplates: new Map(),
    kfAccounts: new Map<string, KfAccount>(),
    kfMessages: [] as KfStoredMessage[],
    oauthCodes: new Map(),
    subscriptions: new Map<string, number>(),
    faults: [] as Fault[],
    rateWindows: new Map<string, RateWindow>(),
    jsapiTickets: new Map<string, IssuedTicket>(),
    ticketFetches: [] as { app: string; atMs: number }[],
    jssdkContext: { entry: 'normal' } as JssdkContext,
  };
}

export const isMember = (state: SandboxState, userid: string): boolean => state.members === null || state.members.has(userid);

export function kfAccount(state: SandboxState, openKfId: string): KfAccount {
  let account = state.kfAccounts.get(openKfId);
  if (!account) state.kfAccounts.set(openKfId, (account = { openKfId, customers: new Map(), tokens: new Map() }));
  return account;
}
