import type { Clock } from '../../../ports/clock';
import type { DocumentStore } from '../../../ports/document-store';
import type { Logger } from '../../../ports/logger';

export interface WecomApiOptions {
  /** https://qyapi.weixin.qq.com, or the sandbox URL. */
  baseUrl: string;
  /** https://api.weixin.qq.com (mini-program APIs), or the sandbox URL. */
  wechatBaseUrl?: string;
  corpId: string;
  /** The self-built app's agentid (message/send needs it). */
  agentId: number;
  /** app: message/send + OAuth; contact: externalcontact/* (falls back to app); kf: kf/* (falls back to app). */
  secrets: { app: string; contact?: string; kf?: string };
  miniProgram?: { appId: string; secret: string };
  /** Shares access tokens between function instances and keeps kf cursors. */
  store: DocumentStore;
  clock?: Clock;
  fetchImpl?: typeof fetch;
  /** Transient failures: total attempts (default 3), backoff base/cap (200 / 2000 ms). */
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  /**
   * Rate-limit errcodes 45011/45033 and HTTP 429: longer backoff (base 1000 ms, cap 8000 ms), at most
   * `maxRetries` (default 4) and never more than `budgetMs` (default 10 000) of waiting per call.
   * 45009 is never retried here: WeCom blocks the API for 60 s, so the caller reschedules (onRateLimit hears it).
   */
  rateLimit?: { baseDelayMs?: number; maxDelayMs?: number; budgetMs?: number; maxRetries?: number };
  /** Per HTTP exchange, including reading the body (default 5000). */
  timeoutMs?: number;
  /** Tokens are refreshed this long before they expire (default 5 min). */
  tokenRefreshMarginMs?: number;
  logger?: Logger;
  /** Jitter source; tests may pin it. */
  random?: () => number;
}

export interface ResolvedRetry {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  rateLimitBaseDelayMs: number;
  rateLimitMaxDelayMs: number;
  rateLimitBudgetMs: number;
  rateLimitMaxRetries: number;
}

export function resolveRetry(options: WecomApiOptions): ResolvedRetry {
  return {
    maxAttempts: Math.max(1, options.retry?.maxAttempts ?? 3),
    baseDelayMs: options.retry?.baseDelayMs ?? 200,
    maxDelayMs: options.retry?.maxDelayMs ?? 2000,
    rateLimitBaseDelayMs: options.rateLimit?.baseDelayMs ?? 1000,
    rateLimitMaxDelayMs: options.rateLimit?.maxDelayMs ?? 8000,
    rateLimitBudgetMs: options.rateLimit?.budgetMs ?? 10_000,
    rateLimitMaxRetries: options.rateLimit?.maxRetries ?? 4,
  };
}
