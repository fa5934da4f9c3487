import { describe, expect, it } from 'vitest';
import { decide, Delivery } from '../../../shared/adapters/wecom/api/delivery';
import type { Failure } from '../../../shared/adapters/wecom/api/outcome';

const errcode = (code: number): Failure => ({ ok: false, kind: 'errcode', errcode: code, errmsg: '' });
const http = (status: number): Failure => ({ ok: false, kind: 'http', status, errmsg: '' });
const connect: Failure = { ok: false, kind: 'connect', errmsg: '' };
const timeout: Failure = { ok: false, kind: 'timeout', errmsg: '' };
const broken: Failure = { ok: false, kind: 'network', errmsg: '' };
const garbled: Failure = { ok: false, kind: 'bad_response', status: 200, errmsg: '' };

const RETRY = { action: 'retry' };
const RATE = { action: 'rate_limit' };
const REFRESH = { action: 'refresh_token' };
const UNKNOWN = { action: 'fail', retryable: true, outcomeUnknown: true };
const NOT_TAKEN = { action: 'fail', retryable: true, outcomeUnknown: false };
const FINAL = { action: 'fail', retryable: false, outcomeUnknown: false };

describe('retry decision per delivery semantics', () => {
  it.each([
    // failure,            idempotent, at_most_once, single_use
    ['connect', connect, RETRY, RETRY, RETRY],
    ['timeout', timeout, RETRY, UNKNOWN, UNKNOWN],
    ['broken connection', broken, RETRY, UNKNOWN, UNKNOWN],
    ['garbled body', garbled, RETRY, UNKNOWN, UNKNOWN],
    ['HTTP 500', http(500), RETRY, UNKNOWN, UNKNOWN],
    ['HTTP 502', http(502), RETRY, UNKNOWN, UNKNOWN],
    ['HTTP 503', http(503), RETRY, RETRY, NOT_TAKEN],
    ['HTTP 429', http(429), RATE, RATE, NOT_TAKEN],
    ['HTTP 404', http(404), FINAL, FINAL, FINAL],
    ['errcode -1', errcode(-1), RETRY, RETRY, NOT_TAKEN],
    ['errcode 45009', errcode(45009), RATE, RATE, NOT_TAKEN],
    ['errcode 45033', errcode(45033), RATE, RATE, NOT_TAKEN],
    ['errcode 42001', errcode(42001), REFRESH, REFRESH, REFRESH],
    ['errcode 40014', errcode(40014), REFRESH, REFRESH, REFRESH],
    ['errcode 41051', errcode(41051), FINAL, FINAL, FINAL],
    ['errcode 41096', errcode(41096), NOT_TAKEN, NOT_TAKEN, NOT_TAKEN],
    ['errcode 95001', errcode(95001), FINAL, FINAL, FINAL],
  ])('%s', (_name, failure, idempotent, atMostOnce, singleUse) => {
    expect(decide(Delivery.idempotent, failure)).toEqual(idempotent);
    expect(decide(Delivery.atMostOnce, failure)).toEqual(atMostOnce);
    expect(decide(Delivery.singleUse, failure)).toEqual(singleUse);
  });
});
