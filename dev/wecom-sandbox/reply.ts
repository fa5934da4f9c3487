import { randomBytes } from 'node:crypto';
import type { SandboxApp } from './config';
import type { SandboxState } from './state';

export interface Reply {
  status?: number;
  json?: Record<string, unknown>;
  text?: string;
  contentType?: string;
  /** Extra response headers (a redirect's `location`). */
  headers?: Record<string, string>;
}

export type Caller = { namespace: 'wecom'; app: SandboxApp } | { namespace: 'wechat'; appId: string } | { namespace: 'none' };

export interface ApiRequest {
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  caller: Caller;
}

export interface SandboxContext {
  state: SandboxState;
  nowMs(): number;
  baseUrl(): string;
}

/** English errmsg texts as WeCom/WeChat send them (programs must branch on errcode, never on these). */
const ERRMSG: Record<number, string> = {
  [-1]: 'system busy',
  40001: 'invalid credential',
  40002: 'invalid grant_type',
  40003: 'invalid userid',
  40008: 'invalid message type',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40056: 'invalid agentid',
  40058: 'invalid parameter',
  40063: 'some parameters are empty',
  40068: 'invalid tagid',
  40071: 'invalid tag name: already exists',
  40072: 'invalid tag name size',
  40125: 'invalid appsecret',
  40126: 'corp tag count exceed limit',
  41001: 'access_token missing',
  41002: 'corpid missing',
  41004: 'corpsecret missing',
  41008: 'missing code',
  41009: 'missing userid',
  41010: 'missing url',
  41011: 'missing agentid',
  41016: 'missing title',
  41033: 'missing description',
  41035: 'missing external userid',
  41037: 'missing contact way type',
  41038: 'missing contact way scene',
  41039: 'invalid contact way type',
  41040: 'invalid contact way scene',
  41048: 'no external contact can be sent',
  41049: 'missing welcome code',
  41050: 'invalid welcome code',
  41051: 'externaluser has started chatting',
  41055: 'group welcome template count exceed limit',
  42001: 'access_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  43101: 'user refuse to accept the msg',
  44004: 'empty content',
  45002: 'content size out of limit',
  45009: 'api freq out of limit',
  47003: 'argument invalid! data value invalid',
  48002: 'api forbidden',
  50001: 'redirect_url not in trusted domain',
  81013: 'user & party & tag all invalid',
  82001: 'all touser & toparty & totag empty',
  84061: 'not external contact',
  95000: 'invalid open_kfid',
  95001: 'send msg count limit',
  95002: 'send msg time limit',
  95007: 'invalid msg token',
  95018: 'send msg session status invalid',
  301002: 'api forbidden for this agentid',
};

let hints = 0;

/** WeCom's error body: `{errcode, errmsg}` with the hint/more-info suffix real responses carry. */
export function wxError(errcode: number, detail?: string): Reply {
  const text = [ERRMSG[errcode] ?? 'error', detail].filter(Boolean).join(': ');
  const hint = `${Math.floor(Date.now() / 1000)}_sandbox_${++hints}`;
  return {
    json: {
      errcode,
      errmsg: `${text}, hint: [${hint}], from ip: 127.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`,
    },
  };
}

export const ok = (fields: Record<string, unknown> = {}): Reply => ({ json: { errcode: 0, errmsg: 'ok', ...fields } });

export const newId = (prefix: string, bytes = 12): string => prefix + randomBytes(bytes).toString('base64url');

export const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const strArray = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
export const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
/** `a|b|c` as WeCom sends recipient lists. */
export const bar = (v: unknown): string[] => (typeof v === 'string' && v ? v.split('|').filter(Boolean) : []);
