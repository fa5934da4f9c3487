/**
 * Typed errors with a stable `code`. Caller faults carry a 4xx status and are safe to show;
 * anything else becomes a generic 500 at the edge (shared/http/error-body.ts decides what a caller sees).
 */
export interface FieldIssue {
  field: string;
  message: string;
  /** The same problem in the member's words (health form: names the field and its allowed range). */
  messageZh?: string;
}

export class AppError extends Error {
  override readonly name: string = 'AppError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: { fields?: FieldIssue[]; [k: string]: unknown },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class ValidationError extends AppError {
  override readonly name = 'ValidationError';
  constructor(message: string, fields: FieldIssue[] = []) {
    super('validation_failed', message, 400, { fields });
  }
}

export class UnauthorizedError extends AppError {
  override readonly name = 'UnauthorizedError';
  constructor(code = 'unauthorized', message = 'authentication required') {
    super(code, message, 401);
  }
}

export class ForbiddenError extends AppError {
  override readonly name = 'ForbiddenError';
  constructor(code: string, message = 'not allowed') {
    super(code, message, 403);
  }
}

export class NotFoundError extends AppError {
  override readonly name = 'NotFoundError';
  constructor(what: string) {
    super('not_found', `${what} not found`, 404);
  }
}

export class ConflictError extends AppError {
  override readonly name = 'ConflictError';
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, 409, details);
  }
}

export class PayloadTooLargeError extends AppError {
  override readonly name = 'PayloadTooLargeError';
  constructor(limitBytes: number) {
    super('payload_too_large', `body exceeds ${limitBytes} bytes`, 413);
  }
}

/** Raised by store adapters when an insert hits `_id` or a unique index. */
export class DuplicateKeyError extends AppError {
  override readonly name = 'DuplicateKeyError';
  constructor(collection: string, options?: { cause?: unknown }) {
    super('duplicate_key', `duplicate key in ${collection}`, 409, undefined, options);
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
