import { DuplicateKeyError } from '../../../errors';
import type { Clock } from '../../../ports/clock';
import type { Doc, DocumentStore } from '../../../ports/document-store';
import { sleep } from './backoff';
import { refreshAtMs, singleFlight } from './credential-cache';

export const TICKET_COLLECTION = 'wecom_tickets';

export interface TicketDoc extends Doc {
  /** Empty until the first fetch stored one (the document may exist only to hold the lease). */
  ticket: string;
  expiresAtMs: number;
  /** When to fetch a new one; before expiry so a page never signs with a ticket about to lapse. */
  refreshAtMs: number;
  fetchedAtMs: number;
  /** Whoever holds a lease later than now is fetching; 0 = nobody. */
  leaseUntilMs: number;
}

export interface FetchedTicket {
  ticket: string;
  expiresInS: number;
}

export interface TicketCacheDeps {
  store: DocumentStore;
  clock: Clock;
  refreshMarginMs: number;
  /** Longest a fetch may hold the lease (a crashed holder frees it after this). */
  leaseMs?: number;
  /** How often, and how many times, an instance without the lease looks for the holder's ticket. */
  pollMs?: number;
  maxPolls?: number;
}

const inflight = singleFlight();

/**
 * A JS-SDK ticket (jsapi_ticket) shared by every function instance through the store. WeCom allows
 * 400 ticket fetches per corp per hour and 100 per app, so besides the in-process single flight a
 * lease in the store keeps instances that start together from all fetching: one fetches, the others
 * use the ticket it stores (or, while refreshing, the one still valid).
 */
export function storedTicket(deps: TicketCacheDeps, id: string, fetch: () => Promise<FetchedTicket>): () => Promise<string> {
  const tickets = deps.store.collection<TicketDoc>(TICKET_COLLECTION);
  const leaseMs = deps.leaseMs ?? 10_000;
  const pollMs = deps.pollMs ?? 100;
  const maxPolls = deps.maxPolls ?? 50;
  let memo: TicketDoc | null = null;

  const now = () => deps.clock.nowMs();
  const fresh = (doc: TicketDoc | null): doc is TicketDoc => Boolean(doc?.ticket) && now() < (doc as TicketDoc).refreshAtMs;
  const usable = (doc: TicketDoc | null): doc is TicketDoc => Boolean(doc?.ticket) && now() < (doc as TicketDoc).expiresAtMs;

  const claim = async (): Promise<boolean> => {
    const until = now() + leaseMs;
    try {
      await tickets.insert({ _id: id, ticket: '', expiresAtMs: 0, refreshAtMs: 0, fetchedAtMs: 0, leaseUntilMs: until });
      return true;
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
    const won = await tickets.updateOne({ _id: id, leaseUntilMs: { $lte: now() } }, { $set: { leaseUntilMs: until } });
    return won.matched === 1;
  };

  const fetchAndStore = async (): Promise<string> => {
    try {
      const fetched = await fetch();
      const at = now();
      const lifetimeMs = fetched.expiresInS * 1000;
      const doc = { ticket: fetched.ticket, expiresAtMs: at + lifetimeMs, refreshAtMs: refreshAtMs(at, lifetimeMs, deps.refreshMarginMs), fetchedAtMs: at, leaseUntilMs: 0 };
      await tickets.updateOne({ _id: id }, { $set: doc }, { upsert: true });
      memo = { _id: id, ...doc };
      return fetched.ticket;
    } catch (err) {
      // Let the next instance try at once instead of waiting out the lease.
      await tickets.updateOne({ _id: id }, { $set: { leaseUntilMs: 0 } }).catch(() => undefined);
      throw err;
    }
  };

  const obtain = async (stored: TicketDoc | null): Promise<string> => {
    let seen = stored;
    for (let polls = 0; ; polls++) {
      if (await claim()) {
        try {
          return await fetchAndStore();
        } catch (err) {
          // A failed early refresh is not fatal while the old ticket still works.
          if (usable(seen)) return seen.ticket;
          throw err;
        }
      }
      // Another instance is fetching: the ticket still valid serves meanwhile.
      if (usable(seen)) return seen.ticket;
      // Nothing valid: wait for the holder's ticket, but not for ever (a stuck holder must not stop sign-in).
      if (polls >= maxPolls) return fetchAndStore();
      await sleep(pollMs);
      seen = await tickets.get(id);
      if (fresh(seen)) {
        memo = seen;
        return seen.ticket;
      }
    }
  };

  return async () => {
    if (fresh(memo)) return memo.ticket;
    const stored = await tickets.get(id);
    if (fresh(stored)) {
      memo = stored;
      return stored.ticket;
    }
    return inflight(deps.store, id, () => obtain(stored));
  };
}
