import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../shared/adapters/wecom/callback/events';
import { parseXmlRecord } from '../../../shared/adapters/wecom/callback/xml';
import { fixtureText, vectors } from './support';

const eventOf = (xml: string) => parseEvent(parseXmlRecord(xml));
const fixtureEvent = (name: string) => eventOf(fixtureText(name));

describe('known events from real payloads', () => {
  it('add_external_contact carries staff, customer, state and welcome code', () => {
    expect(fixtureEvent('add-external-contact.xml')).toEqual({
      kind: 'change_external_contact',
      changeType: 'add_external_contact',
      userId: 'zhangsan',
      externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mAAAA',
      state: 'teststate',
      welcomeCode: 'WELCOMECODE',
      toUserName: 'toUser',
      createTimeS: 1403610513,
    });
  });

  it('del_external_contact carries its Source', () => {
    expect(fixtureEvent('del-external-contact.xml')).toEqual({
      kind: 'change_external_contact',
      changeType: 'del_external_contact',
      userId: 'zhangsan',
      externalUserId: 'woAJ2GCAAAXtWyujaWJHDDGi0mACAAAA',
      source: 'DELETE_BY_TRANSFER',
      toUserName: 'toUser',
      createTimeS: 1660989425,
    });
  });

  it('change_external_chat add_member with an <Item> list', () => {
    expect(fixtureEvent('change-external-chat-add-member.xml')).toEqual({
      kind: 'change_external_chat',
      changeType: 'update',
      chatId: 'CHAT_ID',
      updateDetail: 'add_member',
      joinScene: 1,
      quitScene: 0,
      memChangeCnt: 10,
      memChangeList: ['Jack', 'Rose'],
      lastMemVer: '9c3f97c2ada667dfb5f6d03308d963e1',
      curMemVer: '71217227bbd112ecfe3a49c482195cb4',
      toUserName: 'toUser',
      createTimeS: 1403610513,
    });
  });

  it('change_external_chat with a comma-joined MemChangeList', () => {
    const event = fixtureEvent('change-external-chat-add-member-csv.xml');
    expect(event).toMatchObject({
      kind: 'change_external_chat',
      chatId: 'wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA',
      memChangeCnt: 2,
      memChangeList: ['wmEJiCwAAA9KG2qlSq6rKwASSgAAAA', 'wmEJiCwAAA9KG2qlSq6rKwBBBBBBB'],
    });
  });

  it('kf_msg_or_event (no FromUserName)', () => {
    expect(fixtureEvent('kf-msg-or-event.xml')).toEqual({
      kind: 'kf_msg_or_event',
      token: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR',
      openKfId: 'wkxxxxxxx',
      toUserName: 'ww12345678910',
      createTimeS: 1348831860,
    });
  });

  it('app text message keeps MsgId as a string', () => {
    expect(fixtureEvent('app-text.xml')).toEqual({
      kind: 'text',
      fromUserName: 'fromUser',
      content: 'this is a test',
      msgId: '1234567890123456',
      agentId: 1,
      toUserName: 'toUser',
      createTimeS: 1348831860,
    });
    const official = eventOf(vectors.postMessage.plaintext);
    expect(official).toMatchObject({ kind: 'text', msgId: '4561255354251345929', agentId: 218, content: 'hello' });
  });
});

describe('optional fields', () => {
  const addXml = (extra: string) =>
    `<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[add_external_contact]]></ChangeType><UserID><![CDATA[doc01]]></UserID><ExternalUserID><![CDATA[wmABC]]></ExternalUserID>${extra}</xml>`;

  it('absent State/WelcomeCode leave no keys behind', () => {
    const event = eventOf(addXml(''));
    expect(event.kind).toBe('change_external_contact');
    expect(Object.keys(event)).not.toContain('welcomeCode');
    expect(Object.keys(event)).not.toContain('state');
  });

  it('an empty WelcomeCode counts as absent', () => {
    const event = eventOf(addXml('<State><![CDATA[ch:42]]></State><WelcomeCode><![CDATA[]]></WelcomeCode>'));
    expect(event).toMatchObject({ state: 'ch:42' });
    expect(Object.keys(event)).not.toContain('welcomeCode');
  });

  it('a chat create event has no update detail or member fields', () => {
    const event = eventOf(
      '<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[wrX]]></ChatId><ChangeType><![CDATA[create]]></ChangeType></xml>',
    );
    expect(event).toEqual({ kind: 'change_external_chat', changeType: 'create', chatId: 'wrX', toUserName: 'ww1', createTimeS: 1700000000 });
  });
});

describe('unknown events are kept, never rejected', () => {
  it('an event we do not model keeps all its fields', () => {
    expect(fixtureEvent('enter-agent.xml')).toEqual({
      kind: 'unknown',
      msgType: 'event',
      event: 'enter_agent',
      fields: {
        ToUserName: 'toUser',
        FromUserName: 'FromUser',
        CreateTime: '1408091189',
        MsgType: 'event',
        Event: 'enter_agent',
        EventKey: '',
        AgentID: '1',
      },
    });
  });

  it('a new ChangeType falls back to unknown with the issue named', () => {
    const xml = fixtureText('add-external-contact.xml').replace('add_external_contact', 'brand_new_change');
    const event = eventOf(xml);
    expect(event.kind).toBe('unknown');
    if (event.kind !== 'unknown') return;
    expect(event.changeType).toBe('brand_new_change');
    expect(event.fields.ExternalUserID).toBe('woAJ2GCAAAXtWyujaWJHDDGi0mAAAA');
    expect(event.issues?.map((i) => i.field)).toContain('ChangeType');
  });

  it('a known event missing a required field is unknown with issues', () => {
    const xml = fixtureText('add-external-contact.xml').replace(/<ExternalUserID>.*<\/ExternalUserID>/, '');
    const event = eventOf(xml);
    expect(event).toMatchObject({ kind: 'unknown', event: 'change_external_contact' });
    if (event.kind !== 'unknown') return;
    expect(event.issues?.map((i) => i.field)).toEqual(['ExternalUserID']);
  });

  it('a chat update without UpdateDetail is unknown with issues', () => {
    const xml = fixtureText('change-external-chat-add-member.xml').replace(/<UpdateDetail>.*<\/UpdateDetail>/, '');
    const event = eventOf(xml);
    expect(event.kind).toBe('unknown');
    if (event.kind !== 'unknown') return;
    expect(event.issues?.map((i) => i.field)).toEqual(['UpdateDetail']);
  });

  it('other message types (image) are unknown', () => {
    const event = eventOf(
      '<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[u1]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://x]]></PicUrl><MsgId>1</MsgId><AgentID>1</AgentID></xml>',
    );
    expect(event).toMatchObject({ kind: 'unknown', msgType: 'image' });
  });
});
