import { RATE_LIMIT_ERRCODES, WecomErrcode } from '../../../ports/wecom-api';
import { mayHaveBeenProcessed, type Failure } from './outcome';

/**
 * How often a call may take effect at WeCom, which decides what may be retried:
 * - idempotent: reads and writes whose repetition is harmless — retried on every transient failure;
 * - at_most_once: sends — retried only when WeCom surely did not process the request (connect error,
 *   errcode -1, rate limit, HTTP 429/503); never after a timeout or broken connection once sent;
 * - single_use: send_welcome_msg — its code works once within 20 s; retried only after a connect error
 *   (and once after an expired token, which WeCom rejects before it looks at the code).
 */
export const Delivery = {
  idempotent: 'idempotent',
  atMostOnce: 'at_most_once',
  singleUse: 'single_use',
} as const;
export type Delivery = (typeof Delivery)[keyof typeof Delivery];

/** 40014 invalid / 42001 expired token; 40001 is what WeChat answers for a stale token. */
export const TOKEN_ERRCODES: readonly number[] = [
  WecomErrcode.invalidAccessToken,
  WecomErrcode.accessTokenExpired,
  WecomErrcode.invalidCredential,
];

export type Decision =
  | { action: 'retry' }
  | { action: 'rate_limit' }
  | { action: 'refresh_token' }
  | { action: 'fail'; retryable: boolean; outcomeUnknown: boolean };

const fail = (retryable: boolean, outcomeUnknown: boolean): Decision => ({ action: 'fail', retryable, outcomeUnknown });

export function decide(delivery: Delivery, failure: Failure): Decision {
  const idempotent = delivery === Delivery.idempotent;
  const singleUse = delivery === Delivery.singleUse;
  switch (failure.kind) {
    case 'errcode': {
      const { errcode } = failure;
      if (TOKEN_ERRCODES.includes(errcode)) return { action: 'refresh_token' };
      if (RATE_LIMIT_ERRCODES.includes(errcode)) return singleUse ? fail(true, false) : { action: 'rate_limit' };
      if (errcode === WecomErrcode.systemBusy) return singleUse ? fail(true, false) : { action: 'retry' };
      return fail(errcode === WecomErrcode.welcomeMsgDistributing, false);
    }
    case 'connect':
      return { action: 'retry' };
    case 'http':
      if (failure.status === 429) return singleUse ? fail(true, false) : { action: 'rate_limit' };
      if (failure.status === 503) return singleUse ? fail(true, false) : { action: 'retry' };
      if (failure.status < 500) return fail(false, false);
      break;
  }
  // timeout, broken connection, garbled body, 5xx: WeCom may have acted on it.
  return idempotent ? { action: 'retry' } : fail(true, mayHaveBeenProcessed(failure));
}
