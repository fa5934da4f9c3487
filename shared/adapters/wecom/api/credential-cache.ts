import type { DocumentStore } from '../../../ports/document-store';

/*
 * What the access-token cache (token-cache.ts) and the JS-SDK ticket cache (ticket-cache.ts) share.
 * How they fetch differs (the ticket takes a lease in the store, the token does not), so only these
 * two pieces are common.
 */

/**
 * When to fetch a credential again: `marginMs` before it expires, but never before half its lifetime.
 * WeCom answers a repeated fetch with the same credential and its remaining lifetime; refreshing at
 * "margin before expiry" alone would then refetch on every call once that lifetime is under the margin.
 */
export const refreshAtMs = (nowMs: number, lifetimeMs: number, marginMs: number): number => nowMs + Math.max(lifetimeMs - marginMs, lifetimeMs / 2);

/**
 * In-process single flight, per store and id, so concurrent calls in one instance fetch once. Each
 * cache makes its own, so a token and a ticket never share a flight.
 */
export function singleFlight(): (store: DocumentStore, id: string, start: () => Promise<string>) => Promise<string> {
  const inflightByStore = new WeakMap<DocumentStore, Map<string, Promise<string>>>();
  return (store, id, start) => {
    let flights = inflightByStore.get(store);
    if (!flights) inflightByStore.set(store, (flights = new Map()));
    const inflight = flights;
    let flight = inflight.get(id);
    if (!flight) {
      flight = start().finally(() => inflight.delete(id));
      inflight.set(id, flight);
    }
    return flight;
  };
}
