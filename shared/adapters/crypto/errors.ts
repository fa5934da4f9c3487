import { AppError } from '../../errors';

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
