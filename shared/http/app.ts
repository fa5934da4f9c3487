import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PayloadTooLargeError, ValidationError } from '../errors';
import { errorBody, errorLogFields } from './error-body';
import { allowedMethods, methodNotAllowed } from './methods';
import type { Logger } from '../ports/logger';
import type { Caller } from './caller';

export const MAX_BODY_BYTES = 1024 * 1024;

/** `caller`: set by resolveCaller (caller.ts) on the prefixes whose routes need one. */
export type HttpVars = { requestId: string; caller?: Caller };
export type HttpApp = Hono<{ Variables: HttpVars }>;
/** A route handler's context on an HttpApp. */
export type HttpContext = Context<{ Variables: HttpVars }>;

/**
 * The Hono app every function builds its routes on: request id, 1 MB body cap (413), JSON errors
 * `{"error":{code,message}}` with 4xx for caller faults and an opaque 5xx for ours (the detail is
 * logged under the request id the body carries), 405 with `Allow` for a path served under other methods.
 */
export function createHttpApp(fn: string, log: Logger): HttpApp {
  const app: HttpApp = new Hono<{ Variables: HttpVars }>();
  app.use('*', async (c, next) => {
    c.set('requestId', c.req.header('x-request-id') ?? crypto.randomUUID());
    await next();
    c.header('x-request-id', c.get('requestId'));
  });
  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new PayloadTooLargeError(MAX_BODY_BYTES); } }));
  app.onError((err, c) => {
    const requestId = c.get('requestId');
    const { status, body } = errorBody(err, requestId);
    if (status >= 500) log.error('unhandled error', { fn, requestId, status, ...errorLogFields(err) });
    return c.json(body, status as 500);
  });
  app.notFound((c) => {
    const allowed = allowedMethods(app.routes, c.req.path);
    if (allowed.length) {
      const refusal = methodNotAllowed(c.req.method, allowed);
      return c.json(refusal.body, refusal.status, refusal.headers);
    }
    return c.json({ error: { code: 'route_not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404);
  });
  return app;
}

/** Reads a JSON body; a body that is not JSON is the caller's fault. */
export async function readJson(c: { req: { text(): Promise<string> } }): Promise<unknown> {
  const text = await c.req.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('body is not valid JSON');
  }
}
