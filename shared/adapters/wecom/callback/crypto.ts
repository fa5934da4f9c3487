import { createDecipheriv, timingSafeEqual } from 'node:crypto';
import { encrypt as wecomEncrypt, getSignature } from '@wecom/crypto';
import { WecomCallbackError, WecomCallbackReason as R } from './errors';

export interface CallbackCryptoConfig {
  token: string;
  /** The 43-character EncodingAESKey from the admin console. */
  encodingAesKey: string;
  /** CorpID for a self-built app; suite id for third-party apps; '' for smart bots. */
  receiveId: string;
}

export interface CallbackCrypto {
  readonly receiveId: string;
  /** sha1 over the sorted (token, timestamp, nonce, encrypted), lowercase hex. */
  signature(timestamp: string, nonce: string, encrypted: string): string;
  /** Constant-time comparison against the expected signature. */
  verifySignature(signature: string, timestamp: string, nonce: string, encrypted: string): boolean;
  /** Decrypts and checks padding, length and receiveid; throws `WecomCallbackError('undecryptable')`. */
  decrypt(encrypted: string): string;
  /** Base64 ciphertext; pass `random16` for a deterministic result (tests, fixtures). */
  encrypt(plaintext: string, random16?: Buffer): string;
}

/** Padding is PKCS#7 to a multiple of 32 bytes (not the AES block size of 16). */
const PAD_BLOCK = 32;
const RANDOM_BYTES = 16;
const HEADER_BYTES = RANDOM_BYTES + 4;
const AES_KEY_RE = /^[A-Za-z0-9+/]{43}$/;
// The console only allows English letters and digits, ≤ 32; this also catches a stray newline in an env var.
const TOKEN_RE = /^[A-Za-z0-9]{1,32}$/;
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

const undecryptable = (reason: R, message: string, cause?: unknown) =>
  new WecomCallbackError('undecryptable', reason, message, cause === undefined ? undefined : { cause });

function parseAesKey(encodingAesKey: string): Buffer {
  const key = AES_KEY_RE.test(encodingAesKey) ? Buffer.from(`${encodingAesKey}=`, 'base64') : undefined;
  if (key?.length !== 32) {
    throw new WecomCallbackError('wecom_callback_config_invalid', R.badAesKey, 'EncodingAESKey must be 43 base64 characters');
  }
  return key;
}

/**
 * `@wecom/crypto.decrypt` cannot be made strict from the outside: it silently keeps an out-of-range pad
 * byte, never checks that all pad bytes agree, slices past a msg_len larger than the buffer and
 * returns whatever a wrong key produced. So decryption is done here with node:crypto (same algorithm:
 * AES-256-CBC, IV = key[0..16], no auto padding) and every structural rule is enforced.
 */
function decryptStrict(key: Buffer, encrypted: string, receiveId: string): string {
  if (encrypted.length === 0 || !BASE64_RE.test(encrypted)) throw undecryptable(R.badBase64, 'ciphertext is not base64');
  const cipherBytes = Buffer.from(encrypted, 'base64');
  if (cipherBytes.length % PAD_BLOCK !== 0) {
    throw undecryptable(R.badBlockLength, 'ciphertext length is not a multiple of 32 bytes');
  }
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(cipherBytes), decipher.final()]);

  const pad = padded[padded.length - 1] ?? 0;
  if (pad < 1 || pad > PAD_BLOCK || padded.subarray(padded.length - pad).some((b) => b !== pad)) {
    throw undecryptable(R.badPadding, 'invalid PKCS#7 padding (wrong key or tampered ciphertext)');
  }
  const plain = padded.subarray(0, padded.length - pad);
  if (plain.length < HEADER_BYTES) throw undecryptable(R.badLength, 'decrypted buffer too short');
  const msgLen = plain.readUInt32BE(RANDOM_BYTES);
  if (msgLen > plain.length - HEADER_BYTES) throw undecryptable(R.badLength, 'msg_len exceeds the decrypted buffer');

  let message: string;
  let foundReceiveId: string;
  try {
    message = utf8.decode(plain.subarray(HEADER_BYTES, HEADER_BYTES + msgLen));
    foundReceiveId = utf8.decode(plain.subarray(HEADER_BYTES + msgLen));
  } catch (cause) {
    throw undecryptable(R.badUtf8, 'decrypted bytes are not UTF-8', cause);
  }
  if (foundReceiveId !== receiveId) throw undecryptable(R.receiveIdMismatch, 'receiveid does not match this corp');
  return message;
}

/** Builds the callback crypto for one (token, key, receiveid); throws a config error up front. */
export function createCallbackCrypto(config: CallbackCryptoConfig): CallbackCrypto {
  const { token, encodingAesKey, receiveId } = config;
  const key = parseAesKey(encodingAesKey);
  if (!TOKEN_RE.test(token)) {
    throw new WecomCallbackError('wecom_callback_config_invalid', R.badToken, 'callback token must be 1–32 letters or digits');
  }

  const signature = (timestamp: string, nonce: string, encrypted: string) =>
    getSignature(token, timestamp, nonce, encrypted);

  return {
    receiveId,
    signature,
    verifySignature(given, timestamp, nonce, encrypted) {
      const expected = Buffer.from(signature(timestamp, nonce, encrypted), 'utf8');
      const actual = Buffer.from(given, 'utf8');
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
    decrypt: (encrypted) => decryptStrict(key, encrypted, receiveId),
    encrypt(plaintext, random16) {
      if (random16 !== undefined && random16.length !== RANDOM_BYTES) {
        throw new WecomCallbackError('wecom_callback_config_invalid', R.badRandom, 'random prefix must be 16 bytes');
      }
      return wecomEncrypt(encodingAesKey, plaintext, receiveId, random16);
    },
  };
}
