import { AppError } from '../errors';

/**
 * The WeCom (企业微信) and WeChat mini-program server APIs the product calls.
 * Adapters: shared/adapters/wecom/api/client.ts (real HTTP); dev/wecom-sandbox serves the same paths locally.
 *
 * Delivery semantics differ per method (see each method): reads and idempotent writes are retried on any
 * transient failure; sends are at-most-once (never retried once the request may have reached WeCom);
 * sendWelcomeMsg is single-use. When a send fails with `outcomeUnknown`, the message may or may not have
 * been delivered — callers must not blindly resend.
 */
export interface WecomApi {
  /**
   * message/send — app message to internal members (staff). At-most-once, unless `dedupeWindowS` is set:
   * then WeCom's own duplicate check (enable_duplicate_check) makes a resend harmless and timeouts are retried.
   */
  sendAppMessage(message: AppMessage): Promise<AppMessageResult>;
  /** externalcontact/send_welcome_msg — single-use code, valid 20 s; retried only if the request surely never left. */
  sendWelcomeMsg(input: WelcomeMessage): Promise<void>;
  /** externalcontact/get — idempotent. */
  getExternalContact(externalUserId: string): Promise<ExternalContact>;
  /** externalcontact/mark_tag — idempotent (adding/removing the same tags twice is harmless). */
  markTag(input: MarkTagInput): Promise<void>;
  /** externalcontact/add_msg_template — creates a mass-send task staff must confirm. At-most-once. */
  addMsgTemplate(input: MsgTemplateInput): Promise<MsgTemplateResult>;
  /** externalcontact/add_contact_way — creates a 「联系我」 config. At-most-once (a retry would create a second one). */
  addContactWay(input: ContactWayInput): Promise<ContactWayResult>;
  /** externalcontact/group_welcome_template/add — at-most-once (the library holds at most 100). */
  addGroupWelcomeTemplate(input: GroupWelcomeTemplateInput): Promise<{ templateId: string }>;
  /** externalcontact/get_corp_tag_list — idempotent. No filter = the whole tag library. */
  getTagList(filter?: { tagIds?: string[]; groupIds?: string[] }): Promise<CorpTagGroup[]>;
  /** externalcontact/add_corp_tag — at-most-once (a duplicate name in a group fails with 40071). */
  addCorpTag(input: AddCorpTagInput): Promise<CorpTagGroup>;
  /**
   * kf/sync_msg — pulls every message after the stored cursor (collection 'wecom_kf_cursors', one doc per
   * open_kfid), looping while has_more. The cursor advances after each page, after `onBatch` resolved, so
   * with `onBatch` delivery is at-least-once; dedupe on `msgid`.
   */
  kfSyncMsg(input: KfSyncInput): Promise<KfMessage[]>;
  /** kf/send_msg — reply in the 48 h / 5-message window after the customer's last message. At-most-once. */
  kfSendMsg(input: KfSendInput): Promise<{ msgid: string }>;
  /** auth/getuserinfo — OAuth code → identity. The code is single-use (5 min); a retry can only fail with 40029. */
  oauthGetUserInfo(code: string): Promise<OauthIdentity>;
  /**
   * The JS-SDK ticket a page signature is made with: 'corp' = get_jsapi_ticket (wx.config /
   * getConfigSignature), 'agent' = ticket/get?type=agent_config (wx.agentConfig / getAgentConfigSignature).
   * Cached in the store until shortly before expires_in: WeCom allows 400 fetches per corp per hour,
   * 100 per app. Never log or send the ticket itself; only signatures leave the server.
   */
  jsapiTicket(kind: JsapiTicketKind): Promise<string>;
  /** WeChat mini-program subscribeMessage.send — consumes one subscription of the user. At-most-once. */
  sendSubscribeMessage(input: SubscribeMessageInput): Promise<void>;
  /** Called whenever a call hits a rate-limit errcode, so a batch caller can slow the whole run. */
  onRateLimit(listener: (event: RateLimitEvent) => void): () => void;
}

export type AppMessage = AppMessageTarget & AppMessageBody & {
  /** Turns on WeCom's duplicate check for this many seconds (≤ 14 400); makes retries after timeouts safe. */
  dedupeWindowS?: number;
  safe?: boolean;
};

/** At least one of touser / toparty / totag. Arrays are joined with `|` as WeCom expects. */
export interface AppMessageTarget {
  touser?: string | string[];
  toparty?: string | string[];
  totag?: string | string[];
}

export type AppMessageBody =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'textcard'; textcard: { title: string; description: string; url: string; btntxt?: string } }
  | { msgtype: 'markdown'; markdown: { content: string } };

