import { randomBytes } from 'node:crypto';
import { startWecomSandbox, type WecomSandbox } from './wecom-sandbox/server';
import { sandboxEnv } from './wecom-sandbox/config';
import { startGateway, type Gateway } from './gateway';
import { startScheduler } from './scheduler';
import { readDeployManifest } from './deploy-manifest';
import { generateDevSecrets, type DevSecrets } from './dev-env';
import { parseConfig, type Env } from '../shared/config';
import { buildDeps, setDeps, type AppDeps } from '../shared/runtime/deps';
import { createEmbeddedStore } from '../shared/adapters/store/embedded';
import { signToken } from '../shared/adapters/auth/tokens';
import type { Clock } from '../shared/ports/clock';
import type { Logger } from '../shared/ports/logger';
import type { SandboxLimits } from './wecom-sandbox/config';
import type { StaffRole } from '../shared/domain/team/roles';

export interface LocalStackOptions {
  port?: number;
  /** File-backed store folder; omit for an in-memory store (tests). */
  dataDir?: string;
  secrets?: DevSecrets;
  /** Extra env (e.g. WECOM_CALLBACK_MAX_SKEW_S) over the generated defaults. */
  env?: Record<string, string>;
  clock?: Clock;
  log?: Logger;
  /** Fire timers by their cron expressions (npm start); tests fire them by hand. */
  scheduler?: boolean;
  sandboxLimits?: Partial<SandboxLimits>;
  onTimerError?: (fn: string, err: unknown) => void;
}

export interface LocalStack {
  url: string;
  sandbox: WecomSandbox;
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
  const sandbox = await startWecomSandbox({ ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.sandboxLimits ? { limits: opts.sandboxLimits } : {}) });
  // Handlers load lazily, so the gateway can listen before the dependencies exist.
  const gateway = await startGateway({ port: opts.port ?? 0, manifest, info: () => ({ sandboxUrl: sandbox.url }) });
  const secrets = opts.secrets ?? generateDevSecrets();
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    ...secrets,
    // The sandbox knows fixed credentials; the real corp's come from the environment in production.
    ...sandboxEnv(sandbox.url),
    PUBLIC_BASE_URL: gateway.url,
    STORE: 'embedded',
    DATA_DIR: opts.dataDir ?? '.data',
    ...opts.env,
  };
  const config = parseConfig(env);
  const store = createEmbeddedStore(opts.dataDir ? { dir: opts.dataDir, autocompactionIntervalMs: 60_000 } : { inMemory: true });
  const deps = buildDeps({ config, store, ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.log ? { log: opts.log } : {}) });
  setDeps(deps);

  const publicUrl = gateway.url;
  const scheduler = opts.scheduler
    ? startScheduler(manifest, (fn, name) => gateway.fireTimer(fn, name), opts.onTimerError ?? (() => undefined))
    : undefined;

  const staffToken: LocalStack['staffToken'] = (staffId, role, ttlS = 12 * 3600) =>
    signToken(config.TOKEN_SIGNING_SECRET, { aud: 'staff-session', sub: staffId, role }, ttlS, deps.clock.nowMs());

  return {
    url: publicUrl,
    sandbox,
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
