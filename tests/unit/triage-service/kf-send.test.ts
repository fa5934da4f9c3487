import { describe, expect, it } from 'vitest';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import { WecomApiError, type KfSendInput, type WecomApi } from '../../../shared/ports/wecom-api';
import { sendInKfWindow } from '../../../shared/services/triage/kf-send';
import { createKfWindow } from '../../../shared/services/triage/kf-window';
import { planReply, sendKfReply, sendOverKfWindow } from '../../../shared/services/triage/reply-customer';
import type { NewTicketEvent } from '../../../shared/services/triage/ticket-events';
import type { StoredClassification, Ticket } from '../../../shared/services/triage/records';

/*
 * The one send inside the 微信客服 window that the triage reply, a staff reply and a released review
 * answer share (shared/services/triage/kf-send.ts): what happens to the window's slot on each WeCom
 * answer, and how each caller reads the same outcome.
 */

const T0 = Date.UTC(2026, 2, 2, 2, 0, 0);
const MEMBER = 'm_kf';
const SESSION = { openKfId: 'wkSession', externalUserId: 'wmSession' };

const wecomError = (errcode: number | null, outcomeUnknown: boolean) =>
  new WecomApiError({ api: 'kf/send_msg', kind: errcode === null ? 'timeout' : 'errcode', errcode, errmsg: 'x', retryable: false, outcomeUnknown });

/** A WeCom whose kf/send_msg answers as told and remembers what it was asked. */
function fakeWecom(answer: () => Promise<{ msgid: string }>) {
  const asked: KfSendInput[] = [];
  const wecom = {
    kfSendMsg: (input: KfSendInput) => {
      asked.push(input);
      return answer();
    },
  } as unknown as WecomApi;
  return { wecom, asked };
}

async function openWindow(atMs = T0) {
  const window = createKfWindow(createEmbeddedStore({ inMemory: true }));
  await window.customerMessage({ memberId: MEMBER, ...SESSION, atMs });
  const spent = async () => (await window.get(MEMBER))?.sentSinceThen;
  return { window, spent };
}

const FAILURES = {
  /** 95001: WeCom counts the window used up. */
  windowSpent: () => wecomError(95001, false),
  /** An errcode that says the send surely did not happen. */
  surelyFailed: () => wecomError(40003, false),
  /** A timeout after the request left: it may have reached the customer. */
  outcomeUnknown: () => wecomError(null, true),
  /** Not a WeCom answer at all. */
  notWecom: () => new Error('socket hang up'),
};

describe('sendInKfWindow', () => {
  it('spends one slot per message sent, addressed to the session unless told otherwise', async () => {
    const { window, spent } = await openWindow();
    const { wecom, asked } = fakeWecom(async () => ({ msgid: 'msg-1' }));
    expect(await sendInKfWindow({ wecom, window }, { memberId: MEMBER, nowMs: T0 + 1, text: '您好' })).toMatchObject({ status: 'sent', msgid: 'msg-1', slot: { sentSinceThen: 1 } });
    await sendInKfWindow({ wecom, window }, { memberId: MEMBER, nowMs: T0 + 2, text: '再见', to: { openKfId: 'wkInbound', externalUserId: 'wmInbound' } });
    expect(asked).toEqual([
      { touser: 'wmSession', openKfId: 'wkSession', msgtype: 'text', text: { content: '您好' } },
      { touser: 'wmInbound', openKfId: 'wkInbound', msgtype: 'text', text: { content: '再见' } },
    ]);
    expect(await spent()).toBe(2);
  });

  it('sends nothing once the window is closed (48 h after the customer’s last message)', async () => {
    const { window } = await openWindow();
    const { wecom, asked } = fakeWecom(async () => ({ msgid: 'msg-1' }));
    expect(await sendInKfWindow({ wecom, window }, { memberId: MEMBER, nowMs: T0 + 48 * 3_600_000, text: '您好' })).toEqual({ status: 'window_closed' });
    expect(asked).toHaveLength(0);
  });

  it.each([
    ['windowSpent', 'window_spent', 5],
    ['surelyFailed', 'failed', 0],
    ['outcomeUnknown', 'unknown', 1],
    ['notWecom', 'unknown', 1],
  ] as const)('on %s the outcome is %s and the window has %i sent', async (failure, status, sentAfter) => {
    const { window, spent } = await openWindow();
    const { wecom } = fakeWecom(() => Promise.reject(FAILURES[failure]()));
    expect((await sendInKfWindow({ wecom, window }, { memberId: MEMBER, nowMs: T0 + 1, text: '您好' })).status).toBe(status);
    expect(await spent()).toBe(sentAfter);
  });
});

