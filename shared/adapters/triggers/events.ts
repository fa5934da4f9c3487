/**
 * The event shapes our functions accept. Sources: tencent-cloud.md §2.2 (API Gateway), §2.3
 * (Function URL), §2.1 (timer), §3.2 (CloudBase HTTP access, callFunction).
 *
 * Checked by hand rather than with zod: every invocation passes here first, so a schema parse was a
 * share of each callback's time (and building the schemas a share of each cold start). Each checker
 * returns a fresh object holding only the fields below (unknown fields are dropped, as a zod object
 * drops them), or undefined when a field has the wrong type. tests/unit/platform/triggers.test.ts
 * holds the shapes each one accepts and refuses.
 */

type QueryValue = string | string[] | boolean;
type Headers = Record<string, string | string[] | undefined>;

/** Function URL: the APIGW shape minus requestContext, *Parameters and isBase64Encoded. */
export interface FunctionUrlEvent {
  httpMethod: string;
  path: string;
  headers: Headers;
  queryString?: Record<string, QueryValue> | null | undefined;
  body?: string | null | undefined;
}

/** Legacy API Gateway trigger (integration request). */
export interface ApiGatewayEvent extends FunctionUrlEvent {
  requestContext: { serviceId: string; requestId?: string | undefined; sourceIp?: string | undefined; stage?: string | undefined };
  queryStringParameters?: Record<string, string> | null | undefined;
  isBase64Encoded?: boolean | undefined;
}

/** CloudBase HTTP access service. */
export interface CloudbaseHttpEvent {
  httpMethod: string;
  path: string;
  headers: Headers;
  queryStringParameters?: Record<string, string> | null | undefined;
  body?: string | null | undefined;
  isBase64Encoded?: boolean | undefined;
  requestContext: { requestId?: string | undefined; envId: string };
}

export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  Time: string;
  Message: string;
}

/** Mini-program callFunction data, by our `{action, data}` convention. */
export interface CallFunctionEvent {
  action: string;
  data?: unknown;
}

export type HttpSource = 'function_url' | 'apigw' | 'cloudbase_http';

export type TriggerEvent =
  | { kind: 'http'; source: HttpSource; event: FunctionUrlEvent | ApiGatewayEvent | CloudbaseHttpEvent }
  | { kind: 'timer'; event: TimerEvent }
  | { kind: 'call'; event: CallFunctionEvent };

type Raw = Record<string, unknown>;

/** A sentinel for "wrong type": undefined and null are values some fields may take. */
const BAD = Symbol('bad');

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

/** A plain object whose every value passes `ok`; BAD otherwise. */
function recordOf<V>(v: unknown, ok: (x: unknown) => x is V): Record<string, V> | typeof BAD {
  if (!isObject(v)) return BAD;
  for (const value of Object.values(v)) if (!ok(value)) return BAD;
  return v as Record<string, V>;
}

const headerValue = (x: unknown): x is string | string[] | undefined => x === undefined || isString(x) || isStringArray(x);
const queryValue = (x: unknown): x is QueryValue => isString(x) || isStringArray(x) || typeof x === 'boolean';

/** Absent headers are an empty set. */
const headersOf = (v: unknown): Headers | typeof BAD => (v === undefined ? {} : recordOf(v, headerValue));
/** null, undefined or a record of `ok` values. */
function nullishRecord<V>(v: unknown, ok: (x: unknown) => x is V): Record<string, V> | null | undefined | typeof BAD {
  return v === undefined || v === null ? v : recordOf(v, ok);
}
const nullishString = (v: unknown): string | null | undefined | typeof BAD => (v === undefined || v === null || isString(v) ? v : BAD);
const optional = <T>(v: unknown, ok: (x: unknown) => x is T): T | undefined | typeof BAD => (v === undefined || ok(v) ? (v as T | undefined) : BAD);
const isBoolean = (x: unknown): x is boolean => typeof x === 'boolean';

