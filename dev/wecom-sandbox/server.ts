import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../shared/ports/clock';
import { ADMIN_ROUTES, adminQr } from './admin';
import { defaultApps, defaultMiniPrograms, DEFAULT_LIMITS, SANDBOX_DEFAULTS, type SandboxApp, type SandboxLimits, type SandboxMiniProgram } from './config';
import { rateLimit, takeFault } from './guards';
import { authenticate } from './handlers/token';
import { wxError, type Caller, type Reply, type SandboxContext } from './reply';
import { AUTHORIZE_PATH, authorizePage, type Directory } from './oauth-page';
import { ROUTES, type Route } from './routes';
import { createState, type SandboxState } from './state';

export interface WecomSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  corpId?: string;
  apps?: SandboxApp[];
  miniPrograms?: SandboxMiniProgram[];
  /** Known member userids; omitted = every userid counts as a member. */
  members?: string[];
  limits?: Partial<SandboxLimits>;
  /** Token, code and window expiry follow this clock (plus /_sandbox/clock/advance). */
  clock?: Clock;
  /** Hosts an OAuth redirect_uri may name (the app's 可信域名); omitted = any. */
  trustedDomains?: string[];
  /** The staff the authorize page offers (the local stack passes its roster). */
  directory?: Directory;
}

export interface WecomSandbox {
  url: string;
  close(): Promise<void>;
  /** Live state, for in-process tests; other processes use inspect.ts. */
  state: SandboxState;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** A loopback WeCom + WeChat server speaking the real paths, errcodes and limits. */
export async function startWecomSandbox(options: WecomSandboxOptions = {}): Promise<WecomSandbox> {
  const state = createState({
    corpId: options.corpId ?? SANDBOX_DEFAULTS.corpId,
    apps: options.apps ?? defaultApps(),
    miniPrograms: options.miniPrograms ?? defaultMiniPrograms(),
    members: options.members ?? null,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    trustedDomains: options.trustedDomains ?? null,
  });
  const clock = options.clock ?? systemClock;
  let url = '';
  const ctx: SandboxContext = { state, nowMs: () => clock.nowMs() + state.clockOffsetMs, baseUrl: () => url };
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    handle(ctx, req, res, timers, options.directory).catch(() => {
      if (!res.headersSent) send(res, { status: 500, text: 'sandbox error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  url = `http://${address.address}:${address.port}`;

  return {
    url,
    state,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handle(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse, timers: Set<NodeJS.Timeout>, directory: Directory | undefined): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const method = req.method ?? 'GET';
  const raw = await readBody(req);
  if (raw === undefined) return send(res, { status: 413, text: 'body too large' });

  if (url.pathname.startsWith('/_sandbox/')) {
    const admin = ADMIN_ROUTES[`${method} ${url.pathname}`];
    const reply = admin ? admin(ctx, parseJson(raw) ?? {}, url.searchParams) : method === 'GET' ? adminQr(url.pathname) : undefined;
    return send(res, reply ?? { status: 404, json: { error: `no sandbox endpoint ${method} ${url.pathname}` } });
  }

  // The browser-facing OAuth page (open.weixin.qq.com in production), not an API: no token, no quota.
  if (url.pathname === AUTHORIZE_PATH) return send(res, await authorizePage(ctx, method, url.searchParams, raw, directory));

  const route = ROUTES[url.pathname];
  if (!route) return send(res, { status: 404, text: 'not found' });
  const { state } = ctx;
  const record = (reply: Reply, fault?: 'http_500' | 'errcode' | 'delay') => {
    const errcode = reply.json && typeof reply.json.errcode === 'number' ? reply.json.errcode : reply.json ? 0 : null;
    state.calls.push({ seq: ++state.seq, path: url.pathname, atMs: ctx.nowMs(), httpStatus: reply.status ?? 200, errcode, ...(fault && { fault }) });
  };

  const fault = takeFault(ctx, url.pathname);
  if (fault?.kind === 'http_500') {
    const reply = { status: 500, text: '<html><body>500 Internal Server Error</body></html>', contentType: 'text/html' };
    record(reply, 'http_500');
    return send(res, reply);
  }
  if (fault?.kind === 'errcode') {
    const reply = wxError(fault.errcode, 'injected');
    record(reply, 'errcode');
    return send(res, reply);
  }

  const reply = processApiCall(ctx, route, url, method, raw);
  record(reply, fault?.kind);
  if (fault?.kind === 'delay') {
    // The request took effect; only the answer is late (a client timeout must treat it as "maybe sent").
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) send(res, reply);
    }, fault.delayMs);
    timers.add(timer);
    return;
  }
  send(res, reply);
}

function processApiCall(ctx: SandboxContext, route: Route, url: URL, method: string, raw: string): Reply {
  const limited = rateLimit(ctx, url.pathname);
  if (limited) return limited;
  // 43001 "require GET method" / 43002 "require POST method" (WeChat global codes).
  if (method !== route.method) return wxError(route.method === 'GET' ? 43001 : 43002);
  let body: Record<string, unknown> = {};
  if (method === 'POST' && raw) {
    const parsed = parseJson(raw);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return wxError(40058, 'Warning: wrong json format.');
    body = parsed as Record<string, unknown>;
  }
  let caller: Caller = { namespace: 'none' };
  if (route.auth !== 'none') {
    const auth = authenticate(ctx, url.searchParams, route.auth);
    if (!('namespace' in auth)) return auth;
    caller = auth;
    if (route.scope && caller.namespace === 'wecom' && !caller.app.scopes.includes(route.scope)) return wxError(48002);
  }
  return route.handle(ctx, { path: url.pathname, query: url.searchParams, body, caller });
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(raw: string): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, reply: Reply): void {
  const status = reply.status ?? 200;
  if (reply.json) {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...reply.headers });
    res.end(JSON.stringify(reply.json));
  } else {
    res.writeHead(status, { 'content-type': reply.contentType ?? 'text/plain; charset=UTF-8', ...reply.headers });
    res.end(reply.text ?? '');
  }
}
