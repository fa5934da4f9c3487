/** Exponential backoff with full jitter: uniform in [0, min(cap, base·2^(n-1))). */
export function fullJitterDelay(retry: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Rate limits need a real pause, so the delay never drops below half the exponential step
 * ("equal jitter"): uniform in [step/2, step).
 */
export function rateLimitDelay(retry: number, baseMs: number, capMs: number, random: () => number): number {
  const step = Math.min(capMs, baseMs * 2 ** (retry - 1));
  return Math.floor(step / 2 + random() * (step / 2));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
