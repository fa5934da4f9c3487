import { config, type Env } from '../config';
import { createStore } from '../adapters/store';
import { createLogger } from '../adapters/log/logger';
import { createFieldCipher } from '../adapters/crypto/field-cipher';
import { createTokenSigner } from '../adapters/auth/tokens';
import type { TokenSigner } from '../ports/tokens';
import { type FieldCipher } from '../ports/field-cipher';
import { createStoreAuditLog } from '../adapters/audit/store-audit-log';
import { createWecomApi } from '../adapters/wecom/api/client';
import { createCallbackInbox, type CallbackInbox } from '../services/callback-inbox/inbox';
import { createMemberRepository, type MemberRepository } from '../services/members/member-repository';
import { createAuthorize, type Authorize } from '../services/access/authorize';
import { createStaffSessionCheck, type StaffSessionCheck } from '../services/identity/session-check';
import { systemClock, type Clock } from '../ports/clock';
import type { DocumentStore } from '../ports/document-store';
import type { Logger } from '../ports/logger';
import type { AuditLog } from '../ports/audit-log';
import type { WecomApi } from '../ports/wecom-api';
import { onceUntilFailure } from '../once-until-failure';

/** Everything a function needs, built once per cold start and shared by warm invocations. */
export interface AppDeps {
  config: Env;
  store: DocumentStore;
  clock: Clock;
  log: Logger;
  cipher: FieldCipher;
  audit: AuditLog;
  wecom: WecomApi;
  inbox: CallbackInbox;
  members: MemberRepository;
  authorize: Authorize;
  /** Holds staff sessions to the roster; authorize applies it, and so do staff-only operations that concern no member. */
  staffSessions: StaffSessionCheck;
  /** Signs and verifies bearer tokens with TOKEN_SIGNING_SECRET. */
  tokens: TokenSigner;
}

export interface DepsOverrides {
  config: Env;
  store?: DocumentStore;
  clock?: Clock;
  log?: Logger;
  fetchImpl?: typeof fetch;
  /** Small retry delays for tests. */
  wecomRetry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
}

/** Wires the ports to their adapters; no I/O happens here (the store opens lazily). */
export function buildDeps(o: DepsOverrides): AppDeps {
  const cfg = o.config;
  const store = o.store ?? createStore(cfg);
  const clock = o.clock ?? systemClock;
  const log = o.log ?? createLogger({ level: cfg.LOG_LEVEL });
  const cipher = createFieldCipher(cfg.FIELD_ENCRYPTION_KEYS);
  const audit = createStoreAuditLog(store, { clock });
  const members = createMemberRepository(store);
  const wecom = createWecomApi({
    baseUrl: cfg.WECOM_API_BASE,
    wechatBaseUrl: cfg.WECHAT_API_BASE,
    corpId: cfg.WECOM_CORP_ID,
    agentId: cfg.WECOM_AGENT_ID,
    secrets: { app: cfg.WECOM_APP_SECRET, contact: cfg.WECOM_CONTACT_SECRET, kf: cfg.WECOM_KF_SECRET },
    ...(cfg.MINIPROGRAM_APPID && cfg.MINIPROGRAM_SECRET ? { miniProgram: { appId: cfg.MINIPROGRAM_APPID, secret: cfg.MINIPROGRAM_SECRET } } : {}),
    store,
    clock,
    logger: log,
    ...(o.fetchImpl ? { fetchImpl: o.fetchImpl } : {}),
    ...(o.wecomRetry ? { retry: o.wecomRetry } : {}),
  });
  const staffSessions = createStaffSessionCheck(store);
  return {
    config: cfg,
    store,
    clock,
    log,
    cipher,
    audit,
    wecom,
    inbox: createCallbackInbox({ store, clock, cipher, log }),
    members,
    authorize: createAuthorize({ members, audit, store, clock, staffSessions }),
    staffSessions,
    tokens: createTokenSigner(cfg.TOKEN_SIGNING_SECRET),
  };
}

/** Built once per cold start; a failed cold start (a bad variable) is tried again by the next invocation. */
const built = onceUntilFailure(() => Promise.resolve().then(() => buildDeps({ config: config() })));
let injected: Promise<AppDeps> | undefined;

export function loadDeps(): Promise<AppDeps> {
  return injected ?? built();
}

/** The dependencies tests and the local stack injected (setDeps), if any: functions with a narrower loader of their own use them. */
export function injectedDeps(): Promise<AppDeps> | undefined {
  return injected;
}

/** Tests and the local stack inject their own dependencies (fake clock, in-memory store); undefined builds anew. */
export function setDeps(deps: AppDeps | undefined): void {
  injected = deps ? Promise.resolve(deps) : undefined;
  built.forget();
}
