import { RETRY } from '../../domain/reminders/policy';
import { classifyWecomError } from '../../domain/reminders/wecom-errors';
import { AppError } from '../../errors';
import { isWecomApiError, WecomErrcode } from '../../ports/wecom-api';

/**
 * 95002 "超过48小时" is not in the domain table (it lists 95001/95018); it closes the kf channel for
 * this member just the same, so the reminder goes to the next channel instead of failing.
 */
const EXTRA_REROUTE: readonly number[] = [WecomErrcode.kfMessageTimeLimit];

/** What one send attempt came to, in the terms the dispatcher acts on. */
export type SendFailure =
  | { kind: 'rate_limited'; code: string; errcode: number | null; backoffMs: number }
  | { kind: 'reroute'; code: string; errcode: number | null }
  | { kind: 'retryable'; code: string; errcode: number | null; backoffMs: number; maxAttempts?: number }
  | { kind: 'final'; code: string; errcode: number | null }
  /** The request may have reached WeCom: resending could deliver twice. */
  | { kind: 'unknown'; code: string; errcode: number | null }
  /** The channel cannot be used by this deployment at all (its credentials are not configured): choose another. */
  | { kind: 'unavailable'; code: string; errcode: null };

/**
 * How far a send attempt got when it threw: `before` the WeCom call (our own store writes),
 * `calling` inside it, `after` it returned (recording the outcome).
 */
export type SendPhase = 'before' | 'calling' | 'after';

/**
 * Reads a thrown send error through classifyWecomError (errcodes) and the client's own verdict
 * (transport). The client reports everything that happened on the wire as a WecomApiError; any other
 * error was raised before a request went out (a store error reading the access token, a missing
 * credential), so nothing was delivered and trying again later is safe. Only an error after the
 * call returned leaves the outcome open.
 */
export function classifySendError(err: unknown, phase: SendPhase = 'calling'): SendFailure {
  if (err instanceof AppError && err.code === 'wecom_not_configured') return { kind: 'unavailable', code: err.code, errcode: null };
  if (!isWecomApiError(err)) {
    if (phase === 'after') return { kind: 'unknown', code: 'internal_error', errcode: null };
    return { kind: 'retryable', code: phase === 'before' ? 'pre_send_error' : 'send_not_attempted', errcode: null, backoffMs: 0 };
  }
  if (err.errcode !== null) {
    if (EXTRA_REROUTE.includes(err.errcode)) return { kind: 'reroute', code: 'kf_window_expired', errcode: err.errcode };
    const c = classifyWecomError(err.errcode);
    const base = { code: c.code, errcode: err.errcode };
    if (c.kind === 'rate_limited') return { kind: 'rate_limited', ...base, backoffMs: c.backoffMs ?? RETRY.baseDelayMs };
    if (c.reroute) return { kind: 'reroute', ...base };
    if (c.kind === 'retryable') return { kind: 'retryable', ...base, backoffMs: c.backoffMs ?? 0, ...(c.maxAttempts !== undefined && { maxAttempts: c.maxAttempts }) };
    return { kind: 'final', ...base };
  }
  if (err.httpStatus === 429) return { kind: 'rate_limited', code: 'http_429', errcode: null, backoffMs: RETRY.baseDelayMs };
  if (err.outcomeUnknown) return { kind: 'unknown', code: `wecom_${err.kind}`, errcode: null };
  if (err.retryable) return { kind: 'retryable', code: `wecom_${err.kind}`, errcode: null, backoffMs: 0 };
  return { kind: 'final', code: `wecom_${err.kind}`, errcode: null };
}
