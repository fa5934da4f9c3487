import * as z from 'zod';
import { ValidationError } from './errors';

/**
 * One idempotency-key convention for every capability (points, reminders, gap reports, health forms,
 * mini-program actions), so a key one route accepts is never refused by another:
 * - 1–200 of letters, digits and `_ . : @ | -` — a UUID, a hash, or a caller's namespaced id such as
 *   `plan:m_x:v3:0` or `policy|P-1@2026` all fit; keys become parts of document ids, so no spaces or
 *   other punctuation;
 * - sent as the `Idempotency-Key` header or, where a body can carry it, as `idempotencyKey`; both may be
 *   sent only when they agree (a mismatch is 400 naming `idempotencyKey`, never a silent pick).
 */
export const IdempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_.:@|-]{1,200}$/, 'use 1–200 letters, digits or _ . : @ | - (a UUID works)');

/**
 * `messageZh` is the Chinese line for a refusal a member reads (a member page that sends the key);
 * it rides on the field issue as every member-facing 400 does, the English message stays the same.
 */
export interface IdempotencyKeyOptions {
  required?: boolean;
  messageZh?: string;
}

/** The request's key under the rule above; undefined when neither was sent and none is required. */
export function idempotencyKeyOf(header: string | undefined, body: string | undefined, opts: IdempotencyKeyOptions & { required: true }): string;
export function idempotencyKeyOf(header: string | undefined, body: string | undefined, opts?: IdempotencyKeyOptions): string | undefined;
export function idempotencyKeyOf(header: string | undefined, body: string | undefined, opts: IdempotencyKeyOptions = {}): string | undefined {
  const issue = (message: string) => [{ field: 'idempotencyKey', message, ...(opts.messageZh !== undefined && { messageZh: opts.messageZh }) }];
  if (header !== undefined && body !== undefined && header !== body) {
    throw new ValidationError('the Idempotency-Key header and body idempotencyKey differ', issue('differs from the Idempotency-Key header'));
  }
  const key = header ?? body;
  if (key === undefined) {
    if (!opts.required) return undefined;
    throw new ValidationError('an idempotency key is required: send an Idempotency-Key header (a UUID works)', issue('required (Idempotency-Key header or body idempotencyKey)'));
  }
  const parsed = IdempotencyKeySchema.safeParse(key);
  if (!parsed.success) throw new ValidationError(`invalid idempotency key: ${parsed.error.issues[0]?.message ?? 'malformed'}`, issue(parsed.error.issues[0]?.message ?? 'malformed'));
  return parsed.data;
}
