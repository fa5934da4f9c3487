import { createHash } from 'node:crypto';
import type { Clock } from '../../../ports/clock';
import type { Doc, DocumentStore } from '../../../ports/document-store';
import { refreshAtMs, singleFlight } from './credential-cache';
import type { TokenSource } from './transport';

export const TOKEN_COLLECTION = 'wecom_tokens';

export interface TokenDoc extends Doc {
  accessToken: string;
  expiresAtMs: number;
  /** When to fetch a new one; before expiry so no call races the deadline. */
  refreshAtMs: number;
  fetchedAtMs: number;
}

export interface FetchedToken {
  accessToken: string;
  expiresInS: number;
}

/**
 * The document id for a (corp or appid, secret) pair. Hashing keeps the secret out of the store while
 * still giving every app its own token (WeCom tokens are per app: "缓存时需要区分应用").
 */
export const tokenDocId = (owner: string, secret: string): string =>
  createHash('sha256').update(`${owner}:${secret}`).digest('hex');

const inflight = singleFlight();

export interface TokenCacheDeps {
  store: DocumentStore;
  clock: Clock;
  refreshMarginMs: number;
}

/**
 * A token source backed by the shared store, so every function instance uses the same token.
 * `fetch` calls gettoken (never logged: its URL holds the secret).
 */
export function storedTokenSource(deps: TokenCacheDeps, id: string, fetch: () => Promise<FetchedToken>): TokenSource {
  const tokens = deps.store.collection<TokenDoc>(TOKEN_COLLECTION);
  // The store is the source of truth shared by instances; this copy spares a read on every API call.
  let memo: TokenDoc | null = null;

  const refresh = async (stale: TokenDoc | null): Promise<string> => {
    try {
      const fetched = await fetch();
      const nowMs = deps.clock.nowMs();
      const lifetimeMs = fetched.expiresInS * 1000;
      const doc = { accessToken: fetched.accessToken, expiresAtMs: nowMs + lifetimeMs, refreshAtMs: refreshAtMs(nowMs, lifetimeMs, deps.refreshMarginMs), fetchedAtMs: nowMs };
      await tokens.updateOne({ _id: id }, { $set: doc }, { upsert: true });
      memo = { _id: id, ...doc };
      return fetched.accessToken;
    } catch (error) {
      // A failed early refresh is not fatal while the old token still works.
      if (stale && deps.clock.nowMs() < stale.expiresAtMs) return stale.accessToken;
      throw error;
    }
  };

  return {
    async get() {
      if (memo && deps.clock.nowMs() < memo.refreshAtMs) return memo.accessToken;
      const cached = await tokens.get(id);
      if (cached && deps.clock.nowMs() < cached.refreshAtMs) {
        memo = cached;
        return cached.accessToken;
      }
      return inflight(deps.store, id, () => refresh(cached));
    },
    async invalidate(token) {
      // Only the refused token: another instance may already have stored a fresh one.
      if (memo?.accessToken === token) memo = null;
      await tokens.deleteOne({ _id: id, accessToken: token });
    },
  };
}
