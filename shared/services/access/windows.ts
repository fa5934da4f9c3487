import { createHash } from 'node:crypto';
import { AppError } from '../../errors';
import type { Clock } from '../../ports/clock';
import type { Doc, DocumentStore } from '../../ports/document-store';

export const RATE_LIMIT_COLLECTION = 'rate_limits';

interface Window extends Doc {
  count: number;
  expireAt: Date;
}

export class RateLimitedError extends AppError {
  override readonly name = 'RateLimitedError';
  constructor(readonly retryAfterS: number) {
    super('rate_limited', `too many requests; retry after ${retryAfterS} s`, 429, { retryAfterS });
  }
}

export interface WindowCount {
  /** Events counted for the key in the current window, this one included. */
  count: number;
  /** Seconds until the window closes. */
  closesInS: number;
}

/** Counts one event for `key` in the current fixed window of `windowS`. */
export type CountInWindow = (name: string, key: string, windowS: number) => Promise<WindowCount>;

const indexed = new WeakMap<DocumentStore, Promise<void>>();

/**
 * Fixed-window counters kept in the store, so every function instance counts together (per-instance
 * memory would let a caller multiply an allowance by the instance count). Windows expire by TTL.
 * The key is hashed into the id: no address, member id or token is stored in the clear.
 */
export function windowCounter(deps: { store: DocumentStore; clock: Clock }): CountInWindow {
  const windows = deps.store.collection<Window>(RATE_LIMIT_COLLECTION);
  return async (name, key, windowS) => {
    let ready = indexed.get(deps.store);
    if (!ready) {
      ready = windows.ensureIndex({ fields: ['expireAt'], expireAfterSeconds: 0 });
      ready.catch(() => indexed.delete(deps.store)); // retried by the next event instead of failing all from now on
      indexed.set(deps.store, ready);
    }
    await ready;
    const nowMs = deps.clock.nowMs();
    const windowStart = Math.floor(nowMs / (windowS * 1000)) * windowS * 1000;
    const id = `${name}:${windowStart}:${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`;
    await windows.updateOne({ _id: id }, { $inc: { count: 1 }, $setOnInsert: { expireAt: new Date(windowStart + windowS * 2000) } }, { upsert: true });
    const count = (await windows.get(id))?.count ?? 1;
    return { count, closesInS: Math.max(1, Math.ceil((windowStart + windowS * 1000 - nowMs) / 1000)) };
  };
}
