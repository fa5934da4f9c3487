import { KF_MAX_MESSAGES_PER_WINDOW } from '../../domain/reminders/policy';
import { DuplicateKeyError } from '../../errors';
import type { Doc, DocumentStore } from '../../ports/document-store';

export const KF_SESSIONS = 'kf_sessions';

/**
 * The 微信客服 reply window of one member (docs/reference/wecom-protocol.md §3.4: 48 h after the customer's last message, at most
 * 5 messages). Triage writes `lastCustomerMsgAtMs` when the member writes to the kf account
 * (recordKfCustomerMessage); the reminder dispatcher counts its own sends in `sentSinceThen`.
 */
export interface KfSession extends Doc {
  /** The member id. */
  _id: string;
  openKfId: string;
  /** The customer's external_userid as kf/sync_msg reports it. */
  externalUserId: string;
  lastCustomerMsgAtMs: number;
  sentSinceThen: number;
  updatedAtMs: number;
}

/** Where the dispatcher learns and spends the kf window. */
export interface KfWindowSource {
  get(memberId: string): Promise<KfSession | null>;
  /**
   * Takes one of the window's messages before sending, by compare-and-set on the state read, so two
   * dispatchers never spend the 5th message twice. False when the window moved or is used up.
   */
  reserve(session: KfSession): Promise<boolean>;
  /** Gives a reserved message back after a send that surely did not go out. */
  release(session: KfSession): Promise<void>;
  /** WeCom refused (95001/95002/95018): treat the window as spent until the member writes again. */
  close(session: KfSession): Promise<void>;
}

export function createStoreKfWindows(store: DocumentStore): KfWindowSource {
  const sessions = store.collection<KfSession>(KF_SESSIONS);
  const sameWindow = (s: KfSession) => ({ lastCustomerMsgAtMs: s.lastCustomerMsgAtMs, _id: s._id });
  return {
    get: (memberId) => sessions.get(memberId),
    async reserve(s) {
      if (s.sentSinceThen >= KF_MAX_MESSAGES_PER_WINDOW) return false;
      const r = await sessions.updateOne({ sentSinceThen: s.sentSinceThen, ...sameWindow(s) }, { $inc: { sentSinceThen: 1 } });
      return r.matched === 1;
    },
    async release(s) {
      await sessions.updateOne({ sentSinceThen: { $gt: 0 }, ...sameWindow(s) }, { $inc: { sentSinceThen: -1 } });
    },
    async close(s) {
      await sessions.updateOne(sameWindow(s), { $set: { sentSinceThen: KF_MAX_MESSAGES_PER_WINDOW } });
    },
  };
}

/**
 * Triage's call when a member writes to a kf account: opens a fresh window. Only moves forward, so a
 * replayed older message never reopens a window the dispatcher already spent.
 */
export async function recordKfCustomerMessage(
  store: DocumentStore,
  input: { memberId: string; openKfId: string; externalUserId: string; atMs: number },
): Promise<void> {
  const sessions = store.collection<KfSession>(KF_SESSIONS);
  const fresh = { openKfId: input.openKfId, externalUserId: input.externalUserId, lastCustomerMsgAtMs: input.atMs, sentSinceThen: 0, updatedAtMs: input.atMs };
  const moved = await sessions.updateOne({ lastCustomerMsgAtMs: { $lt: input.atMs }, _id: input.memberId }, { $set: fresh });
  if (moved.matched) return;
  try {
    await sessions.insert({ _id: input.memberId, ...fresh });
  } catch (err) {
    // Present and at least as recent: nothing to do.
    if (!(err instanceof DuplicateKeyError)) throw err;
  }
}
