/**
 * Scrubs log and audit fields before they leave the process (PIPL: no health values, phone
 * numbers, ID numbers or credentials in CLS). Two layers: values under sensitive keys are replaced
 * wholesale, and every remaining string is pattern-masked, because free text ends up in places
 * (error messages, URLs) whose key gives no warning.
 */

export const REDACTED = '[redacted]';

/** Compared after lower-casing and removing `_` and `-`, so `access_token`, `accessToken` and `Access-Token` all match. */
const SENSITIVE_KEYS: ReadonlySet<string> = new Set([
  // free text and health content
  'form', 'answers', 'text', 'content', 'body', 'rawbody', 'question', 'reply', 'notes', 'note', 'remark',
  'medications', 'medication', 'allergies', 'allergy', 'conditions', 'condition', 'symptoms', 'diagnosis',
  'history', 'readings', 'reading', 'value', 'values',
  // identity (`name` too: WeCom contact objects carry the person's name there)
  'phone', 'mobile', 'tel', 'telephone', 'idcard', 'idnumber', 'idno', 'name', 'realname', 'nickname', 'address',
  // credentials and WeCom callback parameters
  'token', 'secret', 'password', 'authorization', 'cookie', 'setcookie', 'apikey', 'internalapikey',
  'echostr', 'msgsignature', 'signature', 'encrypt', 'aeskey', 'encodingaeskey', 'corpsecret', 'sessionkey',
]);

/** Substrings that mark a key as a credential whatever it is called (`refreshToken`, `appSecret`). */
const SENSITIVE_KEY_PARTS = ['token', 'secret', 'password', 'signature', 'apikey'];

const normaliseKey = (key: string): string => key.toLowerCase().replace(/[_-]/g, '');

export function isSensitiveKey(key: string): boolean {
  const k = normaliseKey(key);
  return SENSITIVE_KEYS.has(k) || SENSITIVE_KEY_PARTS.some((part) => k.includes(part));
}

const MAX_STRING_CHARS = 2000;
const MAX_DEPTH = 8;

const STRING_RULES: ReadonlyArray<readonly [RegExp, string | ((m: string) => string)]> = [
  // Credentials named in URLs, query strings, JSON or key=value text: keep the name, drop the value.
  [/\b(access_token|accesstoken|echostr|msg_signature|signature|corpsecret|secret|token|session_key|encodingaeskey|encrypt|jsapi_ticket|ticket)(["']?\s*[:=]\s*["']?)[^"'&\s,;}]+/gi, `$1$2${REDACTED}`],
  // OAuth codes in redirect URLs (a bare `code` key elsewhere is usually an error code).
  [/([?&]code=)[^&\s"']+/g, `$1${REDACTED}`],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, `Bearer ${REDACTED}`],
  // Our compact tokens (base64url claims "." 43-char HMAC) and JWT-shaped strings.
  [/[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g, '[token]'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, '[token]'],
  // Long base64 runs: echostr/Encrypt payloads, AES keys, ciphertexts.
  [/[A-Za-z0-9+/]{64,}={0,2}/g, '[blob]'],
  // Resident ID numbers (18 characters, last may be X) before phones, which could match inside them.
  [/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, (m) => `${m.slice(0, 3)}${'*'.repeat(11)}${m.slice(-4)}`],
  // Mainland mobile numbers, optionally +86-prefixed or split 3-4-4: 13812341234 → 138****1234.
  [/(?<!\d)(\+?86[- ]?)?(1[3-9]\d)[- ]?\d{4}[- ]?(\d{4})(?!\d)/g, '$1$2****$3'],
];

export function redactString(s: string): string {
  let out = s.length > MAX_STRING_CHARS ? `${s.slice(0, MAX_STRING_CHARS)}…[+${s.length - MAX_STRING_CHARS} chars]` : s;
  for (const [pattern, replacement] of STRING_RULES) {
    out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  }
  return out;
}

/** Errors lose their prototype in JSON; keep what helps debugging (`type`, since `name` is a redacted key). */
function errorFields(e: Error): Record<string, unknown> {
  const out: Record<string, unknown> = { type: e.name, message: e.message };
  const extra = e as Error & { code?: unknown; status?: unknown };
  if (extra.code !== undefined) out.code = extra.code;
  if (extra.status !== undefined) out.status = extra.status;
  if (e.stack) out.stack = e.stack;
  if (e.cause instanceof Error) out.cause = { type: e.cause.name, message: e.cause.message };
  return out;
}

/** Deep copy with sensitive keys replaced and strings masked; safe on cycles, Errors, Dates and Buffers. */
export function redact(value: unknown): unknown {
  const seen = new WeakSet<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return redactString(v);
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'function' || typeof v === 'symbol') return undefined;
    if (typeof v !== 'object' || v === null) return v;
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
    if (Buffer.isBuffer(v) || v instanceof Uint8Array) return `[binary ${v.byteLength} bytes]`;
    if (seen.has(v)) return '[circular]';
    if (depth >= MAX_DEPTH) return '[depth]';
    seen.add(v);
    const source = v instanceof Error ? errorFields(v) : v;
    const out = Array.isArray(source)
      ? source.map((item) => walk(item, depth + 1))
      : Object.fromEntries(
          Object.entries(source as Record<string, unknown>).map(([k, item]) => [k, isSensitiveKey(k) ? REDACTED : walk(item, depth + 1)]),
        );
    seen.delete(v);
    return out;
  };
  return walk(value, 0);
}
