import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { detectTrigger } from '../../shared/adapters/triggers/events';
import { toHttpRequest, toHttpResponse } from '../../shared/adapters/triggers/http-event';
import { createStaticSite } from './static-site';

/**
 * The H5 pages: the staff workbench (/staff/…) and the member pages (/m/…), with their assets.
 * Static, so it holds no secret and opens no store: least privilege for the one function every
 * browser reaches first. The build copies the site next to the bundle (dist/functions/web/public);
 * from source (npm start, tests) it is read from dist/web, which they build first.
 */
const siteRoot = () => [join(__dirname, 'public'), join(process.cwd(), 'dist/web')].find((dir) => existsSync(join(dir, 'manifest.json')));

/** Found and read once per cold start; a missing build is looked for again on the next request. */
let site: ReturnType<typeof createStaticSite> | undefined;
const loadSite = () => {
  const root = siteRoot();
  return root ? createStaticSite(root) : undefined;
};

export const main_handler = async (event: unknown): Promise<unknown> => {
  const trigger = detectTrigger(event);
  if (!trigger || trigger.kind !== 'http') {
    return { statusCode: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: 'unknown_event', message: 'web serves HTTP only' } }) };
  }
  site ??= loadSite();
  if (!site) {
    // An opaque 5xx like every function's; the operator reads the cause in the function's log.
    console.error('web: no built site next to the bundle or in dist/web (npm run build)');
    return { statusCode: 503, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: 'internal', message: 'internal error' } }) };
  }
  const answer = site(toHttpRequest(trigger.source, trigger.event));
  const { isBase64Encoded, ...rest } = answer;
  // Function URL passes isBase64Encoded through; API Gateway's integrated response needs it too.
  return { ...toHttpResponse(trigger.source, rest), ...(isBase64Encoded && { isBase64Encoded: true }) };
};