export interface AppMessageResult {
  msgid: string;
  /** Recipients WeCom refused (not found / not visible to the app); the others were sent. */
  invalidUsers: string[];
  invalidParties: string[];
  invalidTags: string[];
}

export interface WelcomeMessage {
  welcomeCode: string;
  text?: string;
  attachments?: MessageAttachment[];
}

export type MessageAttachment =
  | { msgtype: 'link'; link: { title: string; url: string; picurl?: string; desc?: string } }
  | { msgtype: 'miniprogram'; miniprogram: { title: string; picMediaId: string; appid: string; page: string } }
  | { msgtype: 'image'; image: { mediaId?: string; picUrl?: string } };

export interface ExternalContact {
  externalUserId: string;
  name: string;
  avatar?: string;
  /** 1 = WeChat user, 2 = WeCom user. */
  type: number;
  gender?: number;
  unionid?: string;
  followUsers: FollowUser[];
}

export interface FollowUser {
  userid: string;
  remark?: string;
  description?: string;
  createdAtMs: number;
  /** The 「联系我」 state the customer came through. */
  state?: string;
  addWay?: number;
  tags: { groupName: string; tagName: string; tagId?: string; type: number }[];
}

export interface MarkTagInput {
  userid: string;
  externalUserId: string;
  addTag?: string[];
  removeTag?: string[];
}

export interface MsgTemplateInput {
  sender: string;
  /** 'group': to every customer group the sender owns (external_userid unused); default 'single'. */
  chatType?: 'single' | 'group';
  externalUserIds: string[];
  text: string;
  attachments?: MessageAttachment[];
}

export interface MsgTemplateResult {
  msgid: string;
  /** Customers WeCom will not send to (not a contact of the sender, …). */
  failList: string[];
}

export interface ContactWayInput {
  /** 1 = single member, 2 = several members. */
  type: 1 | 2;
  /** 1 = mini-program button, 2 = QR code. */
  scene: 1 | 2;
  /** ≤ 30 characters; echoed in the add_external_contact event and in follow_user[].state. */
  state: string;
  user: string[];
  remark?: string;
  skipVerify?: boolean;
}

export interface ContactWayResult {
  configId: string;
  /** Present when scene = 2. */
  qrCode?: string;
}

export interface GroupWelcomeTemplateInput {
  text: string;
  /** Notify members that the template can be applied to their groups. */
  notify?: boolean;
}

export interface CorpTagGroup {
  groupId: string;
  groupName: string;
  createdAtMs: number;
  order: number;
  deleted?: boolean;
  tags: CorpTag[];
}

export interface CorpTag {
  id: string;
  name: string;
  createdAtMs: number;
  order: number;
  deleted?: boolean;
}

/** Either add to an existing group (groupId) or name a group (created when missing). */
export interface AddCorpTagInput {
  groupId?: string;
  groupName?: string;
  order?: number;
  tags: { name: string; order?: number }[];
}

export interface KfSyncInput {
  /** Token from the kf_msg_or_event callback (valid 10 min); without it WeCom rate-limits harder. */
  token?: string;
  openKfId: string;
  /** Page size, 1..1000 (default 1000). */
  limit?: number;
  /** Handles each page before the cursor moves past it. */
  onBatch?: (messages: KfMessage[]) => Promise<void>;
}

export interface KfMessage {
  msgid: string;
  openKfId: string;
  externalUserId?: string;
  sendAtMs: number;
  /** 3 = customer, 4 = system push, 5 = servicer. */
  origin: number;
  msgtype: string;
  text?: { content: string; menuId?: string };
  event?: { eventType: string; welcomeCode?: string; scene?: string; sceneParam?: string } & Record<string, unknown>;
}

export interface KfSendInput {
  touser: string;
  openKfId: string;
  msgtype: 'text';
  text: { content: string };
}

export type JsapiTicketKind = 'corp' | 'agent';

export type OauthIdentity =
  | { kind: 'member'; userid: string; userTicket?: string }
  | { kind: 'non_member'; openid: string; externalUserId?: string };

