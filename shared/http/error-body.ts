import { isAppError } from '../errors';

export interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; message: string }[]; [k: string]: unknown };
}

/** Caller faults keep their code and message; anything else is an opaque 500 (no stack, no detail). */
export function errorBody(err: unknown): { status: number; body: ErrorBody } {
  if (isAppError(err)) {
    return { status: err.status, body: { error: { code: err.code, message: err.message, ...(err.details ?? {}) } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'internal error' } } };
}
