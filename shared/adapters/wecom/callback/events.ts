import * as z from 'zod';
import { zodIssues } from '../../../validation';
import { textOf, type XmlRecord } from './xml';
import {
  EXTERNAL_CHAT_CHANGE_TYPES,
  EXTERNAL_CHAT_UPDATE_DETAILS,
  EXTERNAL_CONTACT_CHANGE_TYPES,
  type AppTextMessage,
  type ExternalChatEvent,
  type ExternalContactEvent,
  type KfMsgOrEvent,
  type ParsedEvent,
  type ParsedEventKind,
  type UnknownEvent,
} from '../../../ports/wecom-callback-events';

/** The shapes are the port's (the services import them from there); re-exported for the adapter's own users. */
export * from '../../../ports/wecom-callback-events';

/**
 * Schemas for the decrypted callbacks we act on. Input is the XML record (PascalCase, all strings) tagged
 * with `kind`; output is camelCase. Anything else, or a known event that does not fit its schema, becomes
 * the `unknown` variant: it is still stored, never rejected (WeCom would only retry the same payload).
 */

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
/** Absent and empty elements both mean "not given". */
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const required = z.string().min(1);
const smallInt = z
  .string()
  .regex(/^\d{1,9}$/, 'must be a non-negative integer')
  .transform(Number);
const epochS = z
  .string()
  .regex(/^\d{1,12}$/, 'must be epoch seconds')
  .transform(Number);
/** `<MemChangeList><Item>a</Item>…</MemChangeList>` or, in some payloads, comma-joined CDATA. */
const memberList = z
  .union([z.string(), z.object({ Item: z.array(z.string()) })])
  .transform((v) => (typeof v === 'string' ? v.split(',') : v.Item).map((s) => s.trim()).filter((s) => s !== ''));

const common = { ToUserName: z.string(), CreateTime: epochS };

/** Drops undefined properties so stored documents carry no `undefined` keys. */
function defined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

export const ExternalContactEventSchema = z
  .object({
    kind: z.literal('change_external_contact'),
    ...common,
    ChangeType: z.enum(EXTERNAL_CONTACT_CHANGE_TYPES),
    UserID: required,
    ExternalUserID: required,
    State: opt(z.string()),
    WelcomeCode: opt(z.string()),
    Source: opt(z.string()),
    FailReason: opt(z.string()),
  })
  .transform((r) =>
    defined({
      kind: r.kind,
      changeType: r.ChangeType,
      /** Staff member. */
      userId: r.UserID,
      /** Customer (`wm…` / `wo…`). */
      externalUserId: r.ExternalUserID,
      /** 「联系我」 state or 获客链接 customer_channel: identifies the channel. */
      state: r.State,
      /** Valid 20 s, usable once (send_welcome_msg). */
      welcomeCode: r.WelcomeCode,
      source: r.Source,
      failReason: r.FailReason,
      toUserName: r.ToUserName,
      createTimeS: r.CreateTime,
    }),
  );

export const ExternalChatEventSchema = z
  .object({
    kind: z.literal('change_external_chat'),
    ...common,
    ChatId: required,
    ChangeType: z.enum(EXTERNAL_CHAT_CHANGE_TYPES),
    UpdateDetail: opt(z.enum(EXTERNAL_CHAT_UPDATE_DETAILS)),
    /** 0 invited (direct or link), 3 scanned the group QR code. */
    JoinScene: opt(smallInt),
    /** 0 left by themselves, 1 removed by owner/admin. */
    QuitScene: opt(smallInt),
    /** Members changed by this event (there is no total count in the event). */
    MemChangeCnt: opt(smallInt),
    MemChangeList: opt(memberList),
    LastMemVer: opt(z.string()),
    CurMemVer: opt(z.string()),
  })
  .refine((r) => r.ChangeType !== 'update' || r.UpdateDetail !== undefined, {
    message: 'UpdateDetail is required when ChangeType is update',
    path: ['UpdateDetail'],
  })
  .transform((r) =>
    defined({
      kind: r.kind,
      changeType: r.ChangeType,
      chatId: r.ChatId,
      updateDetail: r.UpdateDetail,
      joinScene: r.JoinScene,
      quitScene: r.QuitScene,
      memChangeCnt: r.MemChangeCnt,
      memChangeList: r.MemChangeList,
      lastMemVer: r.LastMemVer,
      curMemVer: r.CurMemVer,
      toUserName: r.ToUserName,
      createTimeS: r.CreateTime,
    }),
  );

