import { createHash } from 'node:crypto';
import type { Clock } from '../../../ports/clock';
import type { Doc, DocumentStore } from '../../../ports/document-store';
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

/** In-process single flight, per store, so concurrent calls in one instance fetch a token once. */
const inflightByStore = new WeakMap<DocumentStore, Map<string, Promise<string>>>();

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
  let inflight = inflightByStore.get(deps.store);
  if (!inflight) inflightByStore.set(deps.store, (inflight = new Map()));
  const flights = inflight;
  // The store is the source of truth shared by instances; this copy spares a read on every API call.
  let memo: TokenDoc | null = null;

  const refresh = async (stale: TokenDoc | null): Promise<string> => {
    try {
      const fetched = await fetch();
      const nowMs = deps.clock.nowMs();
      const lifetimeMs = fetched.expiresInS * 1000;
      // WeCom answers a repeated gettoken with the same token and its remaining lifetime; refreshing at
      // "margin before expiry" would then refetch on every call, so never refresh earlier than half-life.
      const refreshAtMs = nowMs + Math.max(lifetimeMs - deps.refreshMarginMs, lifetimeMs / 2);
      const doc = { accessToken: fetched.accessToken, expiresAtMs: nowMs + lifetimeMs, refreshAtMs, fetchedAtMs: nowMs };
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
      let flight = flights.get(id);
      if (!flight) {
        flight = refresh(cached).finally(() => flights.delete(id));
        flights.set(id, flight);
      }
      return flight;
    },
    async invalidate(token) {
      // Only the refused token: another instance may already have stored a fresh one.
      if (memo?.accessToken === token) memo = null;
      await tokens.deleteOne({ _id: id, accessToken: token });
    },
  };
}
