import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { WecomCallbackError, WecomCallbackReason as R } from './errors';

/** Element text is always a string: MsgId is 64-bit and UserIDs may be all digits with leading zeros. */
export type XmlValue = string | XmlRecord | XmlValue[];
export interface XmlRecord {
  [element: string]: XmlValue;
}

export interface CallbackEnvelope {
  /** Not covered by the signature: informational only, trust the decrypted fields instead. */
  toUserName?: string;
  agentId?: string;
  encrypt: string;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  // No entity expansion at all: WeCom wraps free text in CDATA, so non-CDATA text is returned verbatim.
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
  maxNestedTags: 16,
  // `<MemChangeList><Item>…</Item></MemChangeList>` is a list even with a single member.
  isArray: (_name, jPath) => jPath === 'xml.MemChangeList.Item',
});

const malformed = (reason: R, message: string, cause?: unknown) =>
  new WecomCallbackError('bad_request', reason, message, cause === undefined ? undefined : { cause });

/**
 * Parses a WeCom `<xml>…</xml>` document into a plain record of strings.
 * Throws `WecomCallbackError('bad_request', 'malformed_xml')` for anything else.
 */
export function parseXmlRecord(xml: string, what = 'xml'): XmlRecord {
  // A DOCTYPE is the door to entity tricks; WeCom never sends one.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw malformed(R.malformedXml, `${what} must not contain a DOCTYPE`);
  if (XMLValidator.validate(xml) !== true) throw malformed(R.malformedXml, `${what} is not well-formed XML`);
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch (cause) {
    throw malformed(R.malformedXml, `${what} could not be parsed`, cause);
  }
  const root = (doc as Record<string, unknown> | undefined)?.xml;
  if (root === '') return {};
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw malformed(R.malformedXml, `${what} root element must be <xml>`);
  }
  return root as XmlRecord;
}

/**
 * The envelope exactly as WeCom sends it: optional ToUserName, base64 Encrypt, optional AgentID, each
 * in CDATA, nothing else. Read without a parser, so a callback costs one XML parse (its decrypted
 * message); any other shape, valid or not, goes through the parser and its errors.
 */
const CANONICAL_ENVELOPE =
  /^\s*<xml>\s*(?:<ToUserName><!\[CDATA\[([^\]<>\s]+)\]\]><\/ToUserName>\s*)?<Encrypt><!\[CDATA\[([A-Za-z0-9+/=]+)\]\]><\/Encrypt>\s*(?:<AgentID><!\[CDATA\[(\d+)\]\]><\/AgentID>\s*)?<\/xml>\s*$/;

/** The outer POST body `<xml><ToUserName/><Encrypt/><AgentID/></xml>`. */
export function parseEnvelope(body: string): CallbackEnvelope {
  const canonical = CANONICAL_ENVELOPE.exec(body);
  if (canonical) {
    const [, toUserName, encrypt, agentId] = canonical;
    return { encrypt: encrypt as string, ...(toUserName ? { toUserName } : {}), ...(agentId ? { agentId } : {}) };
  }
  let record: XmlRecord;
  try {
    record = parseXmlRecord(body, 'callback body');
  } catch (e) {
    if (e instanceof WecomCallbackError) throw malformed(R.malformedEnvelope, e.message, e);
    throw e;
  }
  const { Encrypt: encrypt, ToUserName: toUserName, AgentID: agentId } = record;
  if (typeof encrypt !== 'string' || encrypt === '') throw malformed(R.missingEncrypt, 'callback body has no <Encrypt>');
  return {
    encrypt,
    ...(typeof toUserName === 'string' ? { toUserName } : {}),
    ...(typeof agentId === 'string' ? { agentId } : {}),
  };
}

/** First text of an element, or undefined when absent or not text. */
export function textOf(record: XmlRecord, element: string): string | undefined {
  const value = record[element];
  return typeof value === 'string' ? value : undefined;
}

/** Wraps text in CDATA, splitting any `]]>` so the text cannot close the section early. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** The passive-reply packet: `<xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>`. */
export function buildReplyXml(reply: { encrypt: string; signature: string; timestampS: number; nonce: string }): string {
  return (
    `<xml><Encrypt>${cdata(reply.encrypt)}</Encrypt><MsgSignature>${cdata(reply.signature)}</MsgSignature>` +
    `<TimeStamp>${reply.timestampS}</TimeStamp><Nonce>${cdata(reply.nonce)}</Nonce></xml>`
  );
}
