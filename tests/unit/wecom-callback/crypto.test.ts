import { createCipheriv } from 'node:crypto';
import { decrypt as packageDecrypt } from '@wecom/crypto';
import { describe, expect, it } from 'vitest';
import { createCallbackCrypto } from '../../../shared/adapters/wecom/callback/crypto';
import { expectCallbackError, vectors } from './support';

const { config, urlVerification: A, postMessage: B, derivedReply: E, pythonJsonVectorD: D } = vectors;
const corpCrypto = () =>
  createCallbackCrypto({ token: config.token, encodingAesKey: config.encodingAesKey, receiveId: config.corpId });

/** Independent AES-256-CBC with raw (caller-made) padding, to craft ciphertexts the encoder never would. */
function encryptRaw(encodingAesKey: string, plain: Buffer): string {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

function frame(msg: Buffer, receiveId: string, msgLen = msg.length): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msgLen);
  return Buffer.concat([Buffer.from('0123456789abcdef'), len, msg, Buffer.from(receiveId)]);
}

function padTo32(buf: Buffer, override?: (pad: Buffer) => void): Buffer {
  const n = 32 - (buf.length % 32);
  const pad = Buffer.alloc(n, n);
  override?.(pad);
  return Buffer.concat([buf, pad]);
}

describe('official vectors', () => {
  it('computes the official msg_signature for the GET and POST vectors', () => {
    const c = corpCrypto();
    expect(c.signature(A.query.timestamp, A.query.nonce, A.query.echostr)).toBe(A.query.msg_signature);
    expect(c.signature(B.query.timestamp, B.query.nonce, B.encrypt)).toBe(B.query.msg_signature);
  });

  it('decrypts the URL-verification echostr to the bare echo', () => {
    expect(corpCrypto().decrypt(A.query.echostr)).toBe(A.echo);
  });

  it('decrypts the POST vector to the exact plaintext (pad 30, newlines kept)', () => {
    expect(corpCrypto().decrypt(B.encrypt)).toBe(B.plaintext);
  });

  it('re-encrypts to the official ciphertext given the same random prefix', () => {
    const c = corpCrypto();
    expect(c.encrypt(A.echo, Buffer.from(A.random))).toBe(A.query.echostr);
    expect(c.encrypt(B.plaintext, Buffer.from(B.random))).toBe(B.encrypt);
    expect(c.encrypt(E.plaintext, Buffer.from(E.random))).toBe(E.encrypt);
  });

  it('handles a second key set (Python JSON sample)', () => {
    const c = createCallbackCrypto({ token: D.config.token, encodingAesKey: D.config.encodingAesKey, receiveId: D.config.corpId });
    expect(c.verifySignature(D.query.msg_signature, D.query.timestamp, D.query.nonce, D.query.echostr)).toBe(true);
    expect(c.decrypt(D.query.echostr)).toBe(D.echo);
  });

  it('agrees with the official package on valid ciphertexts', () => {
    const ours = corpCrypto().decrypt(B.encrypt);
    const theirs = packageDecrypt(config.encodingAesKey, B.encrypt);
    expect(theirs.id).toBe(config.corpId);
    expect(ours).toBe(theirs.message);
  });
});

describe('verifySignature', () => {
  const c = corpCrypto();
  const { msg_signature: sig, timestamp, nonce } = B.query;

  it('accepts the official signature', () => {
    expect(c.verifySignature(sig, timestamp, nonce, B.encrypt)).toBe(true);
  });

  it('rejects a one-character change, a different length, or a change to any signed value', () => {
    const flipped = (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1);
    expect(c.verifySignature(flipped, timestamp, nonce, B.encrypt)).toBe(false);
    expect(c.verifySignature(sig.slice(0, -1), timestamp, nonce, B.encrypt)).toBe(false);
    expect(c.verifySignature(`${sig}0`, timestamp, nonce, B.encrypt)).toBe(false);
    expect(c.verifySignature('', timestamp, nonce, B.encrypt)).toBe(false);
    expect(c.verifySignature(sig, String(Number(timestamp) + 1), nonce, B.encrypt)).toBe(false);
    expect(c.verifySignature(sig, timestamp, `${nonce}1`, B.encrypt)).toBe(false);
    expect(c.verifySignature(sig, timestamp, nonce, B.encrypt.replace('R', 'S'))).toBe(false);
  });

  it('rejects a signature made with another token', () => {
    const other = createCallbackCrypto({ token: 'OtherTok', encodingAesKey: config.encodingAesKey, receiveId: config.corpId });
    expect(other.verifySignature(sig, timestamp, nonce, B.encrypt)).toBe(false);
  });
});

