import { EnvSchema } from '../shared/config/env';
import { ReminderEnvSchema } from '../shared/config/reminder-env';
import { devSecretsPath } from './dev-env';
import { fromUser } from './local-env';
import { stackFilePath } from './stack-file';
import type { LocalStack } from './local-stack';

const CONFIG_KEYS = [...Object.keys(EnvSchema.shape), ...Object.keys(ReminderEnvSchema.shape)];

/** A connection string without its credentials: `mongodb://u:p@db:27017/h?x` → `db:27017/h`. */
function mongoWhere(uri: string | undefined): string {
  try {
    const u = new URL(uri ?? '');
    return `${u.host}${u.pathname}`;
  } catch {
    return '(MONGODB_URI)';
  }
}

/**
 * What `npm start` prints: where everything is and which mode each part runs in — the sandbox or
 * WeCom itself, generated or the developer's callback keys, which store. Variable names and public
 * identifiers (corp id, URLs) only: never a secret or a connection string's credentials.
 */
export function stackBanner(stack: LocalStack, user: Record<string, string | undefined>, dataDir: string): string[] {
  const c = stack.config;
  const own = (...keys: string[]) => fromUser(user, keys).length > 0;
  const wecom =
    stack.wecom === 'sandbox'
      ? `sandbox ${stack.sandbox.url}   (GET /_sandbox/sent), corp ${c.WECOM_CORP_ID}`
      : `WeCom itself at ${c.WECOM_API_BASE} (WECOM_API_BASE), corp ${c.WECOM_CORP_ID}: messages reach real people`;
  const keys = own('WECOM_CALLBACK_TOKEN', 'WECOM_CALLBACK_AES_KEY', 'WECOM_WELCOME_CALLBACK_TOKEN', 'WECOM_TRIAGE_CALLBACK_TOKEN')
    ? 'Token/EncodingAESKey from your environment'
    : `Token/EncodingAESKey generated (${devSecretsPath(dataDir)})`;
  const skew = c.WECOM_CALLBACK_MAX_SKEW_S === 0 ? 'timestamp window off (WECOM_CALLBACK_MAX_SKEW_S=0)' : `timestamp window ${c.WECOM_CALLBACK_MAX_SKEW_S} s`;
  const store =
    c.STORE === 'embedded' ? `embedded, ${dataDir}/ (DATA_DIR)` : c.STORE === 'mongodb' ? `mongodb at ${mongoWhere(c.MONGODB_URI)}` : `cloudbase, environment ${c.CLOUDBASE_ENV_ID}`;
  const yours = fromUser(user, CONFIG_KEYS);
  return [
    '',
    '企微健康社群 — local stack',
    `  gateway       ${stack.url}   (GET /healthz; port from PORT)`,
    `  WeCom API     ${wecom}`,
    `  callbacks     ${keys}; ${skew}`,
    `  store         ${store}`,
    `  links         ${c.PUBLIC_BASE_URL} (PUBLIC_BASE_URL)`,
    `  your env      ${yours.length ? yours.join(', ') : 'nothing set: generated and sandbox values throughout'}`,
    '',
    `  workbench     ${stack.url}/staff/   (staff pages; ${stack.wecom === 'sandbox' ? 'sign in on the sandbox page as anyone on the roster — npm run demo adds a team and a customer' : 'WeCom OAuth'})`,
    `  member pages  ${stack.url}/m/…`,
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
    `  npm run demo and npm run -s cli -- staff|contact-way find this stack through ${stackFilePath(dataDir)} (same DATA_DIR)`,
    // A session token is a credential: fine for the sandbox's made-up people, not next to a real corp's.
    stack.wecom === 'sandbox' ? `  local admin token (ops_admin, 12 h): ${stack.adminToken}` : '  (no admin token printed while the stack talks to WeCom itself)',
    '  Ctrl-C to stop.',
    '',
  ];
}
