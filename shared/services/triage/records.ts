import { createHash } from 'node:crypto';
import type { EncryptedField, FieldCipher } from '../../ports/field-cipher';
import type { Disposition, Intent, RedFlag } from '../../domain/triage';
import type { FourRRole } from '../../domain/team/roles';
import type { Doc, DocumentStore } from '../../ports/document-store';
import type { Channel, TicketStatus } from './schemas';

/**
 * What triage keeps (docs/prd.md §3.3 "完整留存服务记录"): tickets, every customer message (text encrypted,
 * aad = member id), and an append-only event list per ticket. Event and message ids are derived
 * from the message key, so a replayed step writes nothing twice.
 */
export const TICKETS = 'triage_tickets';
/** `_id` = `${memberId}:${role}` → the one ticket of that member and role not yet closed. */
export const OPEN_TICKETS = 'triage_open_tickets';
/** `_id` = msgKey: the dedup record inserted before acting, and the ticket's message history. */
export const MESSAGES = 'triage_messages';
export const EVENTS = 'triage_events';
/** `_id` = `${ticketId}:${key}`: a staff member's answer to the customer, one per idempotency key. */
export const REPLIES = 'triage_replies';
/**
 * `_id` = `${ticketId}:${staffId}`: an on-call doctor alerted about an emergency they are not the
 * assignee of (the on-call card when it opened, or an SLA escalation). Puts the ticket in their
 * queue and lets them act on it (on-call-alerts.ts).
 */
export const ON_CALL_ALERTS = 'triage_on_call_alerts';

export interface Ticket extends Doc {
  /** `t_` + 22 base64url characters, derived from the message that opened it. */
  _id: string;
  memberId: string;
  /** False when the customer is not (or no longer) an active member: the id is the one they would get. */
  memberKnown: boolean;
  /** The 4R role the ticket is routed to; only that role's team member may read it. */
  role: FourRRole;
  /** The member's team member of `role` (for emergencies without a family doctor: the first on call). */
  assignee: string | null;
  status: TicketStatus;
  emergency: boolean;
  /** Opened by an urgent message: a doctor today, on the 30-minute clock (absent on tickets from before). */
  urgent?: boolean;
  redFlags: RedFlag[];
  intent: Intent;
  channel: Channel;
  createdAtMs: number;
  updatedAtMs: number;
  lastMessageAtMs: number;
  /** When the SLA clock started: creation, or the moment a routine ticket turned into an emergency. */
  slaStartAtMs: number;
  slaDueAtMs: number;
  /** Emergency acknowledgement window per on-call step (configurable; the cron escalates with it). */
  emergencyAckMinutes: number;
  /** Emergencies: on-call family doctors in escalation order (onCallList[0] is told at once). */
  onCallList: string[];
  /**
   * Who of `onCallList` was actually alerted is kept in ON_CALL_ALERTS (set on tickets opened or
   * turned into an emergency since that record exists). Absent on older tickets: every doctor on
   * their list counts as alerted, as before.
   */
  onCallAlertsKept?: true;
  /** The message that turned this routine ticket into an emergency. */
  upgradedBy?: string;
  acknowledgedAtMs?: number;
  acknowledgedBy?: string;
  closedAtMs?: number;
  closedBy?: string;
  resolution?: string;
}

export interface OpenTicketPointer extends Doc {
  _id: string;
  ticketId: string;
}

export type ReplyState = 'sending' | 'sent' | 'skipped' | 'failed' | 'unknown' | 'none';

export interface StoredClassification {
  intent: Intent;
  role: FourRRole;
  /** emergency / urgent / routine (docs/reference/clinical-triage.md §2); absent on records from before. */
  disposition?: Disposition;
  emergency: boolean;
  redFlags: RedFlag[];
  /** Urgent only: the kinds whose danger signs mean 120. */
  watchFor?: RedFlag[];
  confidence: number;
  /** Who decided: the local classifier, or the model's second opinion raising or re-routing it. */
  by: 'local' | 'llm';
  /** What the optional model step did: not asked, answered, timed out, failed. */
  llm: 'off' | 'skipped' | 'used' | 'unchanged' | 'timeout' | 'error';
}

