import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const STAND_IN_SCRIPT_PATH = '/_dev/wecom-jssdk.js';
export const STAND_IN_TAG = `<script src="${STAND_IN_SCRIPT_PATH}"></script>`;

/** The stand-in's own calls, passed on to the sandbox's endpoints of the same job. */
const FORWARDED: Record<string, string> = {
  '/_dev/wecom-jssdk/verify': '/_sandbox/jssdk-verify',
  '/_dev/wecom-jssdk/invoke': '/_sandbox/jssdk-invoke',
};

/** Pages that run inside WeCom: the staff workbench and the member pages. */
const PAGE_PREFIXES = ['/staff/', '/m/'];

export interface DevAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface FunctionAnswer {
  statusCode?: number;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}

export interface JssdkStandIn {
  /** Whether `serve` answers this path (the script and its two calls): every other request skips it. */
  serves(path: string): boolean;
  /** The script and its two calls; undefined for any other path. */
  serve(method: string, path: string, body: string): Promise<DevAnswer | undefined>;
  /** Adds the script tag to a page's HTML answer, so the page finds `window.__wecomStandIn`. */
  inject(path: string, answer: FunctionAnswer): FunctionAnswer;
}

/**
 * The local gateway's half of the JS-SDK stand-in (wecom-jssdk.js beside this file). The script talks to
 * the gateway's own origin, which forwards to the sandbox: the page needs no CORS and reaches only
 * these two sandbox endpoints.
 */
export function jssdkStandIn(sandboxUrl: string): JssdkStandIn {
  let script: string | undefined;
  return {
    serves: (path) => path === STAND_IN_SCRIPT_PATH || Object.hasOwn(FORWARDED, path),
    async serve(method, path, body): Promise<DevAnswer | undefined> {
      if (path === STAND_IN_SCRIPT_PATH && method === 'GET') {
        script ??= readFileSync(join(__dirname, 'wecom-jssdk.js'), 'utf8');
        return { status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' }, body: script };
      }
      const target = FORWARDED[path];
      if (!target) return undefined;
      if (method !== 'POST') return { status: 405, headers: { allow: 'POST', 'content-type': 'application/json' }, body: JSON.stringify({ error: { code: 'method_not_allowed', message: 'POST only' } }) };
      const res = await fetch(new URL(target, sandboxUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: body || '{}' });
      return { status: res.status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: await res.text() };
    },

    inject(path, answer) {
      if (!PAGE_PREFIXES.some((p) => path.startsWith(p) || path === p.slice(0, -1))) return answer;
      const headers = answer.headers ?? {};
      const typeKey = Object.keys(headers).find((k) => k.toLowerCase() === 'content-type');
      if (!typeKey || !/^text\/html\b/i.test(headers[typeKey] ?? '') || typeof answer.body !== 'string') return answer;
      // The web function gzips for clients that take it (base64 on the wire, as Function URLs carry bytes).
      const gzipped = answer.isBase64Encoded === true && Object.entries(headers).some(([k, v]) => k.toLowerCase() === 'content-encoding' && /gzip/i.test(v));
      if (answer.isBase64Encoded && !gzipped) return answer;
      const html = gzipped ? gunzipSync(Buffer.from(answer.body, 'base64')).toString('utf8') : answer.body;
      const at = html.search(/<\/head>/i);
      const body = at >= 0 ? `${html.slice(0, at)}${STAND_IN_TAG}${html.slice(at)}` : `${STAND_IN_TAG}${html}`;
      // The function computed length and encoding for the page without the tag; the page goes out plain.
      const kept = Object.fromEntries(Object.entries(headers).filter(([k]) => !['content-length', 'content-encoding'].includes(k.toLowerCase())));
      return { statusCode: answer.statusCode, headers: kept, body };
    },
  };
}