describe('decrypt rejects instead of returning garbage', () => {
  it('wrong key', () => {
    const other = createCallbackCrypto({
      token: config.token,
      encodingAesKey: D.config.encodingAesKey,
      receiveId: config.corpId,
    });
    expectCallbackError(() => other.decrypt(B.encrypt), 'undecryptable');
    expectCallbackError(() => other.decrypt(A.query.echostr), 'undecryptable');
  });

  it('tampered last block breaks the padding', () => {
    const bytes = Buffer.from(B.encrypt, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
    expectCallbackError(() => corpCrypto().decrypt(bytes.toString('base64')), 'undecryptable', 'bad_padding');
  });

  it('tampered first block corrupts msg_len', () => {
    const bytes = Buffer.from(B.encrypt, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 0x80; // CBC: flips the top bit of plaintext byte 16, msg_len's high byte
    expectCallbackError(() => corpCrypto().decrypt(bytes.toString('base64')), 'undecryptable', 'bad_length');
  });

  it.each([
    ['pad byte 0', (p: Buffer) => p.fill(0)],
    ['pad byte 33', (p: Buffer) => p.fill(33)],
    ['pad bytes not all equal', (p: Buffer) => (p[0] = (p[0] ?? 0) + 1)],
  ])('bad PKCS#7 padding: %s', (_name, corrupt) => {
    const plain = padTo32(frame(Buffer.from('<xml></xml>'), config.corpId), corrupt);
    expectCallbackError(() => corpCrypto().decrypt(encryptRaw(config.encodingAesKey, plain)), 'undecryptable', 'bad_padding');
  });

  it('accepts a full block of padding (pad = 32)', () => {
    const msg = Buffer.from('x'.repeat(32 - 20 - config.corpId.length + 32));
    const plain = padTo32(frame(msg, config.corpId));
    expect(plain[plain.length - 1]).toBe(32);
    expect(corpCrypto().decrypt(encryptRaw(config.encodingAesKey, plain))).toBe(msg.toString());
  });

  it('msg_len beyond the buffer', () => {
    const plain = padTo32(frame(Buffer.from('<xml></xml>'), config.corpId, 1000));
    expectCallbackError(() => corpCrypto().decrypt(encryptRaw(config.encodingAesKey, plain)), 'undecryptable', 'bad_length');
  });

  it('buffer shorter than random + msg_len', () => {
    const plain = padTo32(Buffer.from('0123456789abcdef'));
    expectCallbackError(() => corpCrypto().decrypt(encryptRaw(config.encodingAesKey, plain)), 'undecryptable', 'bad_length');
  });

  it('message bytes that are not UTF-8', () => {
    const plain = padTo32(frame(Buffer.from([0xc3, 0x28, 0xff]), config.corpId));
    expectCallbackError(() => corpCrypto().decrypt(encryptRaw(config.encodingAesKey, plain)), 'undecryptable', 'bad_utf8');
  });

  it('foreign receiveid (same key, another corp)', () => {
    const foreign = createCallbackCrypto({ token: config.token, encodingAesKey: config.encodingAesKey, receiveId: 'ww_other_corp' });
    const ciphertext = foreign.encrypt('<xml></xml>');
    expect(foreign.decrypt(ciphertext)).toBe('<xml></xml>');
    expectCallbackError(() => corpCrypto().decrypt(ciphertext), 'undecryptable', 'receiveid_mismatch');
  });

  it('an empty receiveid must match exactly (smart-bot style)', () => {
    const bot = createCallbackCrypto({ token: config.token, encodingAesKey: config.encodingAesKey, receiveId: '' });
    expect(bot.decrypt(bot.encrypt('hi'))).toBe('hi');
    expectCallbackError(() => bot.decrypt(B.encrypt), 'undecryptable', 'receiveid_mismatch');
  });

  it('not base64, or not whole 32-byte blocks', () => {
    const c = corpCrypto();
    expectCallbackError(() => c.decrypt(''), 'undecryptable', 'bad_base64');
    expectCallbackError(() => c.decrypt('not base64 at all!'), 'undecryptable', 'bad_base64');
    expectCallbackError(() => c.decrypt(B.encrypt.slice(1)), 'undecryptable', 'bad_base64');
    expectCallbackError(() => c.decrypt(Buffer.alloc(16).toString('base64')), 'undecryptable', 'bad_block_length');
    expectCallbackError(() => c.decrypt(Buffer.alloc(48).toString('base64')), 'undecryptable', 'bad_block_length');
  });

  it('errors are 400s that do not leak the plaintext', () => {
    const err = expectCallbackError(() => corpCrypto().decrypt(Buffer.alloc(16).toString('base64')), 'undecryptable');
    expect(err.status).toBe(400);
    expect(err.details).toEqual({ reason: 'bad_block_length' });
  });
});

describe('encrypt', () => {
  it('round-trips UTF-8 content with a fresh random prefix each time', () => {
    const c = corpCrypto();
    const text = '<xml><Content><![CDATA[血压 135/85，请复诊 🙂]]></Content></xml>';
    const first = c.encrypt(text);
    const second = c.encrypt(text);
    expect(first).not.toBe(second);
    expect(c.decrypt(first)).toBe(text);
    expect(c.decrypt(second)).toBe(text);
  });

  it('refuses a random prefix that is not 16 bytes', () => {
    expectCallbackError(() => corpCrypto().encrypt('x', Buffer.alloc(15)), 'wecom_callback_config_invalid', 'bad_random');
  });
});

describe('configuration', () => {
  it.each([
    ['42 chars', config.encodingAesKey.slice(1)],
    ['44 chars', `${config.encodingAesKey}=`],
    ['a non-base64 char', `${config.encodingAesKey.slice(1)}-`],
    ['empty', ''],
  ])('rejects an EncodingAESKey with %s', (_name, encodingAesKey) => {
    const err = expectCallbackError(
      () => createCallbackCrypto({ token: config.token, encodingAesKey, receiveId: config.corpId }),
      'wecom_callback_config_invalid',
      'bad_aes_key',
    );
    expect(err.status).toBe(500);
  });

  it.each([['empty', ''], ['trailing newline', `${config.token}\n`], ['33 chars', 'a'.repeat(33)]])(
    'rejects a token that is %s',
    (_name, token) => {
      expectCallbackError(
        () => createCallbackCrypto({ token, encodingAesKey: config.encodingAesKey, receiveId: config.corpId }),
        'wecom_callback_config_invalid',
        'bad_token',
      );
    },
  );
});
