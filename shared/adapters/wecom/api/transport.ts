import type { Logger } from '../../../ports/logger';
import { WecomApiError, WecomErrcode, type RateLimitEvent } from '../../../ports/wecom-api';
import { fullJitterDelay, rateLimitDelay, sleep } from './backoff';
import { decide, type Decision, type Delivery } from './delivery';
import type { ResolvedRetry } from './options';
import { classifyFetchError, mayHaveBeenProcessed, type Failure, type Outcome } from './outcome';

/** Where an access token comes from; `invalidate` drops exactly the token that WeCom refused. */
export interface TokenSource {
  get(): Promise<string>;
  invalidate(token: string): Promise<void>;
}

export interface CallSpec {
  /** Label for errors and logs, e.g. 'externalcontact/send_welcome_msg'. Never holds query values. */
  api: string;
  baseUrl: string;
  path: string;
  method: 'GET' | 'POST';
  query?: Record<string, string | undefined>;
  body?: unknown;
  delivery: Delivery;
  /** When set, `access_token` is added and a token errcode triggers one refresh. */
  auth?: TokenSource;
}

export interface TransportDeps {
  fetchImpl: typeof fetch;
  timeoutMs: number;
  retry: ResolvedRetry;
  random: () => number;
  logger?: Logger;
  emitRateLimit: (event: RateLimitEvent) => void;
}

export type Transport = (spec: CallSpec) => Promise<Record<string, unknown>>;

export function createTransport(deps: TransportDeps): Transport {
  const { retry } = deps;
  return async function call(spec) {
    let transientRetries = 0;
    let rateLimitRetries = 0;
    let rateLimitWaitedMs = 0;
    let tokenRefreshed = false;
    for (let attempt = 1; ; attempt++) {
      const token = spec.auth ? await spec.auth.get() : undefined;
      const outcome = await exchange(deps, spec, token);
      if (outcome.ok) return outcome.body;
      const decision = decide(spec.delivery, outcome);

      if (decision.action === 'refresh_token' && spec.auth && token !== undefined && !tokenRefreshed) {
        tokenRefreshed = true;
        await spec.auth.invalidate(token);
        deps.logger?.warn('wecom token refused, refreshing', { api: spec.api, errcode: errcodeOf(outcome) });
        continue;
      }
      if (decision.action === 'retry' && transientRetries + 1 < retry.maxAttempts) {
        transientRetries++;
        const delayMs = fullJitterDelay(transientRetries, retry.baseDelayMs, retry.maxDelayMs, deps.random);
        deps.logger?.warn('wecom call retry', { api: spec.api, attempt, kind: outcome.kind, errcode: errcodeOf(outcome), delayMs });
        await sleep(delayMs);
        continue;
      }
      if (decision.action === 'rate_limit') {
        const delayMs = rateLimitDelay(rateLimitRetries + 1, retry.rateLimitBaseDelayMs, retry.rateLimitMaxDelayMs, deps.random);
        // 45009 means WeCom blocks this API for 60 s (an hour past the hourly quota): a retry seconds
        // later cannot succeed and only counts against the quota again. The caller reschedules.
        const blocked = errcodeOf(outcome) === WecomErrcode.apiFreqOutOfLimit;
        const willRetry = !blocked && rateLimitRetries < retry.rateLimitMaxRetries && rateLimitWaitedMs + delayMs <= retry.rateLimitBudgetMs;
        deps.emitRateLimit({ api: spec.api, errcode: errcodeOf(outcome), attempt, delayMs: willRetry ? delayMs : 0, willRetry });
        if (willRetry) {
          rateLimitRetries++;
          rateLimitWaitedMs += delayMs;
          deps.logger?.warn('wecom rate limited', { api: spec.api, attempt, errcode: errcodeOf(outcome), delayMs });
          await sleep(delayMs);
          continue;
        }
      }
      const error = toError(spec.api, outcome, decision);
      deps.logger?.warn('wecom call failed', { api: spec.api, attempt, kind: outcome.kind, errcode: error.errcode });
      throw error;
    }
  };
}

async function exchange(deps: TransportDeps, spec: CallSpec, token: string | undefined): Promise<Outcome> {
  // Concatenated, not resolved: a base with a path prefix (an egress proxy) must keep its prefix.
  const url = new URL(spec.baseUrl.replace(/\/+$/, '') + spec.path);
  for (const [key, value] of Object.entries(spec.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
  if (token !== undefined) url.searchParams.set('access_token', token);
  const init: RequestInit = { method: spec.method, signal: AbortSignal.timeout(deps.timeoutMs) };
  if (spec.body !== undefined) {
    init.body = JSON.stringify(spec.body);
    init.headers = { 'content-type': 'application/json; charset=utf-8' };
  }
  let response: Response;
  try {
    response = await deps.fetchImpl(url, init);
  } catch (error) {
    return classifyFetchError(error);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const failure = classifyFetchError(error);
    // Headers already arrived, so the request was surely sent.
    return failure.kind === 'connect' ? { ok: false, kind: 'network', errmsg: failure.errmsg } : failure;
  }
  if (response.status !== 200) return { ok: false, kind: 'http', status: response.status, errmsg: `HTTP ${response.status}` };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, kind: 'bad_response', status: response.status, errmsg: 'response is not JSON' };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, kind: 'bad_response', status: response.status, errmsg: 'response is not a JSON object' };
  }
  const record = body as Record<string, unknown>;
  // WeChat's token endpoint omits errcode on success.
  const errcode = typeof record.errcode === 'number' ? record.errcode : 0;
  if (errcode !== 0) return { ok: false, kind: 'errcode', errcode, errmsg: typeof record.errmsg === 'string' ? record.errmsg : '' };
  return { ok: true, body: record };
}

const errcodeOf = (failure: Failure): number | null => (failure.kind === 'errcode' ? failure.errcode : null);

function toError(api: string, failure: Failure, decision: Decision): WecomApiError {
  const verdict =
    decision.action === 'fail'
      ? decision
      : // Out of retries (or a second token refusal): the same facts, nothing left to try here.
        { retryable: decision.action !== 'refresh_token', outcomeUnknown: mayHaveBeenProcessed(failure) };
  return new WecomApiError({
    api,
    kind: failure.kind,
    errcode: errcodeOf(failure),
    errmsg: failure.errmsg,
    retryable: verdict.retryable,
    outcomeUnknown: verdict.outcomeUnknown,
    ...('status' in failure ? { httpStatus: failure.status } : {}),
  });
}
