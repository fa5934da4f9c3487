import { randomUUID } from 'node:crypto';
import { detectTrigger, type TimerEvent } from '../adapters/triggers/events';
import { toHttpRequest, toHttpResponse, type HttpRequestInput, type HttpResult } from '../adapters/triggers/http-event';
import { fromMiniProgramClient, miniProgramCaller, type InvocationContext, type MiniProgramCaller } from '../adapters/triggers/call-context';
import { errorBody, errorLogFields } from '../http/error-body';
import { allowedMethods, FORBIDDEN_METHODS, methodNotAllowed } from '../http/methods';
import { createLogger } from '../adapters/log/logger';
import type { HttpApp } from '../http/app';
import { directRoute, type DirectRoute } from '../http/direct-routes';
import type { Logger } from '../ports/logger';

export type ActionHandler<D> = (data: unknown, caller: MiniProgramCaller, deps: D) => Promise<unknown>;

/** What a function offers per trigger; anything it does not offer is refused with a clear error. */
export interface FunctionDefinition<D> {
  name: string;
  http?: (deps: D) => HttpApp;
  timer?: (event: TimerEvent, deps: D, context: InvocationContext) => Promise<unknown>;
  actions?: Record<string, ActionHandler<D>>;
}

export type MainHandler = (event: unknown, context?: InvocationContext) => Promise<unknown>;

/** Runs an HTTP request through the function's Hono app, in-process. */
export async function dispatchHttp(app: HttpApp, req: HttpRequestInput): Promise<HttpResult> {
  if (FORBIDDEN_METHODS.has(req.method.toUpperCase())) {
    const refusal = methodNotAllowed(req.method, allowedMethods(app.routes, req.path));
    return { statusCode: refusal.status, headers: refusal.headers, body: JSON.stringify(refusal.body) };
  }
  const qs = new URLSearchParams(req.query).toString();
  const url = `http://function.local${req.path}${qs ? `?${qs}` : ''}`;
  const hasBody = !['GET', 'HEAD'].includes(req.method);
  const headers = new Headers(req.headers);
  // The gateway's content-length describes its own encoding of the body; let Request recompute it.
  headers.delete('content-length');
  // Request ids end up in the audit log: only the platform's, never one the caller chose.
  headers.delete('x-request-id');
  if (req.requestId) headers.set('x-request-id', req.requestId);
  // The client address comes from the platform only; a caller-sent x-client-ip must not steer rate limits.
  headers.delete('x-client-ip');
  if (req.sourceIp) headers.set('x-client-ip', req.sourceIp);
  const res = await app.fetch(new Request(url, { method: req.method, headers, body: hasBody ? req.body : undefined }));
  const outHeaders: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    outHeaders[k] = v;
  });
  return { statusCode: res.status, headers: outHeaders, body: await res.text() };
}

/**
 * Builds `main_handler`: adapt the trigger, call the function's code, adapt the result.
 * Dependencies are built once per cold start and reused by warm invocations.
 */
export function createMainHandler<D extends object>(def: FunctionDefinition<D>, loadDeps: () => Promise<D>): MainHandler {
  // loadDeps caches per cold start; the app is built once per deps object (tests swap deps).
  const apps = new WeakMap<D, HttpApp>();
  const deps = loadDeps;
  // Before the dependencies exist (a cold start that failed) there is only the fallback logger.
  let fallbackLog: Logger | undefined;
  const logOf = (d: D | undefined): Logger => {
    const own = (d as { log?: Logger } | undefined)?.log;
    return own ?? (fallbackLog ??= createLogger({ bindings: { fn: def.name } }));
  };
  /** The caller sees the opaque part; the log keeps the detail under the same request id. */
  const failure = (err: unknown, requestId: string | undefined, d: D | undefined) => {
    const result = errorBody(err, requestId);
    if (result.status >= 500) logOf(d).error('unhandled error', { fn: def.name, requestId, status: result.status, ...errorLogFields(err) });
    return result;
  };
  const appFor = (d: D): HttpApp => {
    let app = apps.get(d);
    if (!app && def.http) apps.set(d, (app = def.http(d)));
    return app as HttpApp;
  };

  return async (event, context = {}) => {
    context.callbackWaitsForEmptyEventLoop = false;
    const trigger = detectTrigger(event);
    if (!trigger) return refusal(400, 'unknown_event', `${def.name} does not accept this event shape`);
    // On CloudBase a mini-program's callFunction data IS the event: a client could shape it like a
    // timer or an HTTP request. Calls the platform marks as coming from a WeChat client are actions only.
    if (trigger.kind !== 'call' && fromMiniProgramClient(context)) {
      return refusal(400, 'unknown_action', 'a mini-program call must be {action, data}');
    }

    if (trigger.kind === 'http') {
      const req = toHttpRequest(trigger.source, trigger.event);
      if (!def.http) return toHttpResponse(trigger.source, jsonResult(404, 'route_not_found', `${def.name} serves no HTTP routes`));
      let d: D | undefined;
      try {
        d = await deps();
        const app = appFor(d);
        const direct = directRoute(app, req.method, req.path);
        if (direct) return toHttpResponse(trigger.source, await answerDirect(direct, req, (err, id) => failure(err, id, d)));
        return toHttpResponse(trigger.source, await dispatchHttp(app, req));
      } catch (err) {
        const { status, body } = failure(err, req.requestId ?? context.request_id, d);
        return toHttpResponse(trigger.source, { statusCode: status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      }
    }

    if (trigger.kind === 'timer') {
      if (!def.timer) return refusal(400, 'no_timer', `${def.name} has no timer`);
      // Timer failures are rethrown so SCF records them and retries (timers are async invocations).
      return def.timer(trigger.event, await deps(), context);
    }

    const caller = miniProgramCaller(context);
    // Own properties only: `constructor`, `toString`… are on every object and are no actions.
    const name = trigger.event.action;
    const action = def.actions && Object.hasOwn(def.actions, name) ? def.actions[name] : undefined;
    if (!action) return refusal(404, 'unknown_action', `${def.name} has no action "${trigger.event.action}"`);
    let d: D | undefined;
    try {
      d = await deps();
      return { ok: true, data: await action(trigger.event.data, caller, d) };
    } catch (err) {
      return { ok: false, ...failure(err, context.request_id, d).body };
    }
  };
}

/** A direct route's answer (or its error, as the app would give it), carrying the request id like every app answer. */
async function answerDirect(
  route: DirectRoute,
  req: HttpRequestInput,
  failure: (err: unknown, requestId: string) => { status: number; body: unknown },
): Promise<HttpResult> {
  const requestId = req.requestId ?? randomUUID();
  try {
    const r = await route.handle(req, requestId);
    return { ...r, headers: { ...r.headers, 'x-request-id': requestId } };
  } catch (err) {
    const { status, body } = failure(err, requestId);
    return { statusCode: status, headers: { 'content-type': 'application/json', 'x-request-id': requestId }, body: JSON.stringify(body) };
  }
}

function jsonResult(status: number, code: string, message: string): HttpResult {
  return { statusCode: status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { code, message } }) };
}

function refusal(status: number, code: string, message: string) {
  return { ok: false, status, error: { code, message } };
}
