import type { ApiGatewayEvent, CloudbaseHttpEvent, FunctionUrlEvent, HttpSource } from './events';

/** The one HTTP shape handlers see, whatever gateway delivered it. */
export interface HttpRequestInput {
  method: string;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  body: string;
  sourceIp?: string;
  requestId?: string;
}

export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

type AnyHttpEvent = FunctionUrlEvent | ApiGatewayEvent | CloudbaseHttpEvent;

function lowerHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** queryString values may be a string, an array (repeated key) or `true` (valueless flag). */
function flattenQuery(raw: Record<string, string | string[] | boolean> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) {
    if (Array.isArray(v)) {
      if (v[0] !== undefined) out[k] = v[0];
    } else out[k] = v === true ? '' : String(v);
  }
  return out;
}

export function toHttpRequest(source: HttpSource, event: AnyHttpEvent): HttpRequestInput {
  const headers = lowerHeaders(event.headers);
  const base64 = 'isBase64Encoded' in event && event.isBase64Encoded === true;
  const rawBody = event.body ?? '';
  const body = base64 ? Buffer.from(rawBody, 'base64').toString('utf8') : rawBody;
  const query =
    source === 'cloudbase_http'
      ? flattenQuery((event as CloudbaseHttpEvent).queryStringParameters)
      : flattenQuery((event as FunctionUrlEvent).queryString);
  const ctx = 'requestContext' in event ? (event.requestContext as { requestId?: string; sourceIp?: string }) : undefined;
  return {
    method: event.httpMethod.toUpperCase(),
    path: event.path || '/',
    headers,
    query,
    body,
    sourceIp: ctx?.sourceIp ?? headers['x-scf-remote-addr'],
    requestId: ctx?.requestId ?? headers['x-scf-request-id'],
  };
}

/** Function URL and CloudBase take this shape; APIGW's integrated response adds isBase64Encoded. */
export function toHttpResponse(source: HttpSource, result: HttpResult): HttpResult & { isBase64Encoded?: boolean } {
  return source === 'function_url' ? result : { isBase64Encoded: false, ...result };
}
