import { describe, expect, it } from 'vitest';
import { fullJitterDelay, rateLimitDelay } from '../../../shared/adapters/wecom/api/backoff';
import { classifyFetchError } from '../../../shared/adapters/wecom/api/outcome';
import { tokenDocId } from '../../../shared/adapters/wecom/api/token-cache';
import { WecomApiError } from '../../../shared/ports/wecom-api';

describe('backoff', () => {
  it('full jitter spans [0, base·2^(n-1)) and stops growing at the cap', () => {
    expect(fullJitterDelay(1, 100, 1000, () => 0)).toBe(0);
    expect(fullJitterDelay(1, 100, 1000, () => 0.999)).toBe(99);
    expect(fullJitterDelay(3, 100, 1000, () => 0.999)).toBe(399);
    expect(fullJitterDelay(10, 100, 1000, () => 0.999)).toBe(999);
  });

  it('rate-limit waits are at least half a step and capped', () => {
    expect(rateLimitDelay(1, 1000, 8000, () => 0)).toBe(500);
    expect(rateLimitDelay(2, 1000, 8000, () => 0)).toBe(1000);
    expect(rateLimitDelay(9, 1000, 8000, () => 0.999)).toBeLessThan(8000);
    expect(rateLimitDelay(9, 1000, 8000, () => 0)).toBe(4000);
  });
});

describe('fetch failures', () => {
  const fetchFailed = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });

  it('counts refused / unresolvable connections as never sent', () => {
    expect(classifyFetchError(fetchFailed('ECONNREFUSED')).kind).toBe('connect');
    expect(classifyFetchError(fetchFailed('ENOTFOUND')).kind).toBe('connect');
    expect(classifyFetchError(fetchFailed('UND_ERR_CONNECT_TIMEOUT')).kind).toBe('connect');
  });

  it('counts resets, our timeouts and anything unknown as possibly sent', () => {
    expect(classifyFetchError(fetchFailed('UND_ERR_SOCKET')).kind).toBe('network');
    expect(classifyFetchError(fetchFailed('ECONNRESET')).kind).toBe('network');
    expect(classifyFetchError(new DOMException('The operation was aborted due to timeout', 'TimeoutError')).kind).toBe('timeout');
    expect(classifyFetchError(new Error('weird')).kind).toBe('network');
  });
});

describe('token document id', () => {
  it('is a hash that differs per secret and never contains it', () => {
    const a = tokenDocId('wwcorp', 'secret-A');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toContain('secret-A');
    expect(tokenDocId('wwcorp', 'secret-B')).not.toBe(a);
    expect(tokenDocId('wwcorp', 'secret-A')).toBe(a);
  });
});

describe('WecomApiError', () => {
  it('maps rate limits to 503 and timeouts to 504, and names the API and errcode', () => {
    const limited = new WecomApiError({ api: 'message/send', kind: 'errcode', errcode: 45009, errmsg: 'api freq out of limit', retryable: true, outcomeUnknown: false });
    const late = new WecomApiError({ api: 'message/send', kind: 'timeout', errcode: null, errmsg: 'request timed out', retryable: true, outcomeUnknown: true });

    expect([limited.status, limited.code]).toEqual([503, 'wecom_api_error']);
    expect(limited.message).toContain('message/send');
    expect(limited.message).toContain('45009');
    expect([late.status, late.code]).toEqual([504, 'wecom_timeout']);
  });
});
