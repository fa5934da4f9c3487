/**
 * Staff sign-in (notes/workbench-contract.md W1): WeCom web OAuth, silent inside WeCom.
 * - No session: ask the API for the authorize URL for this page (without code/state), keep its
 *   `state` in sessionStorage, and leave for WeCom.
 * - Back with ?code&state: the state must be the one kept (else the code is not ours to exchange),
 *   then POST /api/auth/staff-session; the token is kept in sessionStorage only and the code and
 *   state are taken out of the address bar.
 * An expired session, or any 401, starts over. A WeCom member who is not on the roster gets 403
 * `not_staff`, which the page shows as such.
 */
import { apiClient, ApiError } from '../shared/api';
import { sessionSlot } from '../shared/session';
import type { StaffSession } from './api-types';

const sessionStore = sessionSlot('staff.session');
const stateStore = sessionSlot('staff.oauthState');
/** Sign-in round trips since the last success: a loop (a code refused again and again) stops at 3. */
const attempts = sessionSlot('staff.signInAttempts');
const MAX_ATTEMPTS = 3;

export class NotStaffError extends Error {}
export class SignInLoopError extends Error {}

export function currentSession(nowMs = Date.now()): StaffSession | null {
  const raw = sessionStore.get();
  if (!raw) return null;
  try {
    const s = JSON.parse(raw) as StaffSession;
    if (typeof s.token === 'string' && s.expiresAtMs > nowMs + 30_000) return s;
  } catch {
    // A damaged slot is no session.
  }
  sessionStore.clear();
  return null;
}

export const bearer = (): string | null => currentSession()?.token ?? null;

/** This page's address without the OAuth answer in it. */
export function pageUrlWithoutCode(href = location.href): string {
  const url = new URL(href);
  url.searchParams.delete('code');
  url.searchParams.delete('state');
  url.hash = '';
  return url.toString();
}

/** Leaves for the WeCom authorize page; the returned promise never settles (the page unloads). */
export async function startSignIn(): Promise<never> {
  const n = Number(attempts.get() ?? '0') + 1;
  if (n > MAX_ATTEMPTS) {
    attempts.clear();
    throw new SignInLoopError('sign-in did not complete after several attempts');
  }
  attempts.set(String(n));
  sessionStore.clear();
  const api = apiClient(() => null);
  const { authorizeUrl, state } = await api.get<{ authorizeUrl: string; state: string }>(`/api/auth/staff-login?redirect=${encodeURIComponent(pageUrlWithoutCode())}`);
  stateStore.set(state);
  location.replace(authorizeUrl);
  return new Promise<never>(() => undefined);
}

/**
 * The session for this page: the kept one, or one made from the OAuth answer in the URL, or none
 * yet (the browser is on its way to sign in).
 */
export async function ensureSession(): Promise<StaffSession> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const state = params.get('state');
  if (code !== null) {
    const expected = stateStore.get();
    stateStore.clear();
    history.replaceState(history.state, '', pageUrlWithoutCode());
    // A code we did not ask for (no kept state, or another one) is not exchanged.
    if (!expected || state !== expected) return startSignIn();
    try {
      const api = apiClient(() => null);
      const s = await api.post<{ token: string; role: string; staffId: string; name?: string | null; expiresInS: number }>('/api/auth/staff-session', { code });
      const session: StaffSession = { token: s.token, role: s.role, staffId: s.staffId, name: s.name ?? null, expiresAtMs: Date.now() + s.expiresInS * 1000 };
      sessionStore.set(JSON.stringify(session));
      attempts.clear();
      return session;
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) {
        attempts.clear();
        throw new NotStaffError(err.message);
      }
      // An expired or reused code (400 invalid_oauth_code): ask WeCom for a fresh one.
      if (err instanceof ApiError && err.status === 400) return startSignIn();
      throw err;
    }
  }
  return currentSession() ?? startSignIn();
}

export function signOutLocally(): void {
  sessionStore.clear();
}
