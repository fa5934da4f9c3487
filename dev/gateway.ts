import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { readDeployManifest, routeFor, type DeployManifest } from './deploy-manifest';
import type { JssdkStandIn, FunctionAnswer } from './jssdk-stand-in/serve';
import type { MainHandler } from '../shared/runtime/main-handler';

/** Same cap as SCF's synchronous request limit; functions apply their own 1 MB cap. */
const GATEWAY_MAX_BODY = 6 * 1024 * 1024;

export type HandlerLoader = (fn: string) => Promise<MainHandler>;

/** Loads `functions/<name>/index.ts` (from source under tsx, so the stack needs no build). */
export const loadFunctionFromSource: HandlerLoader = async (fn) => {
  const mod = (await import(`../functions/${fn}/index`)) as { main_handler: MainHandler };
  return mod.main_handler;
};

export interface Gateway {
  server: Server;
  url: string;
  fireTimer(fn: string, triggerName?: string): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * The local stand-in for Function URLs / CloudBase HTTP access: routes by the path prefixes in
 * cloudbaserc.json, turns each request into a Function URL event and calls `main_handler`.
 */
export async function startGateway(
  opts: {
    port?: number;
    host?: string;
    manifest?: DeployManifest;
    load?: HandlerLoader;
    info?: () => Record<string, unknown>;
    /** With the WeCom sandbox: the JS-SDK stand-in script, its calls, and its tag in page HTML. */
    standIn?: JssdkStandIn;
  } = {},
): Promise<Gateway> {
  const manifest = opts.manifest ?? readDeployManifest();
  const load = opts.load ?? loadFunctionFromSource;
  const handlers = new Map<string, Promise<MainHandler>>();
  // Once loaded, a function is called without awaiting its module promise again (one event-loop turn less a request).
  const loaded = new Map<string, MainHandler>();
  const handler = (fn: string): MainHandler | Promise<MainHandler> => {
    const ready = loaded.get(fn);
    if (ready) return ready;
    let h = handlers.get(fn);
    if (!h) handlers.set(fn, (h = load(fn).then((f) => (loaded.set(fn, f), f))));
    return h;
  };

  const fireTimer = async (fn: string, triggerName?: string) => {
    const timer = manifest.timers.find((t) => t.function === fn && (!triggerName || t.name === triggerName));
    if (!timer) throw new Error(`${fn} has no timer trigger`);
    const event = { Type: 'Timer', TriggerName: timer.name, Time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: '' };
    return (await handler(fn))(event, { request_id: randomUUID(), function_name: fn, time_limit_in_ms: 60_000 });
  };

  const server = createServer((req, res) => {
    void serve(req, res).catch((err: unknown) => {
      // Like a function's 5xx: the caller gets an opaque body, the detail goes to the terminal running the stack.
      const requestId = randomUUID();
      console.error(`[gateway] ${req.method ?? '?'} ${new URL(req.url ?? '/', 'http://gateway.local').pathname} failed (request ${requestId}):`, err);
      if (!res.headersSent) send(res, 500, { error: { code: 'internal', message: 'internal error', requestId } });
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req.url ?? '/');
    const body = await readBody(req);
    if (body === undefined) return send(res, 413, { error: { code: 'payload_too_large', message: `body exceeds ${GATEWAY_MAX_BODY} bytes` } });

    if (url.pathname === '/healthz') {
      return send(res, 200, { status: 'ok', functions: manifest.functionDirs, routes: manifest.routes, timers: manifest.timers, ...opts.info?.() });
    }
    const timerMatch = /^\/_dev\/timers\/([\w-]+)$/.exec(url.pathname);
    if (timerMatch && req.method === 'POST') {
      const fn = timerMatch[1] as string;
      if (!manifest.timers.some((t) => t.function === fn)) return send(res, 404, { error: { code: 'no_timer', message: `${fn} has no timer trigger` } });
      return send(res, 200, { function: fn, result: await fireTimer(fn) });
    }
    const callMatch = /^\/_dev\/call\/([\w-]+)$/.exec(url.pathname);
    if (callMatch && req.method === 'POST') {
      // Mini-program callFunction stand-in: the platform would put the caller's OPENID in the context.
      const fn = callMatch[1] as string;
      if (!manifest.functionDirs.includes(fn)) return send(res, 404, { error: { code: 'no_function', message: fn } });
      let data: unknown;
      try {
        data = JSON.parse(body || '{}');
      } catch {
        return send(res, 400, { error: { code: 'validation_failed', message: 'body is not valid JSON' } });
      }
      const openId = header(req, 'x-dev-openid');
      const environment = JSON.stringify(openId ? { WX_OPENID: openId, TCB_SOURCE: 'wx_client' } : {});
      return send(res, 200, await (await handler(fn))(data, { request_id: randomUUID(), function_name: fn, environment }));
    }

    const dev = opts.standIn?.serves(url.pathname) ? await opts.standIn.serve(req.method ?? 'GET', url.pathname, body) : undefined;
    if (dev) {
      res.writeHead(dev.status, dev.headers);
      res.end(dev.body);
      return;
    }

    const fn = routeFor(manifest, url.pathname);
    if (!fn) return send(res, 404, { error: { code: 'route_not_found', message: `no function serves ${url.pathname}` } });
    const event = {
      httpMethod: req.method ?? 'GET',
      path: url.pathname,
      headers: { ...lowerHeaders(req), 'x-scf-remote-addr': req.socket.remoteAddress ?? '127.0.0.1', 'x-scf-request-id': randomUUID() },
      queryString: Object.fromEntries(url.searchParams),
      body,
    };
    const main = handler(fn);
    const context = { request_id: event.headers['x-scf-request-id'], function_name: fn };
    const answer = (await (typeof main === 'function' ? main(event, context) : (await main)(event, context))) as FunctionAnswer;
    const result = opts.standIn ? opts.standIn.inject(url.pathname, answer) : answer;
    res.writeHead(result.statusCode ?? 200, result.headers ?? { 'content-type': 'application/json' });
    // Binary or compressed answers (the web function's gzip) come base64-encoded, as Function URLs carry them.
    res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    server,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    fireTimer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A path WHATWG URL parsing leaves as it is: segments of letters, digits, _ and - (no empty segment: //x is a host). */
const PLAIN_PATH = /^(?:\/[\w-]+)*\/?$/;

/**
 * The path and query of a request. For a plain path and no fragment, splitting at "?" gives what WHATWG URL
 * parsing would, without building a URL on every callback; anything else (dot segments, escapes) goes through URL.
 */
function requestUrl(raw: string): { pathname: string; searchParams: URLSearchParams } {
  const q = raw.indexOf('?');
  const pathname = q < 0 ? raw : raw.slice(0, q);
  if (!PLAIN_PATH.test(pathname) || raw.includes('#')) return new URL(raw, 'http://gateway.local');
  return { pathname, searchParams: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Node already lower-cases header names; only repeated ones (set-cookie) arrive as arrays. */
function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  const headers = req.headers;
  for (const k in headers) {
    const v = headers[k];
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= GATEWAY_MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > GATEWAY_MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
