import type { CallbackCrypto } from './crypto';
import { buildReplyXml } from './xml';

/**
 * Encrypted passive reply (only a few member events accept one; everything else wants an empty 200).
 * The signature covers our own new ciphertext.
 */
export function buildEncryptedReply(
  crypto: CallbackCrypto,
  plaintextXml: string,
  opts: { timestampS: number; nonce: string; random16?: Buffer },
): string {
  const encrypt = crypto.encrypt(plaintextXml, opts.random16);
  const signature = crypto.signature(String(opts.timestampS), opts.nonce, encrypt);
  return buildReplyXml({ encrypt, signature, timestampS: opts.timestampS, nonce: opts.nonce });
}
