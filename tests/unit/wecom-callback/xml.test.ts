import { describe, expect, it } from 'vitest';
import { createCallbackCrypto } from '../../../shared/adapters/wecom/callback/crypto';
import { buildEncryptedReply } from '../../../shared/adapters/wecom/callback/reply';
import { cdata, parseEnvelope, parseXmlRecord } from '../../../shared/adapters/wecom/callback/xml';
import { expectCallbackError, fixtureText, vectors } from './support';

describe('parseXmlRecord', () => {
  it('keeps every value a string, including 64-bit MsgId and numeric fields', () => {
    const record = parseXmlRecord(vectors.postMessage.plaintext);
    expect(record).toEqual({
      ToUserName: 'wx5823bf96d3bd56c7',
      FromUserName: 'mycreate',
      CreateTime: '1409659813',
      MsgType: 'text',
      Content: 'hello',
      MsgId: '4561255354251345929', // as a number this would round to …5930
      AgentID: '218',
    });
  });

  it('keeps digit-only UserIDs with leading zeros, and empty elements as empty strings', () => {
    const record = parseXmlRecord(
      '<xml><UserID><![CDATA[007]]></UserID><ExternalUserID>0012345</ExternalUserID><State></State><Flag/></xml>',
    );
    expect(record).toEqual({ UserID: '007', ExternalUserID: '0012345', State: '', Flag: '' });
  });

  it('keeps CDATA content verbatim: whitespace, markup and entities are not interpreted', () => {
    const record = parseXmlRecord('<xml><Content><![CDATA[  血压 <b>135</b> &amp; 心率\n]]></Content></xml>');
    expect(record.Content).toBe('  血压 <b>135</b> &amp; 心率\n');
  });

  it('does not expand entities outside CDATA either', () => {
    expect(parseXmlRecord('<xml><A>a &amp; b &#60;</A></xml>').A).toBe('a &amp; b &#60;');
  });

  it('rejects DOCTYPE / ENTITY declarations', () => {
    expectCallbackError(
      () => parseXmlRecord("<!DOCTYPE xml [<!ENTITY x 'boom'>]><xml><A>&x;</A></xml>"),
      'bad_request',
      'malformed_xml',
    );
  });

  it.each([
    ['unclosed tag', '<xml><A>1</A>'],
    ['not XML', 'hello'],
    ['empty', ''],
    ['two roots', '<xml></xml><xml></xml>'],
    ['wrong root', '<root><A>1</A></root>'],
    ['text root', '<xml>just text</xml>'],
    ['mismatched tags', '<xml><A>1</B></xml>'],
  ])('rejects malformed input: %s', (_name, xml) => {
    const err = expectCallbackError(() => parseXmlRecord(xml), 'bad_request', 'malformed_xml');
    expect(err.status).toBe(400);
  });

  it('accepts an empty <xml/> document as an empty record', () => {
    expect(parseXmlRecord('<xml></xml>')).toEqual({});
  });

  it('cannot pollute Object.prototype through element names', () => {
    try {
      parseXmlRecord('<xml><__proto__><polluted>yes</polluted></__proto__><constructor>x</constructor></xml>');
    } catch {
      // rejecting is fine too; what matters is the prototype below
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads MemChangeList as a list, even with one <Item>', () => {
    expect(parseXmlRecord('<xml><MemChangeList><Item>Jack</Item></MemChangeList></xml>').MemChangeList).toEqual({
      Item: ['Jack'],
    });
    expect(parseXmlRecord(fixtureText('change-external-chat-add-member.xml')).MemChangeList).toEqual({
      Item: ['Jack', 'Rose'],
    });
  });
});

describe('parseEnvelope', () => {
  it('reads the official POST body', () => {
    expect(parseEnvelope(vectors.postMessage.body)).toEqual({
      toUserName: 'wx5823bf96d3bd56c7',
      encrypt: vectors.postMessage.encrypt,
      agentId: '218',
    });
  });

  it('accepts a body with only <Encrypt> (customer-contact callbacks)', () => {
    expect(parseEnvelope('<xml><Encrypt><![CDATA[abc]]></Encrypt></xml>')).toEqual({ encrypt: 'abc' });
  });

  it('rejects a body without <Encrypt>, or with an empty one', () => {
    expectCallbackError(() => parseEnvelope('<xml><ToUserName>x</ToUserName></xml>'), 'bad_request', 'missing_encrypt');
    expectCallbackError(() => parseEnvelope('<xml><Encrypt></Encrypt></xml>'), 'bad_request', 'missing_encrypt');
  });

  it('rejects a body that is not XML', () => {
    expectCallbackError(() => parseEnvelope('{"encrypt":"abc"}'), 'bad_request', 'malformed_envelope');
  });

  it('reads a laid-out envelope like the compact one, and refuses two <Encrypt> whatever the layout', () => {
    const laidOut = '<?xml version="1.0"?>\n<xml>\n  <ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n  <AgentID>218</AgentID>\n  <Encrypt>\n    <![CDATA[abc=]]>\n  </Encrypt>\n</xml>';
    expect(parseEnvelope(laidOut)).toEqual({ toUserName: 'wx5823bf96d3bd56c7', encrypt: 'abc=', agentId: '218' });
    expectCallbackError(() => parseEnvelope('<xml><Encrypt><![CDATA[abc]]></Encrypt><Encrypt><![CDATA[def]]></Encrypt></xml>'), 'bad_request', 'missing_encrypt');
  });
});

describe('reply XML', () => {
  it('cdata() cannot be closed early by the text', () => {
    const xml = `<xml><A>${cdata('a]]>b<c/>')}</A></xml>`;
    expect(parseXmlRecord(xml).A).toBe('a]]>b<c/>');
  });

  it('builds the encrypted passive reply of the derived vector', () => {
    const { config, derivedReply: E } = vectors;
    const c = createCallbackCrypto({ token: config.token, encodingAesKey: config.encodingAesKey, receiveId: config.corpId });
    const xml = buildEncryptedReply(c, E.plaintext, {
      timestampS: E.timestampS,
      nonce: E.nonce,
      random16: Buffer.from(E.random),
    });
    expect(parseXmlRecord(xml)).toEqual({
      Encrypt: E.encrypt,
      MsgSignature: E.msgSignature,
      TimeStamp: String(E.timestampS),
      Nonce: E.nonce,
    });
    expect(c.decrypt(E.encrypt)).toBe(E.plaintext);
  });
});
