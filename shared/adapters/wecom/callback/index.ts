export { createCallbackCrypto, type CallbackCrypto, type CallbackCryptoConfig } from './crypto';
export { WecomCallbackCode, WecomCallbackError, WecomCallbackReason, isWecomCallbackError } from './errors';
export {
  parseEvent,
  eventKindOf,
  ParsedEventSchema,
  type ParsedEvent,
  type ParsedEventKind,
  type ExternalContactEvent,
  type ExternalChatEvent,
  type KfMsgOrEvent,
  type AppTextMessage,
  type UnknownEvent,
} from './events';
export { buildEncryptedReply } from './reply';
export {
  verifyCallback,
  dedupKeyOf,
  MAX_CALLBACK_BODY_BYTES,
  type CallbackRequest,
  type VerifyOptions,
  type VerifiedCallback,
} from './verify';
export { parseXmlRecord, parseEnvelope, buildReplyXml, cdata, type XmlRecord, type XmlValue } from './xml';
