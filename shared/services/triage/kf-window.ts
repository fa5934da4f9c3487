import { DuplicateKeyError } from '../../errors';
import { KF_MAX_MESSAGES_PER_WINDOW, KF_WINDOW_MS } from '../../domain/reminders/policy';
import type { Doc, DocumentStore } from '../../ports/document-store';

/**
 * The 微信客服 reply window per customer (ref §3.4: after the customer's last message, 48 h and at
 * most 5 kf/send_msg). Shared with the reminder capability, which may only push through kf while
 * the window is open. Shape agreed for shared/services/reminders/kf-window.ts; defined here because
 * that file did not exist when triage needed it.
 *
 * Writers: triage on every customer message (window restarts, count back to 0) and before every kf
 * reply (count + 1, by compare-and-set so two senders cannot both take the last slot).
 */
export const KF_SESSIONS = 'kf_sessions';

export interface KfSession extends Doc {
  /** Member id (for customers who are not members yet: the id they will get, memberIdForExternalUser). */
  _id: string;
  openKfId: string;
  externalUserId: string;
  lastCustomerMsgAtMs: number;
  /** kf/send_msg calls since lastCustomerMsgAtMs. */
  sentSinceThen: number;
}

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
  const remaining = Math.max(0, KF_MAX_MESSAGES_PER_WINDOW - session.sentSinceThen);
  return { open: nowMs < closesAtMs && remaining > 0, remaining: nowMs < closesAtMs ? remaining : 0, closesAtMs };
}

export function createKfWindow(store: DocumentStore) {
  const sessions = store.collection<KfSession>(KF_SESSIONS);
  return {
    get: (memberId: string) => sessions.get(memberId),

    /**
     * A customer message sent at `atMs` restarts the window. Idempotent and order-safe: a replay or
     * an older message processed late changes nothing (only a strictly newer message resets).
     */
    async customerMessage(s: { memberId: string; openKfId: string; externalUserId: string; atMs: number }): Promise<void> {
      const fields = { openKfId: s.openKfId, externalUserId: s.externalUserId, lastCustomerMsgAtMs: s.atMs, sentSinceThen: 0 };
      const res = await sessions.updateOne({ _id: s.memberId, lastCustomerMsgAtMs: { $lt: s.atMs } }, { $set: fields });
      if (res.matched === 1) return;
      try {
        await sessions.insert({ _id: s.memberId, ...fields });
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
      }
    },

    /** Takes one reply slot if the window is open at `nowMs`; null when it is closed or used up. */
    async reserve(memberId: string, nowMs: number): Promise<KfSession | null> {
      const res = await sessions.updateOne(
        { _id: memberId, sentSinceThen: { $lt: KF_MAX_MESSAGES_PER_WINDOW }, lastCustomerMsgAtMs: { $gt: nowMs - KF_WINDOW_MS } },
        { $inc: { sentSinceThen: 1 } },
      );
      return res.matched === 1 ? sessions.get(memberId) : null;
    },

    /** Gives a slot back after a send that surely did not go out. */
    async release(memberId: string): Promise<void> {
      await sessions.updateOne({ _id: memberId, sentSinceThen: { $gt: 0 } }, { $inc: { sentSinceThen: -1 } });
    },

    /** WeCom said the window is used up (95001): trust it over our count. */
    async markExhausted(memberId: string): Promise<void> {
      await sessions.updateOne({ _id: memberId }, { $set: { sentSinceThen: KF_MAX_MESSAGES_PER_WINDOW } });
    },
  };
}

export type KfWindow = ReturnType<typeof createKfWindow>;
