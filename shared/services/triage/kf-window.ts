import { KF_MAX_MESSAGES_PER_WINDOW, KF_WINDOW_MS } from '../../domain/reminders/policy';
import type { DocumentStore } from '../../ports/document-store';
import { createStoreKfWindows, recordKfCustomerMessage, type KfSession } from '../reminders/kf-window';

/**
 * Triage's side of the 微信客服 reply window (docs/reference/wecom-protocol.md §3.4: after the customer's last message, 48 h and
 * at most 5 kf/send_msg), kept in the reminder capability's 'kf_sessions' (shared/services/reminders/
 * kf-window.ts): triage restarts the window on every customer message and spends a slot before
 * each kf reply; the reminder dispatcher spends slots the same way.
 */
export interface KfWindowState {
  open: boolean;
  /** Messages still allowed in this window. */
  remaining: number;
  closesAtMs: number;
}

/** Pure: whether a kf reply may go out at `nowMs`. */
export function kfWindowState(session: Pick<KfSession, 'lastCustomerMsgAtMs' | 'sentSinceThen'> | null, nowMs: number): KfWindowState {
  if (!session) return { open: false, remaining: 0, closesAtMs: 0 };
  const closesAtMs = session.lastCustomerMsgAtMs + KF_WINDOW_MS;
  const remaining = nowMs < closesAtMs ? Math.max(0, KF_MAX_MESSAGES_PER_WINDOW - session.sentSinceThen) : 0;
  return { open: remaining > 0, remaining, closesAtMs };
}

/** A concurrent writer (another reply, a reminder, a new customer message) moved the session: read again. */
const RESERVE_ATTEMPTS = 5;

export function createKfWindow(store: DocumentStore) {
  const windows = createStoreKfWindows(store);
  return {
    get: (memberId: string) => windows.get(memberId),

    /** A customer message sent at `atMs` restarts the window (only ever forward: replays change nothing). */
    customerMessage: (s: { memberId: string; openKfId: string; externalUserId: string; atMs: number }) => recordKfCustomerMessage(store, s),

    /** Takes one reply slot if the window is open at `nowMs`; null when it is closed or used up. */
    async reserve(memberId: string, nowMs: number): Promise<KfSession | null> {
      for (let i = 0; i < RESERVE_ATTEMPTS; i++) {
        const session = await windows.get(memberId);
        if (!kfWindowState(session, nowMs).open || !session) return null;
        if (await windows.reserve(session)) return { ...session, sentSinceThen: session.sentSinceThen + 1 };
      }
      return null;
    },

    /** Gives the slot back after a send that surely did not go out (no-op once the customer wrote again). */
    async release(reserved: KfSession): Promise<void> {
      await windows.release(reserved);
    },

    /** WeCom refused the send (95001 used up): spent until the customer writes again. */
    async markExhausted(reserved: KfSession): Promise<void> {
      await windows.close(reserved);
    },
  };
}

export type KfWindow = ReturnType<typeof createKfWindow>;
