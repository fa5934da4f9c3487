/**
 * Builds callbacks exactly as WeCom sends them (encrypted, signed), for tests, the bench and the demo.
 * Event XML follows the shapes in docs/reference/wecom-protocol.md §3.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { createCallbackCrypto } from '../../shared/adapters/wecom/callback/crypto';
import { cdata } from '../../shared/adapters/wecom/callback/xml';

export interface CallbackKeys {
  token: string;
  encodingAesKey: string;
  /** Becomes the receiveid inside the ciphertext and the envelope's ToUserName. */
  corpId: string;
}

interface SignOptions {
  timestampS?: number;
  nonce?: string;
  /** Fixes the 16-byte random prefix so the ciphertext is reproducible. */
  random16?: Buffer;
}

/** A type alias (not an interface) so it is assignable to `Record<string, string | undefined>`. */
export type SignedQuery = {
  msg_signature: string;
  timestamp: string;
  nonce: string;
};

export type BuildCallbackRequestInput = CallbackKeys &
  SignOptions & {
    /** Envelope `<AgentID>`; omitted when not given (customer-contact callbacks). */
    agentId?: string | number;
  } & ({ xml: string; event?: never } | { event: SandboxEvent; xml?: never });

export type SandboxEvent =
  | ({ kind: 'change_external_contact' } & ChangeExternalContactInput)
  | ({ kind: 'change_external_chat' } & ChangeExternalChatInput)
  | ({ kind: 'kf_msg_or_event' } & KfMsgOrEventInput)
  | ({ kind: 'text' } & AppTextInput);

const nowS = () => Math.floor(Date.now() / 1000);
const randomNonce = () => String(randomInt(1_000_000_000, 10_000_000_000));

const cryptoFor = (keys: CallbackKeys) =>
  createCallbackCrypto({ token: keys.token, encodingAesKey: keys.encodingAesKey, receiveId: keys.corpId });

/** Encrypts for the corp and signs the ciphertext with the given (or fresh) timestamp and nonce. */
function seal(keys: CallbackKeys, plaintext: string, opts: SignOptions) {
  const crypto = cryptoFor(keys);
  const encrypted = crypto.encrypt(plaintext, opts.random16 ?? randomBytes(16));
  const timestamp = String(opts.timestampS ?? nowS());
  const nonce = opts.nonce ?? randomNonce();
  return { encrypted, query: { msg_signature: crypto.signature(timestamp, nonce, encrypted), timestamp, nonce } };
}

/** A POST callback: signed query plus the `<xml><ToUserName/><Encrypt/><AgentID/></xml>` body. */
export function buildCallbackRequest(input: BuildCallbackRequestInput): {
  query: SignedQuery;
  body: string;
  plaintext: string;
} {
  // Events default their ToUserName to the corp the request is built for.
  const plaintext = input.xml ?? eventXml({ corpId: input.corpId, ...input.event });
  const { encrypted, query } = seal(input, plaintext, input);
  const agent = input.agentId === undefined ? '' : `<AgentID>${cdata(String(input.agentId))}</AgentID>`;
  const body = `<xml><ToUserName>${cdata(input.corpId)}</ToUserName><Encrypt>${cdata(encrypted)}</Encrypt>${agent}</xml>`;
  return { query, body, plaintext };
}

/** The GET URL check: `echostr` decrypts to `echo`, which the server must return verbatim. */
export function buildUrlVerification(input: CallbackKeys & SignOptions & { echo?: string }): {
  query: SignedQuery & { echostr: string };
  echo: string;
} {
  // WeCom's echo is a 19-digit number, e.g. 1616140317555161061.
  const echo = input.echo ?? String(randomInt(1e9, 1e10)) + String(randomInt(1e8, 1e9));
  const { encrypted: echostr, query } = seal(input, echo, input);
  return { query: { ...query, echostr }, echo };
}

/** `path?msg_signature=…&timestamp=…&nonce=…[&echostr=…]`, percent-encoded like WeCom does. */
export function callbackUrl(path: string, query: Record<string, string>): string {
  return `${path}?${new URLSearchParams(query).toString()}`;
}

// ---- event XML (decrypted plaintext) ----

type Field = readonly [name: string, value: string | number | undefined, kind?: 'cdata' | 'raw'];

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function xmlDoc(fields: readonly Field[]): string {
  const lines = fields
    .filter(([, value]) => value !== undefined)
    .map(([name, value, kind = 'cdata']) => `\t<${name}>${kind === 'cdata' ? cdata(String(value)) : String(value)}</${name}>`);
  return `<xml>\n${lines.join('\n')}\n</xml>`;
}

export interface ChangeExternalContactInput {
  /** ToUserName (the CorpID); defaults to the doc's placeholder. */
  corpId?: string;
  changeType?:
    | 'add_external_contact'
    | 'add_half_external_contact'
    | 'edit_external_contact'
    | 'del_external_contact'
    | 'del_follow_user'
    | 'transfer_fail'
    | 'msg_audit_approved';
  userId: string;
  externalUserId: string;
  state?: string;
  welcomeCode?: string;
  source?: string;
  failReason?: string;
  createTimeS?: number;
}