describe('the callers read the same outcome their own way', () => {
  const ticket = { _id: 't1', role: 'health_butler', slaDueAtMs: T0 + 3_600_000, assignee: null } as unknown as Ticket;
  const classification = { emergency: false, disposition: 'routine', intent: 'service', redFlags: [] } as unknown as StoredClassification;
  const plan = planReply({ classification, ticket, opened: true, memberKnown: true, text: '积分怎么查', nowMs: T0 });

  async function triageReply(answer: () => Promise<{ msgid: string }>, nowMs = T0 + 1) {
    const { window, spent } = await openWindow();
    const recorded: NewTicketEvent[] = [];
    const { wecom, asked } = fakeWecom(answer);
    const events = { record: async (e: NewTicketEvent) => void recorded.push(e) } as unknown as Parameters<typeof sendKfReply>[0]['events'];
    const state = sendKfReply({ wecom, window, events }, { memberId: MEMBER, openKfId: 'wkInbound', externalUserId: 'wmInbound', plan, ticket, msgKey: 'kf:1', nowMs });
    return { state, recorded, asked, spent };
  }

  it('the triage reply goes to the inbound message’s kf account and records the slots left', async () => {
    const r = await triageReply(async () => ({ msgid: 'msg-1' }));
    expect(await r.state).toBe('sent');
    expect(r.asked[0]).toMatchObject({ touser: 'wmInbound', openKfId: 'wkInbound' });
    expect(r.recorded.map((e) => [e.type, e.meta])).toEqual([['customer_replied', { kind: 'acknowledgement', channel: 'kf', remainingInWindow: 4 }]]);
  });

  it('the triage reply records a closed window as skipped', async () => {
    const r = await triageReply(async () => ({ msgid: 'msg-1' }), T0 + 48 * 3_600_000);
    expect(await r.state).toBe('skipped');
    expect(r.recorded.map((e) => [e.type, e.meta])).toEqual([['reply_skipped', { kind: 'acknowledgement', reason: 'kf_window_closed' }]]);
  });

  it.each([
    ['windowSpent', 'failed', { errcode: 95001, outcomeUnknown: false }],
    ['surelyFailed', 'failed', { errcode: 40003, outcomeUnknown: false }],
    ['outcomeUnknown', 'unknown', { errcode: null, outcomeUnknown: true }],
  ] as const)('the triage reply records %s as reply_failed and ends %s', async (failure, state, meta) => {
    const r = await triageReply(() => Promise.reject(FAILURES[failure]()));
    expect(await r.state).toBe(state);
    expect(r.recorded.map((e) => [e.type, e.meta])).toEqual([['reply_failed', { kind: 'acknowledgement', ...meta }]]);
  });

  it('the triage reply throws an error that is not WeCom’s, keeping the slot and recording nothing', async () => {
    const r = await triageReply(() => Promise.reject(FAILURES.notWecom()));
    await expect(r.state).rejects.toThrow('socket hang up');
    expect(r.recorded).toEqual([]);
    expect(await r.spent()).toBe(1);
  });

  it.each([
    ['windowSpent', 'channel_closed'],
    ['surelyFailed', 'failed'],
    ['outcomeUnknown', 'unknown'],
    ['notWecom', 'unknown'],
  ] as const)('a released review answer reads %s as %s', async (failure, answer) => {
    const { window } = await openWindow();
    const { wecom, asked } = fakeWecom(() => Promise.reject(FAILURES[failure]()));
    const ctx = { deps: { wecom, clock: { nowMs: () => T0 + 1 } }, kfWindow: window };
    expect(await sendOverKfWindow(ctx, MEMBER, '您好')).toBe(answer);
    expect(asked[0]).toMatchObject({ touser: 'wmSession', openKfId: 'wkSession' });
  });
});
