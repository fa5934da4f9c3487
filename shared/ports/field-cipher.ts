import { AppError } from '../errors';

/**
 * Field encryption as the services see it: sensitive fields are sealed with AES-256-GCM bound to their owner
 * (shared/adapters/crypto/field-cipher.ts implements it from FIELD_ENCRYPTION_KEYS).
 */

export const FIELD_CIPHER_ERROR_CODES = [
  /** Authentication failed: wrong key, wrong AAD (ciphertext moved to another member/field) or altered bytes. */
  'field_tampered',
  /** The ciphertext names a key id that FIELD_ENCRYPTION_KEYS no longer lists. */
  'field_key_unknown',
  /** Not the `{ _enc: 1, kid, iv, tag, ct }` shape, or IV/tag of the wrong length. */
  'field_malformed',
  /** A path that must hold ciphertext holds a plain value: something wrote sensitive data in the clear. */
  'field_not_encrypted',
  /** encryptFields was handed a value that is already ciphertext. */
  'field_double_encrypt',
  /** The value has no JSON form (undefined, a function, a symbol). */
  'field_unserialisable',
] as const;
export type FieldCipherErrorCode = (typeof FIELD_CIPHER_ERROR_CODES)[number];

/** Never a caller fault: it surfaces as a 500 and the message names no data. */
export class FieldCipherError extends AppError {
  override readonly name = 'FieldCipherError';
  constructor(
    override readonly code: FieldCipherErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, 500, undefined, options);
  }
}

/**
 * What a sensitive field holds at rest. All binary parts are standard base64. The marker is `_enc`,
 * not `$enc`: nedb refuses field names starting with `$` and MongoDB restricts them.
 */
export interface EncryptedField {
  _enc: 1;
  /** Which FIELD_ENCRYPTION_KEYS entry encrypted it. */
  kid: string;
  iv: string;
  tag: string;
  ct: string;
}

export interface FieldCipher {
  readonly activeKid: string;
  /** JSON-serialises `value` and encrypts it under the active key; `aad` binds it to its owner. */
  encrypt(value: unknown, aad?: string): EncryptedField;
  /** Throws FieldCipherError (field_tampered | field_key_unknown | field_malformed). */
  decrypt<T = unknown>(field: EncryptedField, aad?: string): T;
  /** True when the ciphertext was made with a key other than the active one. */
  needsRotation(field: EncryptedField): boolean;
  /** A fresh ciphertext under the active key when `field` uses an old one, else null. Callers write it back. */
  reencryptIfStale(field: EncryptedField, aad?: string): EncryptedField | null;
  /**
   * Copy of `obj` with the value at each dotted path encrypted (absent/undefined paths are left out).
   * Each field's AAD is (aad, path), so a ciphertext neither moves to another member nor to another field.
   */
  encryptFields<T extends object>(obj: T, paths: readonly string[], aad: string): T;
  /** Inverse of encryptFields. A plain value where ciphertext is expected throws field_not_encrypted. */
  decryptFields<T extends object>(obj: T, paths: readonly string[], aad: string): T;
  /**
   * Lazy key rotation after a read: `{ [path]: newCiphertext }` for every path still under an old key,
   * ready for `$set` (empty when nothing is stale). Put `${path}.ct` of the old value in the update
   * filter so a concurrent write to the same field is not clobbered.
   */
  reencryptStaleFields(obj: object, paths: readonly string[], aad: string): Record<string, EncryptedField>;
}

export function isEncrypted(x: unknown): x is EncryptedField {
  if (typeof x !== 'object' || x === null) return false;
  const f = x as Record<string, unknown>;
  return f._enc === 1 && typeof f.kid === 'string' && typeof f.iv === 'string' && typeof f.tag === 'string' && typeof f.ct === 'string';
}