export function changeExternalContactXml(i: ChangeExternalContactInput): string {
  return xmlDoc([
    ['ToUserName', i.corpId ?? 'toUser'],
    ['FromUserName', 'sys'],
    ['CreateTime', i.createTimeS ?? nowS(), 'raw'],
    ['MsgType', 'event'],
    ['Event', 'change_external_contact'],
    ['ChangeType', i.changeType ?? 'add_external_contact'],
    ['UserID', i.userId],
    ['ExternalUserID', i.externalUserId],
    ['State', i.state],
    ['WelcomeCode', i.welcomeCode],
    ['Source', i.source],
    ['FailReason', i.failReason],
  ]);
}

/** A customer added a staff member (§3.1); omit `welcomeCode` when a console welcome message is configured. */
export function addExternalContactXml(i: Omit<ChangeExternalContactInput, 'changeType'>): string {
  return changeExternalContactXml({ ...i, changeType: 'add_external_contact' });
}

export interface ChangeExternalChatInput {
  corpId?: string;
  chatId: string;
  changeType: 'create' | 'update' | 'dismiss';
  updateDetail?: 'add_member' | 'del_member' | 'change_owner' | 'change_name' | 'change_notice';
  joinScene?: number;
  quitScene?: number;
  /** Defaults to the length of `memChangeList`. */
  memChangeCnt?: number;
  memChangeList?: readonly string[];
  /** `items` (doc) or `csv` (comma-joined CDATA seen in some payloads). */
  memChangeListStyle?: 'items' | 'csv';
  lastMemVer?: string;
  curMemVer?: string;
  createTimeS?: number;
}

/** Customer-group change (§3.2). */
export function changeExternalChatXml(i: ChangeExternalChatInput): string {
  const list = i.memChangeList;
  const memberList =
    list === undefined
      ? undefined
      : i.memChangeListStyle === 'csv'
        ? cdata(list.join(','))
        : `\n${list.map((m) => `\t\t<Item>${escapeText(m)}</Item>\n`).join('')}\t`;
  return xmlDoc([
    ['ToUserName', i.corpId ?? 'toUser'],
    ['FromUserName', 'sys'],
    ['CreateTime', i.createTimeS ?? nowS(), 'raw'],
    ['MsgType', 'event'],
    ['Event', 'change_external_chat'],
    ['ChatId', i.chatId],
    ['ChangeType', i.changeType],
    ['UpdateDetail', i.updateDetail],
    ['JoinScene', i.joinScene, 'raw'],
    ['QuitScene', i.quitScene, 'raw'],
    ['MemChangeCnt', i.memChangeCnt ?? list?.length, 'raw'],
    ['MemChangeList', memberList, 'raw'],
    ['LastMemVer', i.lastMemVer, 'raw'],
    ['CurMemVer', i.curMemVer, 'raw'],
  ]);
}

export interface KfMsgOrEventInput {
  corpId?: string;
  /** sync_msg token (valid 10 minutes). */
  token: string;
  openKfId: string;
  createTimeS?: number;
}

/** 微信客服 notification (§3.4): the messages themselves are pulled with kf/sync_msg. */
export function kfMsgOrEventXml(i: KfMsgOrEventInput): string {
  return xmlDoc([
    ['ToUserName', i.corpId ?? 'toUser'],
    ['CreateTime', i.createTimeS ?? nowS(), 'raw'],
    ['MsgType', 'event'],
    ['Event', 'kf_msg_or_event'],
    ['Token', i.token],
    ['OpenKfId', i.openKfId],
  ]);
}

export interface AppTextInput {
  corpId?: string;
  /** Internal member UserID. */
  fromUserName: string;
  content: string;
  /** 64-bit id as a digit string. */
  msgId: string;
  agentId: string | number;
  createTimeS?: number;
}

/** A member's text message to the self-built app (§3.3). */
export function appTextXml(i: AppTextInput): string {
  return xmlDoc([
    ['ToUserName', i.corpId ?? 'toUser'],
    ['FromUserName', i.fromUserName],
    ['CreateTime', i.createTimeS ?? nowS(), 'raw'],
    ['MsgType', 'text'],
    ['Content', i.content],
    ['MsgId', i.msgId, 'raw'],
    ['AgentID', i.agentId, 'raw'],
  ]);
}

export function eventXml(event: SandboxEvent): string {
  switch (event.kind) {
    case 'change_external_contact':
      return changeExternalContactXml(event);
    case 'change_external_chat':
      return changeExternalChatXml(event);
    case 'kf_msg_or_event':
      return kfMsgOrEventXml(event);
    case 'text':
      return appTextXml(event);
  }
}