/** Copies the named fields that are present (a zod object leaves absent optional keys out too). */
function pick<T>(fields: Record<string, unknown>): T | undefined {
  const out: Raw = {};
  for (const key in fields) {
    const value = fields[key];
    if (value === BAD) return undefined;
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}

function functionUrlEvent(r: Raw): FunctionUrlEvent | undefined {
  if (!isString(r.httpMethod) || !isString(r.path)) return undefined;
  return pick<FunctionUrlEvent>({
    httpMethod: r.httpMethod,
    path: r.path,
    headers: headersOf(r.headers),
    queryString: nullishRecord(r.queryString, queryValue),
    body: nullishString(r.body),
  });
}

function apiGatewayEvent(r: Raw, ctx: Raw): ApiGatewayEvent | undefined {
  const base = functionUrlEvent(r);
  if (!base || !isString(ctx.serviceId)) return undefined;
  const requestContext = pick<ApiGatewayEvent['requestContext']>({
    serviceId: ctx.serviceId,
    requestId: optional(ctx.requestId, isString),
    sourceIp: optional(ctx.sourceIp, isString),
    stage: optional(ctx.stage, isString),
  });
  if (!requestContext) return undefined;
  return pick<ApiGatewayEvent>({
    ...base,
    requestContext,
    queryStringParameters: nullishRecord(r.queryStringParameters, isString),
    isBase64Encoded: optional(r.isBase64Encoded, isBoolean),
  });
}

function cloudbaseHttpEvent(r: Raw, ctx: Raw): CloudbaseHttpEvent | undefined {
  if (!isString(r.httpMethod) || !isString(r.path) || !isString(ctx.envId)) return undefined;
  const requestContext = pick<CloudbaseHttpEvent['requestContext']>({ requestId: optional(ctx.requestId, isString), envId: ctx.envId });
  if (!requestContext) return undefined;
  return pick<CloudbaseHttpEvent>({
    httpMethod: r.httpMethod,
    path: r.path,
    headers: headersOf(r.headers),
    queryStringParameters: nullishRecord(r.queryStringParameters, isString),
    body: nullishString(r.body),
    isBase64Encoded: optional(r.isBase64Encoded, isBoolean),
    requestContext,
  });
}

function timerEvent(r: Raw): TimerEvent | undefined {
  if (r.Type !== 'Timer' || !isString(r.TriggerName) || !isString(r.Time)) return undefined;
  if (r.Message !== undefined && !isString(r.Message)) return undefined;
  return { Type: 'Timer', TriggerName: r.TriggerName, Time: r.Time, Message: r.Message ?? '' };
}

function callFunctionEvent(r: Raw): CallFunctionEvent | undefined {
  if (!isString(r.action) || r.action.length === 0) return undefined;
  return 'data' in r ? { action: r.action, data: r.data } : { action: r.action };
}

/** Decides which trigger delivered `raw`; undefined when it is none we accept. */
export function detectTrigger(raw: unknown): TriggerEvent | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Raw;
  if (r.Type === 'Timer') {
    const event = timerEvent(r);
    return event && { kind: 'timer', event };
  }
  if (typeof r.httpMethod === 'string') {
    const ctx = isObject(r.requestContext) ? r.requestContext : undefined;
    if (ctx && typeof ctx.envId === 'string') {
      const event = cloudbaseHttpEvent(r, ctx);
      return event && { kind: 'http', source: 'cloudbase_http', event };
    }
    if (ctx && typeof ctx.serviceId === 'string') {
      const event = apiGatewayEvent(r, ctx);
      return event && { kind: 'http', source: 'apigw', event };
    }
    const event = functionUrlEvent(r);
    return event && { kind: 'http', source: 'function_url', event };
  }
  if (Array.isArray(raw)) return undefined;
  const event = callFunctionEvent(r);
  return event && { kind: 'call', event };
}
