import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  addExternalContactXml,
  appTextXml,
  buildCallbackRequest,
  buildUrlVerification,
} from '../../../dev/wecom-sandbox/callback-builder';
import { PayloadTooLargeError } from '../../../shared/errors';
import { createCallbackCrypto } from '../../../shared/adapters/wecom/callback/crypto';
import { MAX_CALLBACK_BODY_BYTES, verifyCallback, type CallbackRequest } from '../../../shared/adapters/wecom/callback/verify';
import { expectCallbackError, vectors } from './support';

const { config, urlVerification: A, postMessage: B } = vectors;
const crypto = createCallbackCrypto({ token: config.token, encodingAesKey: config.encodingAesKey, receiveId: config.corpId });
/** The official vectors are from 2014: freshness is checked in its own tests. */
const noSkew = { crypto, maxSkewS: 0, nowMs: Date.UTC(2025, 0, 1) };
const keys = config;

const officialGet = (query: Record<string, string | undefined> = A.query): CallbackRequest => ({ method: 'GET', query, body: '' });
const officialPost = (overrides: Partial<CallbackRequest> = {}): CallbackRequest => ({
  method: 'POST',
  query: B.query,
  body: B.body,
  ...overrides,
});

describe('GET URL verification', () => {
  it('returns the bare echo of the official vector', () => {
    expect(verifyCallback(officialGet(), noSkew)).toEqual({ kind: 'url_verification', echo: A.echo });
  });

  it('works from the percent-encoded query string WeCom sends', () => {
    const query = Object.fromEntries(new URLSearchParams(A.rawQueryString));
    expect(verifyCallback(officialGet(query), noSkew)).toEqual({ kind: 'url_verification', echo: A.echo });
  });

  it("survives a gateway that form-decoded '+' into ' '", () => {
    const query = { ...A.query, echostr: A.query.echostr.replace(/\+/g, ' ') };
    expect(query.echostr).toContain(' ');
    expect(verifyCallback(officialGet(query), noSkew)).toEqual({ kind: 'url_verification', echo: A.echo });
  });

  it('rejects a forged or missing signature with 401', () => {
    const forged = expectCallbackError(
      () => verifyCallback(officialGet({ ...A.query, msg_signature: '0'.repeat(40) }), noSkew),
      'bad_signature',
      'signature_mismatch',
    );
    expect(forged.status).toBe(401);
    expectCallbackError(
      () => verifyCallback(officialGet({ ...A.query, msg_signature: undefined }), noSkew),
      'bad_signature',
      'missing_signature',
    );
  });

  it('rejects a missing echostr with 400', () => {
    const err = expectCallbackError(
      () => verifyCallback(officialGet({ ...A.query, echostr: undefined }), noSkew),
      'bad_request',
      'missing_param',
    );
    expect(err.status).toBe(400);
  });

  it('round-trips the sandbox builder', () => {
    const nowS = 1_750_000_000;
    const built = buildUrlVerification({ ...keys, timestampS: nowS });
    expect(built.echo).toMatch(/^\d{19}$/);
    const result = verifyCallback(officialGet(built.query), { crypto, maxSkewS: 300, nowMs: nowS * 1000 });
    expect(result).toEqual({ kind: 'url_verification', echo: built.echo });
  });
});

