import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { HttpRequestInput } from '../../shared/adapters/triggers/http-event';

/**
 * The H5 pages and their assets, built by `npm run build` (scripts/build-web.ts). Every answer
 * carries a strict Content-Security-Policy: scripts, styles, images and API calls from our own
 * origin only (no third-party CDN at run time), no inline script, no framing by other sites, and
 * no form posting elsewhere — the pages show health data.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'SAMEORIGIN',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface SiteManifest {
  pages: Array<{ prefix: string; html: string }>;
}

export interface StaticAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
}

/** A built site on disk: files read once and kept (gzipped when the client takes it) for warm invocations. */
export function createStaticSite(root: string) {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as SiteManifest;
  const cache = new Map<string, { raw: Buffer; gz: Buffer }>();
  const read = (file: string) => {
    let hit = cache.get(file);
    if (!hit) {
      const raw = readFileSync(file);
      cache.set(file, (hit = { raw, gz: gzipSync(raw) }));
    }
    return hit;
  };

  const fileFor = (path: string): { file: string; immutable: boolean } | undefined => {
    if (path.startsWith('/assets/')) {
      // Asset names are content-hashed by the build: a path outside assets/ is refused, not resolved.
      const file = normalize(join(root, path));
      if (!file.startsWith(join(root, 'assets') + sep) || !existsSync(file)) return undefined;
      return { file, immutable: true };
    }
    // Each app is one shell; its client-side router reads the rest of the path.
    const page = manifest.pages.find((p) => path === p.prefix || path.startsWith(`${p.prefix}/`));
    return page ? { file: join(root, page.html), immutable: false } : undefined;
  };

  return function answer(req: HttpRequestInput): StaticAnswer {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return json(405, { error: { code: 'method_not_allowed', message: `${req.method} is not allowed here` } }, { allow: 'GET, HEAD' });
    }
    // Like every function's health route under its prefixes (shared/http/health.ts); no store to report.
    if (/^\/(staff|m|assets)\/healthz$/.test(req.path)) return json(200, { status: 'ok', function: 'web' });
    const found = fileFor(req.path);
    if (!found) return json(404, { error: { code: 'route_not_found', message: `no page at ${req.path}` } });
    const { raw, gz } = read(found.file);
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const headers: Record<string, string> = {
      ...SECURITY_HEADERS,
      'content-type': TYPES[extname(found.file)] ?? 'application/octet-stream',
      // Shells name the current hashed bundles, so they are revalidated; the bundles never change.
      'cache-control': found.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
      ...(gzip && { 'content-encoding': 'gzip' }),
    };
    if (req.method === 'HEAD') return { statusCode: 200, headers, body: '' };
    return gzip ? { statusCode: 200, headers, body: gz.toString('base64'), isBase64Encoded: true } : { statusCode: 200, headers, body: raw.toString('utf8') };
  };
}

function json(statusCode: number, body: unknown, extra: Record<string, string> = {}): StaticAnswer {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...extra }, body: JSON.stringify(body) };
}