export const KfMsgOrEventSchema = z
  .object({ kind: z.literal('kf_msg_or_event'), ...common, Token: required, OpenKfId: required })
  .transform((r) => ({
    kind: r.kind,
    /** sync_msg token, valid 10 minutes: a credential, never log it. */
    token: r.Token,
    openKfId: r.OpenKfId,
    toUserName: r.ToUserName,
    createTimeS: r.CreateTime,
  }));

export const AppTextMessageSchema = z
  .object({
    kind: z.literal('text'),
    ...common,
    MsgType: z.literal('text'),
    FromUserName: required,
    Content: z.string(),
    MsgId: required,
    AgentID: smallInt,
  })
  .transform((r) => ({
    kind: r.kind,
    /** Internal member UserID (apps never receive customers' private chats). */
    fromUserName: r.FromUserName,
    content: r.Content,
    /** 64-bit: kept as a string. */
    msgId: r.MsgId,
    agentId: r.AgentID,
    toUserName: r.ToUserName,
    createTimeS: r.CreateTime,
  }));

export const UnknownEventSchema = z
  .object({ kind: z.literal('unknown') })
  .loose()
  .transform(({ kind: _kind, ...rest }): UnknownEvent => {
    const fields = rest as XmlRecord;
    return defined({
      kind: 'unknown' as const,
      msgType: textOf(fields, 'MsgType'),
      event: textOf(fields, 'Event'),
      changeType: textOf(fields, 'ChangeType'),
      fields,
    });
  });

export const ParsedEventSchema = z.discriminatedUnion('kind', [
  ExternalContactEventSchema,
  ExternalChatEventSchema,
  KfMsgOrEventSchema,
  AppTextMessageSchema,
  UnknownEventSchema,
]);

/** What the schemas produce fits the port's shapes (shared/ports/wecom-callback-events.ts): a drift fails the build. */
type Fits<A, B> = [A] extends [B] ? true : false;
const agrees = <T extends true>(): T | undefined => undefined;
agrees<Fits<z.output<typeof ExternalContactEventSchema>, ExternalContactEvent>>();
agrees<Fits<z.output<typeof ExternalChatEventSchema>, ExternalChatEvent>>();
agrees<Fits<z.output<typeof KfMsgOrEventSchema>, KfMsgOrEvent>>();
agrees<Fits<z.output<typeof AppTextMessageSchema>, AppTextMessage>>();
agrees<Fits<z.output<typeof ParsedEventSchema>, ParsedEvent>>();

const EVENT_KINDS: ReadonlySet<string> = new Set(['change_external_contact', 'change_external_chat', 'kf_msg_or_event']);

/** Which schema a decrypted record should fit, from MsgType and Event alone. */
export function eventKindOf(record: XmlRecord): ParsedEventKind {
  const msgType = textOf(record, 'MsgType');
  if (msgType === 'text') return 'text';
  const event = textOf(record, 'Event');
  if (msgType === 'event' && event !== undefined && EVENT_KINDS.has(event)) return event as ParsedEventKind;
  return 'unknown';
}

/** Never throws: a record that fits no schema is returned as `unknown` with the issues attached. */
export function parseEvent(record: XmlRecord): ParsedEvent {
  const result = ParsedEventSchema.safeParse({ ...record, kind: eventKindOf(record) });
  if (result.success) return result.data;
  const unknown = UnknownEventSchema.parse({ ...record, kind: 'unknown' });
  return { ...unknown, issues: zodIssues(result.error) };
}
