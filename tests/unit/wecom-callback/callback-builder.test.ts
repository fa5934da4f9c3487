import { describe, expect, it } from 'vitest';
import {
  addExternalContactXml,
  appTextXml,
  buildCallbackRequest,
  buildUrlVerification,
  callbackUrl,
  changeExternalChatXml,
  changeExternalContactXml,
  kfMsgOrEventXml,
  type SandboxEvent,
} from '../../../dev/wecom-sandbox/callback-builder';
import { createCallbackCrypto } from '../../../shared/adapters/wecom/callback/crypto';
import { verifyCallback } from '../../../shared/adapters/wecom/callback/verify';
import { parseXmlRecord } from '../../../shared/adapters/wecom/callback/xml';
import { fixtureText, vectors } from './support';

const { config: keys, urlVerification: A, postMessage: B } = vectors;

describe('reproduces the official vectors byte for byte', () => {
  it('POST: same body and query as Tencent sample vector B', () => {
    const built = buildCallbackRequest({
      ...keys,
      xml: B.plaintext,
      agentId: B.agentId,
      timestampS: Number(B.query.timestamp),
      nonce: B.query.nonce,
      random16: Buffer.from(B.random),
    });
    expect(built.body).toBe(B.body);
    expect(built.query).toEqual(B.query);
  });

  it('GET: same query as Tencent sample vector A, percent-encoded the same way', () => {
    const built = buildUrlVerification({
      ...keys,
      echo: A.echo,
      timestampS: Number(A.query.timestamp),
      nonce: A.query.nonce,
      random16: Buffer.from(A.random),
    });
    expect(built).toEqual({ query: A.query, echo: A.echo });
    const { msg_signature, timestamp, nonce, echostr } = built.query;
    expect(callbackUrl('/cgi-bin/wxpush', { msg_signature, timestamp, nonce, echostr })).toBe(
      `/cgi-bin/wxpush?${A.rawQueryString}`,
    );
  });
});

describe('event XML builders produce the documented shapes', () => {
  it('addExternalContactXml matches the doc payload', () => {
    const xml = addExternalContactXml({
      userId: 'zhangsan',
      externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mAAAA',
      state: 'teststate',
      welcomeCode: 'WELCOMECODE',
      createTimeS: 1403610513,
    });
    expect(parseXmlRecord(xml)).toEqual(parseXmlRecord(fixtureText('add-external-contact.xml')));
    expect(xml).toContain('\t<WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode>\n</xml>');
  });

  it('changeExternalContactXml builds del_external_contact with Source', () => {
    const xml = changeExternalContactXml({
      changeType: 'del_external_contact',
      userId: 'zhangsan',
      externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA',
      source: 'DELETE_BY_TRANSFER',
      createTimeS: 1660989425,
    });
    expect(parseXmlRecord(xml)).toEqual(parseXmlRecord(fixtureText('del-external-contact.xml')));
  });

  it('changeExternalChatXml matches the doc payload, <Item> list included', () => {
    const xml = changeExternalChatXml({
      chatId: 'CHAT_ID',
      changeType: 'update',
      updateDetail: 'add_member',
      joinScene: 1,
      quitScene: 0,
      memChangeCnt: 10,
      memChangeList: ['Jack', 'Rose'],
      lastMemVer: '9c3f97c2ada667dfb5f6d03308d963e1',
      curMemVer: '71217227bbd112ecfe3a49c482195cb4',
      createTimeS: 1403610513,
    });
    expect(xml).toBe(fixtureText('change-external-chat-add-member.xml').trimEnd());
  });

  it('changeExternalChatXml can emit the comma-joined variant', () => {
    const xml = changeExternalChatXml({
      chatId: 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA',
      changeType: 'update',
      updateDetail: 'add_member',
      joinScene: 1,
      memChangeList: ['wmEJiCwAAA9KG2qlSq6rKwASSgAAAA', 'wmEJiCwAAA9KG2qlSq6rKwBBBBBBB'],
      memChangeListStyle: 'csv',
      createTimeS: 1403610513,
    });
    expect(parseXmlRecord(xml)).toEqual(parseXmlRecord(fixtureText('change-external-chat-add-member-csv.xml')));
  });

  it('kfMsgOrEventXml matches the doc payload (no FromUserName)', () => {
    const xml = kfMsgOrEventXml({
      corpId: 'ww12345678910',
      token: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR',
      openKfId: 'wkxxxxxxx',
      createTimeS: 1348831860,
    });
    expect(parseXmlRecord(xml)).toEqual(parseXmlRecord(fixtureText('kf-msg-or-event.xml')));
  });

  it('appTextXml matches the doc payload', () => {
    const xml = appTextXml({ fromUserName: 'fromUser', content: 'this is a test', msgId: '1234567890123456', agentId: 1, createTimeS: 1348831860 });
    expect(parseXmlRecord(xml)).toEqual(parseXmlRecord(fixtureText('app-text.xml')));
  });

  it('content that contains "]]>" survives', () => {
    const xml = appTextXml({ fromUserName: 'u', content: 'a]]>b', msgId: '1', agentId: 1, createTimeS: 1 });
    expect(parseXmlRecord(xml).Content).toBe('a]]>b');
  });
});

