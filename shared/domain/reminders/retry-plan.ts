import { ValidationError } from '../../errors';
import { RETRY } from './policy';

export interface RetryOptions {
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Attempts in total (the first send included) before dead-lettering. */
  maxAttempts?: number;
  /** Floor from the error class, e.g. 60 s after a 45009 rate limit. */
  minDelayMs?: number;
}

export type RetryDecision =
  | { action: 'retry'; atMs: number; delayMs: number; attempt: number }
  | { action: 'dead_letter'; attempts: number };

/** Upper bound of the delay before attempt `attempts + 1`: base · 2^(attempts−1), capped. */
export function retryCeilingMs(attempts: number, options: RetryOptions = {}): number {
  const base = options.baseDelayMs ?? RETRY.baseDelayMs;
  const max = options.maxDelayMs ?? RETRY.maxDelayMs;
  return Math.min(max, base * 2 ** Math.min(attempts - 1, 30));
}

/**
 * After `attempts` failed sends (≥ 1), when to try again — exponential backoff with "equal jitter"
 * (a delay uniformly in [ceiling/2, ceiling)), never below `minDelayMs` — or dead-letter once
 * `maxAttempts` sends have failed. `rng` returns [0, 1) and is injected so tests are exact.
 */
export function retryPlan(attempts: number, nowMs: number, rng: () => number, options: RetryOptions = {}): RetryDecision {
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new ValidationError('attempts must be an integer ≥ 1', [{ field: 'attempts', message: 'must be an integer ≥ 1' }]);
  }
  const maxAttempts = options.maxAttempts ?? RETRY.maxAttempts;
  if (attempts >= maxAttempts) return { action: 'dead_letter', attempts };

  const r = rng();
  if (!(r >= 0 && r < 1)) throw new RangeError('rng must return a number in [0, 1)');
  const ceiling = retryCeilingMs(attempts, options);
  const jittered = Math.floor(ceiling / 2 + r * (ceiling / 2));
  const delayMs = Math.max(jittered, options.minDelayMs ?? 0);
  return { action: 'retry', atMs: nowMs + delayMs, delayMs, attempt: attempts + 1 };
}
