import { apiClient, ApiError } from '../shared/api';
import { sessionSlot } from '../shared/session';

/**
 * The member's credential in the pages: the welcome link's token (#t=…), moved into sessionStorage
 * at once and taken out of the address bar, never put back (history, bookmarks, a forwarded URL or
 * a screenshot do not carry it). It lives as long as the tab: a reload keeps the member signed in.
 * A newer link opened in the same tab replaces it.
 */
export const memberSlot = sessionSlot('member-link');

interface Loc {
  hash: string;
  pathname: string;
  search: string;
}
interface Slot {
  get(): string | null;
  set(v: string): void;
}

export function takeLinkToken(loc: Loc, history: { replaceState(data: unknown, unused: string, url: string): void }, slot: Slot): string | null {
  if (loc.hash) {
    const t = new URLSearchParams(loc.hash.replace(/^#/, '')).get('t');
    history.replaceState(null, '', loc.pathname + loc.search);
    if (t) slot.set(t);
  }
  return slot.get();
}

export const api = apiClient(() => memberSlot.get());

/** Why the link does not work, as the page tells it. `expired`: authentic but old — the butler can send a new one. */
export type LinkProblem = 'missing' | 'expired' | 'invalid';

export function linkProblemOf(err: unknown): LinkProblem | null {
  if (!(err instanceof ApiError) || err.status !== 401) return null;
  return err.code === 'token_expired' ? 'expired' : err.code === 'unauthorized' ? 'missing' : 'invalid';
}

/** Moves within the member app without a reload (the shell answers every /m/… path). */
export function go(path: string): void {
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
  scrollTo(0, 0);
}