describe('round trip through verifyCallback', () => {
  const crypto = createCallbackCrypto({ token: keys.token, encodingAesKey: keys.encodingAesKey, receiveId: keys.corpId });
  const nowS = 1_750_000_000;
  const open = (event: SandboxEvent) => {
    const req = buildCallbackRequest({ ...keys, event, timestampS: nowS });
    const result = verifyCallback({ method: 'POST', ...req }, { crypto, maxSkewS: 300, nowMs: nowS * 1000 });
    if (result.kind !== 'event') throw new Error('expected an event');
    expect(result.plaintext).toBe(req.plaintext);
    return result.event;
  };

  it('add_external_contact, with ToUserName defaulting to the corp', () => {
    expect(
      open({ kind: 'change_external_contact', userId: 'doc01', externalUserId: 'wmA1', state: 'ch:7', welcomeCode: 'WC1', createTimeS: nowS }),
    ).toEqual({
      kind: 'change_external_contact',
      changeType: 'add_external_contact',
      userId: 'doc01',
      externalUserId: 'wmA1',
      state: 'ch:7',
      welcomeCode: 'WC1',
      toUserName: keys.corpId,
      createTimeS: nowS,
    });
  });

  it('change_external_chat del_member', () => {
    expect(
      open({ kind: 'change_external_chat', chatId: 'wrC1', changeType: 'update', updateDetail: 'del_member', quitScene: 1, memChangeList: ['wmA1'], createTimeS: nowS }),
    ).toEqual({
      kind: 'change_external_chat',
      changeType: 'update',
      chatId: 'wrC1',
      updateDetail: 'del_member',
      quitScene: 1,
      memChangeCnt: 1,
      memChangeList: ['wmA1'],
      toUserName: keys.corpId,
      createTimeS: nowS,
    });
  });

  it('kf_msg_or_event', () => {
    expect(open({ kind: 'kf_msg_or_event', token: 'ENCtok', openKfId: 'wkKF1', createTimeS: nowS })).toEqual({
      kind: 'kf_msg_or_event',
      token: 'ENCtok',
      openKfId: 'wkKF1',
      toUserName: keys.corpId,
      createTimeS: nowS,
    });
  });

  it('app text with digit-only ids kept as strings', () => {
    expect(
      open({ kind: 'text', fromUserName: '00123', content: '测一下血压', msgId: '9223372036854775807', agentId: 1000002, createTimeS: nowS }),
    ).toEqual({
      kind: 'text',
      fromUserName: '00123',
      content: '测一下血压',
      msgId: '9223372036854775807',
      agentId: 1000002,
      toUserName: keys.corpId,
      createTimeS: nowS,
    });
  });

  it('defaults: current timestamp, fresh nonce and random each call', () => {
    const event: SandboxEvent = { kind: 'kf_msg_or_event', token: 't', openKfId: 'wk' };
    const a = buildCallbackRequest({ ...keys, event });
    const b = buildCallbackRequest({ ...keys, event });
    expect(Math.abs(Number(a.query.timestamp) * 1000 - Date.now())).toBeLessThan(60_000);
    expect(a.query.nonce).not.toBe(b.query.nonce);
    expect(a.body).not.toBe(b.body);
    for (const req of [a, b]) {
      expect(verifyCallback({ method: 'POST', ...req }, { crypto, maxSkewS: 300, nowMs: Date.now() }).kind).toBe('event');
    }
  });
});
