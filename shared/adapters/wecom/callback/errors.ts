import { AppError } from '../../../errors';

/** Stable codes; the HTTP edge maps them through `status` (401 / 400 / 500). */
export const WecomCallbackCode = {
  badSignature: 'bad_signature',
  staleTimestamp: 'stale_timestamp',
  badRequest: 'bad_request',
  undecryptable: 'undecryptable',
  configInvalid: 'wecom_callback_config_invalid',
} as const;
export type WecomCallbackCode = (typeof WecomCallbackCode)[keyof typeof WecomCallbackCode];

/** Why a request failed; stable strings, safe to log (never contain payload content). */
export const WecomCallbackReason = {
  // bad_signature
  missingSignature: 'missing_signature',
  signatureMismatch: 'signature_mismatch',
  // stale_timestamp
  timestampOutsideWindow: 'timestamp_outside_window',
  // bad_request
  methodNotAllowed: 'method_not_allowed',
  missingParam: 'missing_param',
  badTimestamp: 'bad_timestamp',
  malformedEnvelope: 'malformed_envelope',
  missingEncrypt: 'missing_encrypt',
  malformedXml: 'malformed_xml',
  // undecryptable
  badBase64: 'bad_base64',
  badBlockLength: 'bad_block_length',
  badPadding: 'bad_padding',
  badLength: 'bad_length',
  badUtf8: 'bad_utf8',
  receiveIdMismatch: 'receiveid_mismatch',
  // config
  badAesKey: 'bad_aes_key',
  badToken: 'bad_token',
  badRandom: 'bad_random',
} as const;
export type WecomCallbackReason = (typeof WecomCallbackReason)[keyof typeof WecomCallbackReason];

const STATUS: Record<WecomCallbackCode, number> = {
  bad_signature: 401,
  // A replayed request is an authentication failure, not a malformed one.
  stale_timestamp: 401,
  bad_request: 400,
  undecryptable: 400,
  // Misconfiguration is our fault: the edge turns it into a generic 500.
  wecom_callback_config_invalid: 500,
};

export class WecomCallbackError extends AppError {
  override readonly name = 'WecomCallbackError';
  constructor(
    override readonly code: WecomCallbackCode,
    readonly reason: WecomCallbackReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, STATUS[code], { reason }, options);
  }
}

export const isWecomCallbackError = (e: unknown): e is WecomCallbackError => e instanceof WecomCallbackError;