describe('POST messages', () => {
  it('opens the official vector: plaintext, parsed text message, MsgId dedup key', () => {
    const result = verifyCallback(officialPost(), noSkew);
    expect(result).toEqual({
      kind: 'event',
      plaintext: B.plaintext,
      event: {
        kind: 'text',
        fromUserName: 'mycreate',
        content: 'hello',
        msgId: '4561255354251345929',
        agentId: 218,
        toUserName: 'wx5823bf96d3bd56c7',
        createTimeS: 1409659813,
      },
      dedupKey: 'msg:4561255354251345929',
    });
  });

  it('rejects a forged signature, or a ciphertext swapped under a valid signature, with 401', () => {
    expectCallbackError(
      () => verifyCallback(officialPost({ query: { ...B.query, msg_signature: A.query.msg_signature } }), noSkew),
      'bad_signature',
    );
    const other = buildCallbackRequest({ ...keys, xml: '<xml><MsgId>1</MsgId></xml>', timestampS: 1409659813, nonce: B.query.nonce });
    expectCallbackError(() => verifyCallback(officialPost({ body: other.body }), noSkew), 'bad_signature');
  });

  it('rejects a tampered Encrypt (one character) with 401 before trying to decrypt it', () => {
    const body = B.body.replace('RypEvHKD8QQ', 'RypEvHKD8QR');
    expectCallbackError(() => verifyCallback(officialPost({ body }), noSkew), 'bad_signature', 'signature_mismatch');
  });

  it('rejects missing or malformed timestamp / nonce with 400', () => {
    expectCallbackError(
      () => verifyCallback(officialPost({ query: { ...B.query, nonce: undefined } }), noSkew),
      'bad_request',
      'missing_param',
    );
    expectCallbackError(
      () => verifyCallback(officialPost({ query: { ...B.query, timestamp: '14096598l3' } }), noSkew),
      'bad_request',
      'bad_timestamp',
    );
  });

  it('rejects a body that is not XML, or has no <Encrypt>, with 400', () => {
    expectCallbackError(() => verifyCallback(officialPost({ body: '<xml><Encrypt>' }), noSkew), 'bad_request', 'malformed_envelope');
    expectCallbackError(
      () => verifyCallback(officialPost({ body: '<xml><ToUserName>x</ToUserName></xml>' }), noSkew),
      'bad_request',
      'missing_encrypt',
    );
  });

  it('rejects a correctly signed message that decrypts to malformed XML with 400', () => {
    const req = buildCallbackRequest({ ...keys, xml: '<xml><MsgType>text</MsgType>', timestampS: 1_700_000_000 });
    expectCallbackError(() => verifyCallback({ method: 'POST', ...req }, noSkew), 'bad_request', 'malformed_xml');
  });

  it('rejects a correctly signed message for another corp (foreign receiveid) with 400', () => {
    const req = buildCallbackRequest({ ...keys, corpId: 'ww_someone_else', event: { kind: 'kf_msg_or_event', token: 't', openKfId: 'wk1' } });
    const err = expectCallbackError(() => verifyCallback({ method: 'POST', ...req }, noSkew), 'undecryptable', 'receiveid_mismatch');
    expect(err.status).toBe(400);
  });

  it('rejects a correctly signed message encrypted with another key with 400', () => {
    const otherKey = vectors.pythonJsonVectorD.config.encodingAesKey;
    const req = buildCallbackRequest({ ...keys, encodingAesKey: otherKey, xml: B.plaintext });
    expectCallbackError(() => verifyCallback({ method: 'POST', ...req }, noSkew), 'undecryptable');
  });

  it('rejects methods other than GET and POST', () => {
    const req = { ...officialPost(), method: 'PUT' } as unknown as CallbackRequest;
    expectCallbackError(() => verifyCallback(req, noSkew), 'bad_request', 'method_not_allowed');
  });
});

describe('timestamp freshness', () => {
  const tsMs = Number(B.query.timestamp) * 1000;

  it('accepts within maxSkewS in either direction', () => {
    for (const nowMs of [tsMs, tsMs + 300_000, tsMs - 300_000]) {
      expect(verifyCallback(officialPost(), { crypto, maxSkewS: 300, nowMs }).kind).toBe('event');
    }
  });

  it('rejects a stale or future timestamp with 401 stale_timestamp', () => {
    for (const nowMs of [tsMs + 301_000, tsMs - 301_000]) {
      const err = expectCallbackError(
        () => verifyCallback(officialPost(), { crypto, maxSkewS: 300, nowMs }),
        'stale_timestamp',
        'timestamp_outside_window',
      );
      expect(err.status).toBe(401);
    }
    expectCallbackError(() => verifyCallback(officialGet(), { crypto, maxSkewS: 300, nowMs: Date.now() }), 'stale_timestamp');
  });

  it('maxSkewS 0 disables the check', () => {
    expect(verifyCallback(officialPost(), { crypto, maxSkewS: 0, nowMs: Date.now() }).kind).toBe('event');
  });

  it('a forged request with a stale timestamp reports the signature, not the age', () => {
    expectCallbackError(
      () => verifyCallback(officialPost({ query: { ...B.query, msg_signature: 'f'.repeat(40) } }), { crypto, maxSkewS: 300, nowMs: Date.now() }),
      'bad_signature',
    );
  });
});

