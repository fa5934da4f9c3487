import { randomBytes } from 'node:crypto';
import { startWecomSandbox, type WecomSandbox } from './wecom-sandbox/server';
import { startGateway, type Gateway } from './gateway';
import { jssdkStandIn } from './jssdk-stand-in/serve';
import { startScheduler } from './scheduler';
import { readDeployManifest } from './deploy-manifest';
import { staffDirectory } from './staff-directory';
import { generateDevSecrets, type DevSecrets } from './dev-env';
import { localStackEnv, sandboxCredentials, wecomModeOf, type WecomMode } from './local-env';
import type { StackCredentials } from './stack-file';
import { parseConfig, type Env } from '../shared/config';
import { buildDeps, setDeps, type AppDeps } from '../shared/runtime/deps';
import { createEmbeddedStore } from '../shared/adapters/store/embedded';
import { createStore } from '../shared/adapters/store';
import { signToken } from '../shared/adapters/auth/tokens';
import type { Clock } from '../shared/ports/clock';
import type { DocumentStore } from '../shared/ports/document-store';
import type { Logger } from '../shared/ports/logger';
import type { SandboxLimits } from './wecom-sandbox/config';
import type { StaffRole } from '../shared/domain/team/roles';

export interface LocalStackOptions {
  port?: number;
  /** File-backed store folder; omit for an in-memory store (tests). */
  dataDir?: string;
  secrets?: DevSecrets;
  /**
   * What the developer set (npm start passes process.env): wins over every generated or sandbox
   * value (see local-env.ts). WECOM_API_BASE points the functions at WeCom itself; STORE=mongodb
   * with MONGODB_URI at MongoDB.
   */
  env?: Record<string, string | undefined>;
  clock?: Clock;
  log?: Logger;
  /** Fire timers by their cron expressions (npm start); tests fire them by hand. */
  scheduler?: boolean;
  sandboxLimits?: Partial<SandboxLimits>;
  onTimerError?: (fn: string, err: unknown) => void;
}

export interface LocalStack {
  url: string;
  /** Running in both modes; the functions call it only in `sandbox` mode. */
  sandbox: WecomSandbox;
  wecom: WecomMode;
  /** What the demo and the CLI need to act on this stack (written to DATA_DIR by npm start). */
  credentials: StackCredentials;
  gateway: Gateway;
  deps: AppDeps;
  config: Env;
  /** A staff session for the local ops admin (printed by npm start). */
  adminToken: string;
  staffToken(staffId: string, role: StaffRole, ttlS?: number): string;
  close(): Promise<void>;
}

/**
 * The whole system on loopback: the WeCom sandbox, every function behind one gateway routing as
 * the deploy descriptors do, the embedded store, and (optionally) the timer scheduler.
 * Used by `npm start`, the e2e tests, the bench and the demo.
 */
export async function startLocalStack(opts: LocalStackOptions = {}): Promise<LocalStack> {
  const manifest = readDeployManifest();
  const user = opts.env ?? {};
  const wecom = wecomModeOf(user);
  const creds = sandboxCredentials(user);
  // The sign-in page lists the stack's roster; the store opens below, after the sandbox is listening.
  const opened: { store?: DocumentStore } = {};
  const sandbox = await startWecomSandbox({
    directory: async () => (opened.store ? staffDirectory(opened.store) : []),
    corpId: creds.corpId,
    apps: creds.apps,
    miniPrograms: creds.miniPrograms,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.sandboxLimits ? { limits: opts.sandboxLimits } : {}),
  });
  // Handlers load lazily, so the gateway can listen before the dependencies exist.
  const gateway = await startGateway({
    port: opts.port ?? 0,
    manifest,
    info: () => ({ wecom, ...(wecom === 'sandbox' && { sandboxUrl: sandbox.url }) }),
    // Only the sandbox can check stand-in signatures; against WeCom itself the pages use the real client.
    ...(wecom === 'sandbox' && { standIn: jssdkStandIn(sandbox.url) }),
  });
  let config: Env;
  try {
    const env = localStackEnv({ user, generated: opts.secrets ?? generateDevSecrets(), mode: wecom, sandboxUrl: sandbox.url, gatewayUrl: gateway.url, dataDir: opts.dataDir ?? '.data' });
    config = parseConfig(env);
  } catch (err) {
    await Promise.all([gateway.close(), sandbox.close()]);
    throw err;
  }
  // Like the app's 可信域名: OAuth may only come back to the pages' own host.
  sandbox.state.trustedDomains = [new URL(config.PUBLIC_BASE_URL).host];
  // The embedded store opens the folder npm start was given (tests: in memory); MongoDB and CloudBase as deployed.
  const store =
    config.STORE === 'embedded'
      ? createEmbeddedStore(opts.dataDir ? { dir: opts.dataDir, autocompactionIntervalMs: 60_000 } : { inMemory: true })
      : createStore(config);
  opened.store = store;
  const deps = buildDeps({ config, store, ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.log ? { log: opts.log } : {}) });
  setDeps(deps);

  const publicUrl = gateway.url;
  const scheduler = opts.scheduler
    ? startScheduler(manifest, (fn, name) => gateway.fireTimer(fn, name), opts.onTimerError ?? (() => undefined))
    : undefined;

  const staffToken: LocalStack['staffToken'] = (staffId, role, ttlS = 12 * 3600) =>
    signToken(config.TOKEN_SIGNING_SECRET, { aud: 'staff-session', sub: staffId, role }, ttlS, deps.clock.nowMs());

  const callbackKeys = (own: { token?: string | undefined; key?: string | undefined }) => ({
    token: own.token ?? config.WECOM_CALLBACK_TOKEN,
    encodingAesKey: own.key ?? config.WECOM_CALLBACK_AES_KEY,
    corpId: config.WECOM_CORP_ID,
  });
  return {
    url: publicUrl,
    sandbox,
    wecom,
    credentials: {
      INTERNAL_API_KEY: config.INTERNAL_API_KEY,
      TOKEN_SIGNING_SECRET: config.TOKEN_SIGNING_SECRET,
      callbacks: {
        welcome: callbackKeys({ token: config.WECOM_WELCOME_CALLBACK_TOKEN, key: config.WECOM_WELCOME_CALLBACK_AES_KEY }),
        triage: callbackKeys({ token: config.WECOM_TRIAGE_CALLBACK_TOKEN, key: config.WECOM_TRIAGE_CALLBACK_AES_KEY }),
      },
    },
    gateway,
    deps,
    config,
    adminToken: staffToken(`local-admin-${randomBytes(3).toString('hex')}`, 'ops_admin'),
    staffToken,
    async close() {
      scheduler?.stop();
      await gateway.close();
      await sandbox.close();
      await store.close();
      setDeps(undefined);
    },
  };
}
