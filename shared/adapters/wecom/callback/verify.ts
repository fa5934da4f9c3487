import { createHash } from 'node:crypto';
import { PayloadTooLargeError } from '../../../errors';
import type { CallbackCrypto } from './crypto';
import { WecomCallbackError, WecomCallbackReason as R } from './errors';
import { parseEvent, type ParsedEvent } from './events';
import { parseEnvelope, parseXmlRecord, textOf } from './xml';

export const MAX_CALLBACK_BODY_BYTES = 1024 * 1024;

export interface CallbackRequest {
  method: 'GET' | 'POST';
  /** Already URL-decoded query parameters. */
  query: Record<string, string | undefined>;
  /** Raw body text ('' for GET). */
  body: string;
}

export interface VerifyOptions {
  crypto: CallbackCrypto;
  /** Accepted |now − timestamp| in seconds; 0 disables the check. */
  maxSkewS: number;
  nowMs: number;
  maxBodyBytes?: number;
}

export type VerifiedCallback =
  | { kind: 'url_verification'; echo: string }
  | { kind: 'event'; plaintext: string; event: ParsedEvent; dedupKey: string };

const badRequest = (reason: R, message: string) => new WecomCallbackError('bad_request', reason, message);

interface SignedParams {
  signature: string;
  timestamp: string;
  nonce: string;
}

function signedParams(query: CallbackRequest['query']): SignedParams {
  const signature = query.msg_signature;
  if (!signature) throw new WecomCallbackError('bad_signature', R.missingSignature, 'msg_signature is missing');
  const { timestamp, nonce } = query;
  if (!timestamp || !nonce) throw badRequest(R.missingParam, 'timestamp and nonce are required');
  if (!/^\d{1,12}$/.test(timestamp)) throw badRequest(R.badTimestamp, 'timestamp must be epoch seconds');
  return { signature, timestamp, nonce };
}

/** Signature first, then freshness: an unauthenticated sender learns nothing about timing or padding. */
function authenticate(p: SignedParams, encrypted: string, opts: VerifyOptions): void {
  if (!opts.crypto.verifySignature(p.signature, p.timestamp, p.nonce, encrypted)) {
    throw new WecomCallbackError('bad_signature', R.signatureMismatch, 'msg_signature does not match');
  }
  if (opts.maxSkewS > 0 && Math.abs(opts.nowMs - Number(p.timestamp) * 1000) > opts.maxSkewS * 1000) {
    throw new WecomCallbackError('stale_timestamp', R.timestampOutsideWindow, 'timestamp outside the accepted window');
  }
}

/**
 * `msg:<MsgId>` for messages; otherwise a hash of the whole plaintext, because events come from `sys`
 * with 1-second CreateTime, so the documented FromUserName+CreateTime key collides.
 */
export function dedupKeyOf(plaintext: string, msgId: string | undefined): string {
  if (msgId) return `msg:${msgId}`;
  return `sha256:${createHash('sha256').update(plaintext, 'utf8').digest('hex')}`;
}

/**
 * Verifies and opens one WeCom callback. Pure (no I/O), so the GET answers within WeCom's 1 s limit.
 * Errors are `WecomCallbackError` (401 bad_signature / stale_timestamp, 400 bad_request / undecryptable)
 * or `PayloadTooLargeError` (413).
 */
export function verifyCallback(req: CallbackRequest, opts: VerifyOptions): VerifiedCallback {
  if (req.method !== 'GET' && req.method !== 'POST') {
    throw badRequest(R.methodNotAllowed, 'callback accepts GET and POST only');
  }
  const limit = opts.maxBodyBytes ?? MAX_CALLBACK_BODY_BYTES;
  if (req.body.length > limit || Buffer.byteLength(req.body, 'utf8') > limit) throw new PayloadTooLargeError(limit);

  const params = signedParams(req.query);

  if (req.method === 'GET') {
    // A gateway that form-decodes turns base64 '+' into ' '; base64 never contains spaces.
    const echostr = req.query.echostr?.replace(/ /g, '+');
    if (!echostr) throw badRequest(R.missingParam, 'echostr is required');
    authenticate(params, echostr, opts);
    return { kind: 'url_verification', echo: opts.crypto.decrypt(echostr) };
  }

  const { encrypt } = parseEnvelope(req.body);
  authenticate(params, encrypt, opts);
  const plaintext = opts.crypto.decrypt(encrypt);
  const record = parseXmlRecord(plaintext, 'decrypted message');
  return { kind: 'event', plaintext, event: parseEvent(record), dedupKey: dedupKeyOf(plaintext, textOf(record, 'MsgId')) };
}
