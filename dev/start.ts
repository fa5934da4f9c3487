/**
 * `npm start`: the whole system locally. WeCom sandbox + gateway (routing as the deploy descriptors)
 * + timer scheduler + embedded store in DATA_DIR. Secrets are generated once into
 * DATA_DIR/dev-secrets.json so restarts keep tokens valid and encrypted data readable.
 */
import { startLocalStack } from './local-stack';
import { loadOrCreateDevSecrets } from './dev-env';
import { createLogger } from '../shared/adapters/log/logger';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const dataDir = process.env.DATA_DIR || '.data';
  const log = createLogger({ level: (process.env.LOG_LEVEL as 'info' | undefined) ?? 'info', bindings: { fn: 'local' } });
  const stack = await startLocalStack({
    port,
    dataDir,
    secrets: loadOrCreateDevSecrets(dataDir),
    scheduler: true,
    log,
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
    onTimerError: (fn, err) => log.error('timer failed', { function: fn, error: String(err) }),
  });
  const lines = [
    '',
    '企微健康社群 — local stack',
    `  gateway       ${stack.url}   (GET /healthz)`,
    `  WeCom sandbox ${stack.sandbox.url}   (GET /_sandbox/sent)`,
    `  data          ${dataDir}/ (embedded store)`,
    '',
    '  routes:',
    `    ${stack.url}/wecom/welcome       WeCom customer-contact callback`,
    `    ${stack.url}/wecom/triage        WeCom 微信客服 / app callback`,
    `    ${stack.url}/api/intake/…        health form, readings`,
    `    ${stack.url}/api/triage/…        tickets`,
    `    ${stack.url}/api/gap-analysis/…  protection-gap reports`,
    `    ${stack.url}/api/reminders/…     reminders`,
    `    ${stack.url}/api/points/…        points, rights, activities`,
    `    POST ${stack.url}/_dev/timers/reminder-cron   fire the timer now`,
    '',
    `  local admin token (ops_admin, 12 h): ${stack.adminToken}`,
    '  Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
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