export interface TriageMessage extends Doc {
  /** msgKey: `kf:<msgid>`, `mp:<id>`, `app:<MsgId>`. */
  _id: string;
  channel: Channel;
  memberId: string;
  memberKnown: boolean;
  /** `{ text }` encrypted with aad = memberId (field path `text`). */
  text: EncryptedField;
  atMs: number;
  receivedAtMs: number;
  /** Channel identifiers (no content): where a reply goes and who forwarded. */
  openKfId?: string;
  externalUserId?: string;
  staffId?: string;
  classification?: StoredClassification;
  ticketId?: string;
  /** This message opened the ticket / turned it into an emergency. */
  opened?: boolean;
  upgraded?: boolean;
  /** The ticket was already acknowledged when this message arrived (its handler is told). */
  appendedToAcknowledged?: boolean;
  reply?: ReplyState;
  /** What we answered automatically (`{ replyText }` encrypted like `text`), once it went out. */
  replyText?: EncryptedField;
  repliedAtMs?: number;
  notified?: boolean;
  status: 'processing' | 'done' | 'failed';
  attempts: number;
  leaseUntilMs: number;
  lastError?: string;
}

/**
 * A staff member's answer from the workbench. `sending` is written before kf/send_msg, so a retry
 * with the same key never sends twice: `failed` (surely not sent) and `closed` (no window) may be
 * tried again, `sending` and `unknown` (may have gone out) may not.
 */
export interface StaffReply extends Doc {
  _id: string;
  ticketId: string;
  memberId: string;
  staffId: string;
  key: string;
  /** `{ text }` encrypted with aad = memberId, like the member's messages. */
  text: EncryptedField;
  channel: 'kf';
  /** `held`: the outbound review stopped it for a reviewer (services/review); `rejected`: the reviewer kept it from the member. */
  status: 'sending' | 'sent' | 'failed' | 'closed' | 'unknown' | 'held' | 'rejected';
  /** Set when the outbound review held it: the review's id. */
  reviewId?: string;
  createdAtMs: number;
  updatedAtMs: number;
  sentAtMs?: number;
  msgid?: string;
  errcode?: number | null;
}

export const TICKET_EVENT_TYPES = [
  'opened',
  'message_appended',
  'classified',
  'upgraded_to_emergency',
  'customer_replied',
  'staff_replied',
  'reply_held',
  'reply_released',
  'reply_rejected',
  'reply_skipped',
  'reply_failed',
  'staff_notified',
  'notify_failed',
  'unassigned',
  'acknowledged',
  'closed',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

export type EventMeta = Record<string, string | number | boolean | null | string[]>;

export interface TicketEvent extends Doc {
  _id: string;
  ticketId: string;
  memberId: string;
  atMs: number;
  /** Tie-breaker for events of the same millisecond (per instance). */
  seq: number;
  type: TicketEventType;
  actor: { kind: 'system' | 'staff' | 'member'; id: string };
  /** Identifiers, codes and counts only: never message text. */
  meta?: EventMeta;
}

const hash22 = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 22);

/** The ticket a message would open: a replay of the same message finds the same ticket. */
export const ticketIdFor = (msgKey: string): string => `t_${hash22(msgKey)}`;

export const openKeyOf = (memberId: string, role: FourRRole): string => `${memberId}:${role}`;

/** Indexes triage relies on; idempotent, called once per store. */
export async function ensureTriageIndexes(store: DocumentStore): Promise<void> {
  await Promise.all([
    store.collection(TICKETS).ensureIndex({ fields: ['assignee'] }),
    store.collection(TICKETS).ensureIndex({ fields: ['memberId'] }),
    store.collection(TICKETS).ensureIndex({ fields: ['status', 'slaDueAtMs'] }),
    store.collection(MESSAGES).ensureIndex({ fields: ['ticketId'] }),
    store.collection(MESSAGES).ensureIndex({ fields: ['status'] }),
    store.collection(EVENTS).ensureIndex({ fields: ['ticketId'] }),
    store.collection(REPLIES).ensureIndex({ fields: ['ticketId'] }),
    store.collection(REPLIES).ensureIndex({ fields: ['memberId'] }),
    store.collection(ON_CALL_ALERTS).ensureIndex({ fields: ['staffId', 'atMs'] }),
    store.collection(ON_CALL_ALERTS).ensureIndex({ fields: ['ticketId'] }),
    store.collection(ON_CALL_ALERTS).ensureIndex({ fields: ['memberId'] }),
  ]);
}

/** The `text` of a customer message or a staff reply, decrypted (aad = the member id). */
export const openText = (cipher: FieldCipher, rec: { text: EncryptedField; memberId: string }): string =>
  (cipher.decryptFields({ text: rec.text }, ['text'], rec.memberId) as unknown as { text: string }).text;