export interface SubscribeMessageInput {
  /** The user's mini-program openid. */
  touser: string;
  templateId: string;
  page?: string;
  /** Template keyword → value (wrapped as `{ value }` on the wire). */
  data: Record<string, string>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

export interface RateLimitEvent {
  api: string;
  errcode: number | null;
  attempt: number;
  /** How long the client waits before retrying (0 when it gives up). */
  delayMs: number;
  willRetry: boolean;
}

/**
 * Errcodes callers branch on. Sources: 全局错误码 (developer.work.weixin.qq.com/document/path/90313, as
 * transcribed in zsmhub/workweixin apis/api_error.go), docs/reference/wecom-protocol.md §4, kf codes from
 * ooiai/wxkefu-rs src/errors.rs and LangBot issue #1547 (95018), subscribe codes from the mini-program doc
 * (as quoted in Xm-Soft/XmSoft.AspNetCore.WxApi WxApiSendSubscribeResponse.cs).
 */
export const WecomErrcode = {
  systemBusy: -1,
  ok: 0,
  invalidCredential: 40001,
  invalidOpenid: 40003,
  /** WeCom's reading of 40003 for member APIs: "无效的UserID". */
  invalidUserId: 40003,
  invalidCorpId: 40013,
  invalidAccessToken: 40014,
  invalidOauthCode: 40029,
  invalidTemplateId: 40037,
  invalidAgentId: 40056,
  invalidParam: 40058,
  emptyParam: 40063,
  invalidTagId: 40068,
  duplicateTagName: 40071,
  invalidExternalUserId: 40096,
  invalidAppSecret: 40125,
  tagLimitReached: 40126,
  missingAccessToken: 41001,
  missingExternalUserId: 41035,
  noSendableCustomer: 41048,
  missingWelcomeCode: 41049,
  /** Unknown or older than 20 s. */
  welcomeCodeInvalid: 41050,
  /** "externaluser has started chatting": the code was already used (or someone chatted first). Never retry. */
  welcomeCodeUsed: 41051,
  groupWelcomeTemplateLimit: 41055,
  /** "welcome msg is being distributed" by another app; may retry. */
  welcomeMsgDistributing: 41096,
  accessTokenExpired: 42001,
  subscriptionRefused: 43101,
  emptyContent: 44004,
  contentTooLarge: 45002,
  apiFreqOutOfLimit: 45009,
  /** WeChat: "api minute-quota reach limit". */
  apiMinuteQuota: 45011,
  concurrencyLimit: 45033,
  invalidTemplateData: 47003,
  apiForbidden: 48002,
  ipNotAllowed: 60020,
  /** "UserID不存在". */
  userIdNotFound: 60111,
  allRecipientsInvalid: 81013,
  noRecipients: 82001,
  notExternalContact: 84061,
  kfInvalidOpenKfId: 95000,
  /** More than 5 messages since the customer's last message. */
  kfMessageCountLimit: 95001,
  /** More than 48 h since the customer's last message. */
  kfMessageTimeLimit: 95002,
  kfInvalidMsgToken: 95007,
  /** The session is with a human servicer (not API-handled). */
  kfSessionStateInvalid: 95018,
} as const;

export const RATE_LIMIT_ERRCODES: readonly number[] = [
  WecomErrcode.apiFreqOutOfLimit,
  WecomErrcode.apiMinuteQuota,
  WecomErrcode.concurrencyLimit,
];

/** What went wrong: WeCom answered with an errcode, or the exchange itself failed. */
export type WecomFailureKind = 'errcode' | 'timeout' | 'network' | 'connect' | 'http' | 'bad_response';

export interface WecomApiErrorInit {
  api: string;
  kind: WecomFailureKind;
  /** WeCom's errcode; null when no WeCom answer was read. */
  errcode: number | null;
  errmsg: string;
  /** A later retry of the same request may succeed (transient or rate-limited). */
  retryable: boolean;
  /** The request may have been processed although no success was read (timeout after send, 5xx, garbled body). */
  outcomeUnknown: boolean;
  httpStatus?: number;
}

export class WecomApiError extends AppError {
  override readonly name = 'WecomApiError';
  readonly api: string;
  readonly kind: WecomFailureKind;
  readonly errcode: number | null;
  readonly errmsg: string;
  readonly retryable: boolean;
  readonly outcomeUnknown: boolean;
  readonly httpStatus?: number;

  constructor(init: WecomApiErrorInit, options?: { cause?: unknown }) {
    const what = init.errcode === null ? init.kind : `errcode ${init.errcode}`;
    super(
      init.kind === 'errcode' ? 'wecom_api_error' : `wecom_${init.kind}`,
      `WeCom ${init.api} failed: ${what} ${init.errmsg.slice(0, 200)}`.trim(),
      statusFor(init),
      { api: init.api, errcode: init.errcode, kind: init.kind },
      options,
    );
    this.api = init.api;
    this.kind = init.kind;
    this.errcode = init.errcode;
    this.errmsg = init.errmsg;
    this.retryable = init.retryable;
    this.outcomeUnknown = init.outcomeUnknown;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
  }
}

function statusFor(init: WecomApiErrorInit): number {
  if (init.errcode !== null && RATE_LIMIT_ERRCODES.includes(init.errcode)) return 503;
  return init.kind === 'timeout' ? 504 : 502;
}

export const isWecomApiError = (e: unknown): e is WecomApiError => e instanceof WecomApiError;
