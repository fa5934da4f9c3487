import { isAppError } from '../errors';
import { isWecomApiError } from '../ports/wecom-api';

export interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; message: string }[]; requestId?: string; [k: string]: unknown };
}

/**
 * The one place that decides what a caller may see of an error.
 * A caller fault (4xx AppError) keeps its code, message and details: the caller has to fix something.
 * Anything that is our fault or an upstream's (5xx, or not an AppError) says only `internal` or
 * `upstream_unavailable` plus the request id: WeCom's errmsg names our egress IP, a driver message may
 * name a host; the detail goes to the log under the same request id (see `errorLogFields`).
 */
export function errorBody(err: unknown, requestId?: string): { status: number; body: ErrorBody } {
  if (isAppError(err) && err.status < 500) {
    return { status: err.status, body: { error: { code: err.code, message: err.message, ...(err.details ?? {}) } } };
  }
  const status = isAppError(err) ? err.status : 500;
  const body: ErrorBody['error'] = isWecomApiError(err)
    ? { code: 'upstream_unavailable', message: 'a service we depend on did not answer as expected; try again later' }
    : { code: 'internal', message: 'internal error' };
  return { status, body: { error: { ...body, ...(requestId && { requestId }) } } };
}

/** What the log keeps of a 5xx: enough to find the cause, through the logger's redaction. */
export function errorLogFields(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { err: String(err) };
  return {
    err: err.message,
    errName: err.name,
    ...(isAppError(err) && { code: err.code, ...(err.details && { details: err.details }) }),
    ...(err.stack && { stack: err.stack.split('\n').slice(1, 6).join('\n') }),
  };
}
