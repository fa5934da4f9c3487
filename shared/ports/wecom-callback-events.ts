import type { FieldIssue } from '../errors';

/**
 * The decrypted WeCom callbacks the services act on, as the callback adapter hands them over
 * (shared/adapters/wecom/callback/events.ts parses the XML into these shapes; the compiler checks the
 * two agree). Field names are camelCase; instants are epoch seconds as WeCom sends them.
 */

export const EXTERNAL_CONTACT_CHANGE_TYPES = [
  'add_external_contact',
  'add_half_external_contact',
  'edit_external_contact',
  'del_external_contact',
  'del_follow_user',
  'transfer_fail',
  'msg_audit_approved',
] as const;
export const EXTERNAL_CHAT_CHANGE_TYPES = ['create', 'update', 'dismiss'] as const;
export const EXTERNAL_CHAT_UPDATE_DETAILS = ['add_member', 'del_member', 'change_owner', 'change_name', 'change_notice'] as const;

/** Every element of a decrypted callback as received. */
export type CallbackFields = { [key: string]: CallbackFieldValue };
export type CallbackFieldValue = string | CallbackFields | CallbackFieldValue[];

interface Common {
  toUserName: string;
  createTimeS: number;
}

export interface ExternalContactEvent extends Common {
  kind: 'change_external_contact';
  changeType: (typeof EXTERNAL_CONTACT_CHANGE_TYPES)[number];
  /** Staff member. */
  userId: string;
  /** Customer (`wm…` / `wo…`). */
  externalUserId: string;
  /** 「联系我」 state or 获客链接 customer_channel: identifies the channel. */
  state?: string;
  /** Valid 20 s, usable once (send_welcome_msg). */
  welcomeCode?: string;
  source?: string;
  failReason?: string;
}

export interface ExternalChatEvent extends Common {
  kind: 'change_external_chat';
  changeType: (typeof EXTERNAL_CHAT_CHANGE_TYPES)[number];
  chatId: string;
  updateDetail?: (typeof EXTERNAL_CHAT_UPDATE_DETAILS)[number];
  /** 0 invited (direct or link), 3 scanned the group QR code. */
  joinScene?: number;
  /** 0 left by themselves, 1 removed by owner/admin. */
  quitScene?: number;
  /** Members changed by this event (there is no total count in the event). */
  memChangeCnt?: number;
  memChangeList?: string[];
  lastMemVer?: string;
  curMemVer?: string;
}

export interface KfMsgOrEvent extends Common {
  kind: 'kf_msg_or_event';
  /** sync_msg token, valid 10 minutes: a credential, never log it. */
  token: string;
  openKfId: string;
}

export interface AppTextMessage extends Common {
  kind: 'text';
  /** Internal member UserID (apps never receive customers' private chats). */
  fromUserName: string;
  content: string;
  /** 64-bit: kept as a string. */
  msgId: string;
  agentId: number;
}

/** Anything else, or a known event that did not fit its schema: still stored, never rejected. */
export interface UnknownEvent {
  kind: 'unknown';
  msgType?: string;
  event?: string;
  changeType?: string;
  fields: CallbackFields;
  /** Set when a known event type failed its schema. */
  issues?: FieldIssue[];
}

export type ParsedEvent = ExternalContactEvent | ExternalChatEvent | KfMsgOrEvent | AppTextMessage | UnknownEvent;
export type ParsedEventKind = ParsedEvent['kind'];