describe('body size', () => {
  it('rejects a body over 1 MiB with 413', () => {
    const body = `<xml>${' '.repeat(MAX_CALLBACK_BODY_BYTES)}</xml>`;
    let thrown: unknown;
    try {
      verifyCallback(officialPost({ body }), noSkew);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(PayloadTooLargeError);
    expect((thrown as PayloadTooLargeError).status).toBe(413);
  });

  it('counts bytes, not characters', () => {
    const body = '健'.repeat(Math.ceil(MAX_CALLBACK_BODY_BYTES / 3) + 1); // < 1 Mi chars, > 1 MiB of UTF-8
    expect(body.length).toBeLessThan(MAX_CALLBACK_BODY_BYTES);
    expect(() => verifyCallback(officialPost({ body }), noSkew)).toThrow(PayloadTooLargeError);
  });

  it('accepts a valid body of exactly the limit', () => {
    const pad = ' '.repeat(MAX_CALLBACK_BODY_BYTES - Buffer.byteLength(B.body));
    const body = B.body.replace('</xml>', `${pad}</xml>`);
    expect(Buffer.byteLength(body)).toBe(MAX_CALLBACK_BODY_BYTES);
    expect(verifyCallback(officialPost({ body }), noSkew).kind).toBe('event');
  });

  it('honours a smaller maxBodyBytes', () => {
    expect(() => verifyCallback(officialPost(), { ...noSkew, maxBodyBytes: 100 })).toThrow(PayloadTooLargeError);
  });
});

describe('dedupKey', () => {
  const sha256 = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;
  const sameSecond = 1_750_000_000;
  const addEvent = (externalUserId: string) =>
    buildCallbackRequest({
      ...keys,
      xml: addExternalContactXml({ corpId: keys.corpId, userId: 'doc01', externalUserId, state: 'ch:1', createTimeS: sameSecond }),
      timestampS: sameSecond,
    });
  const open = (req: { query: CallbackRequest['query']; body: string }) => {
    const result = verifyCallback({ method: 'POST', ...req }, noSkew);
    if (result.kind !== 'event') throw new Error('expected an event');
    return result;
  };

  it('uses msg:<MsgId> when the message has one', () => {
    const req = buildCallbackRequest({
      ...keys,
      xml: appTextXml({ corpId: keys.corpId, fromUserName: 'nurse01', content: '你好', msgId: '7391234567890123456', agentId: 1000002 }),
    });
    expect(open(req).dedupKey).toBe('msg:7391234567890123456');
  });

  it('hashes the plaintext for events: two adds in the same second from sys get different keys', () => {
    const first = open(addEvent('wmCustomerA'));
    const second = open(addEvent('wmCustomerB'));
    expect(first.dedupKey).toBe(sha256(first.plaintext));
    expect(second.dedupKey).toBe(sha256(second.plaintext));
    expect(first.dedupKey).not.toBe(second.dedupKey);
  });

  it('a redelivery (new nonce, new ciphertext, same plaintext) gets the same key', () => {
    const xml = addExternalContactXml({ corpId: keys.corpId, userId: 'doc01', externalUserId: 'wmX', createTimeS: sameSecond });
    const a = open(buildCallbackRequest({ ...keys, xml, timestampS: sameSecond }));
    const b = open(buildCallbackRequest({ ...keys, xml, timestampS: sameSecond + 5 }));
    expect(a.dedupKey).toBe(b.dedupKey);
  });
});
