/**
 * `npm start`: the whole system locally. WeCom sandbox + gateway (routing as the deploy descriptors)
 * + timer scheduler + the store. It reads the variables the deployed functions read, and whatever is
 * set wins (dev/local-env.ts); the rest is generated once into DATA_DIR/dev-secrets.json so restarts
 * keep tokens valid and encrypted data readable. DATA_DIR/local-stack.json tells the demo and the
 * CLI where the stack is while it runs.
 */
import { startLocalStack } from './local-stack';
import { applyDevEnv, loadOrCreateDevSecrets } from './dev-env';
import { stackBanner } from './stack-banner';
import { removeStackFile, writeStackFile } from './stack-file';
import { createLogger, levelFromEnv } from '../shared/adapters/log/logger';
import { buildWeb } from '../scripts/build-web';

function portFrom(value: string | undefined): number {
  if (!value) return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT: must be a port number (0–65535), got "${value}"`);
  return port;
}

async function main(): Promise<void> {
  const user = applyDevEnv({ LOG_LEVEL: 'info' }, process.env);
  const port = portFrom(process.env.PORT);
  const dataDir = user.DATA_DIR || '.data';
  const log = createLogger({ level: levelFromEnv(user), bindings: { fn: 'local' } });
  // The web function serves the pages from dist/web: build them from this checkout's sources first.
  await buildWeb();
  const stack = await startLocalStack({
    port,
    dataDir,
    secrets: loadOrCreateDevSecrets(dataDir),
    scheduler: true,
    log,
    env: user,
    onTimerError: (fn, err) => log.error('timer failed', { function: fn, error: String(err) }),
  });
  writeStackFile(dataDir, {
    pid: process.pid,
    url: stack.url,
    sandboxUrl: stack.wecom === 'sandbox' ? stack.sandbox.url : null,
    wecom: stack.wecom,
    store: stack.config.STORE,
    startedAt: new Date().toISOString(),
    credentials: stack.wecom === 'sandbox' ? stack.credentials : { INTERNAL_API_KEY: stack.credentials.INTERNAL_API_KEY, TOKEN_SIGNING_SECRET: stack.credentials.TOKEN_SIGNING_SECRET },
  });
  process.on('exit', () => removeStackFile(dataDir));
  process.stdout.write(stackBanner(stack, process.env, dataDir).join('\n'));
  const stop = () => {
    void stack.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
