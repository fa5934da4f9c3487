import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memberIdForExternalUser } from '../../../shared/services/members/member';
import { MESSAGES, TICKETS, type TriageMessage } from '../../../shared/services/triage';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const who = async (ext: string) => {
  const memberId = memberIdForExternalUser(h.deps.config.WECOM_CORP_ID, ext);
  return { memberId, member: await h.deps.members.get(memberId), memberKnown: true };
};

describe('a message has its effects once', () => {
  it('a replayed message answers "duplicate" with the same ticket and sends nothing again', async () => {
    await h.addMember('wmReplay');
    const inbound = await h.kfMessage('wmReplay', '保单快到期了怎么续保');
    const first = await h.service.ingest(inbound, await who('wmReplay'));
    const replays = await Promise.all([1, 2, 3].map(async () => h.service.ingest(inbound, await who('wmReplay'))));
    expect(replays.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(replays.map((r) => r.ticketId)).toEqual([first.ticketId, first.ticketId, first.ticketId]);
    expect(h.sent('kf/send_msg')).toHaveLength(1);
    expect(h.sent('message/send')).toHaveLength(1);
  });

  it('the same message ingested concurrently opens one ticket and replies once', async () => {
    await h.addMember('wmRace');
    const inbound = await h.kfMessage('wmRace', '我想预约体检');
    const results = await Promise.all([1, 2, 3, 4].map(async () => h.service.ingest(inbound, await who('wmRace'))));
    expect(results.filter((r) => r.outcome === 'processed')).toHaveLength(1);
    expect(await h.deps.store.collection(TICKETS).count({})).toBe(1);
    expect(h.sent('kf/send_msg')).toHaveLength(1);
  });

  it('two different messages of one member racing for a new ticket end up in one ticket', async () => {
    await h.addMember('wmTwo');
    const a = await h.kfMessage('wmTwo', '积分怎么兑换');
    const b = await h.kfMessage('wmTwo', '体检卡在哪里领');
    const [ra, rb] = await Promise.all([h.service.ingest(a, await who('wmTwo')), h.service.ingest(b, await who('wmTwo'))]);
    expect(ra?.ticketId).toBe(rb?.ticketId);
    expect(await h.deps.store.collection(TICKETS).count({})).toBe(1);
    expect(await h.deps.store.collection(MESSAGES).count({ ticketId: ra?.ticketId as string })).toBe(2);
  });

  it('after a failed notification the replay finishes the job without replying to the customer twice', async () => {
    await h.addMember('wmFail');
    const inbound = await h.kfMessage('wmFail', '最近胃不舒服，吃完饭就胀');
    await h.admin.injectFault({ path: '/cgi-bin/message/send', count: 2, kind: 'errcode', errcode: -1 });
    await expect(h.service.ingest(inbound, await who('wmFail'))).rejects.toMatchObject({ name: 'WecomApiError' });
    const record = (await h.deps.store.collection<TriageMessage>(MESSAGES).get(inbound.msgKey)) as TriageMessage;
    expect(record).toMatchObject({ status: 'failed', reply: 'sent' });
    expect(record.notified).toBeUndefined();
    expect(h.sent('kf/send_msg')).toHaveLength(1);

    // The sweep (run after every kf sync) picks it up.
    expect(await h.service.resumePending()).toEqual({ resumed: 1, failed: 0 });
    expect(h.sent('kf/send_msg')).toHaveLength(1);
    expect(h.sent('message/send', 'doc-1')).toHaveLength(1);
    const done = await h.deps.store.collection<TriageMessage>(MESSAGES).get(inbound.msgKey);
    expect(done).toMatchObject({ status: 'done', notified: true, attempts: 2 });
    expect((await h.service.ingest(inbound, await who('wmFail'))).outcome).toBe('duplicate');
    const events = await h.events(record.ticketId as string);
    expect(events.map((e) => e.type)).toEqual(['opened', 'classified', 'customer_replied', 'notify_failed', 'staff_notified']);
  });

  it('a message held by a worker that went quiet is taken over once its lease ran out', async () => {
    await h.addMember('wmStalled');
    const inbound = await h.kfMessage('wmStalled', '手环数据怎么同步');
    const memberId = memberIdForExternalUser(h.deps.config.WECOM_CORP_ID, 'wmStalled');
    const plain = h.deps.cipher.encryptFields({ text: inbound.text }, ['text'], memberId);
    await h.deps.store.collection(MESSAGES).insert({
      _id: inbound.msgKey, channel: 'kf', memberId, memberKnown: true, text: plain.text, atMs: inbound.atMs, receivedAtMs: inbound.atMs,
      openKfId: inbound.channel === 'kf' ? inbound.openKfId : '', externalUserId: 'wmStalled', status: 'processing', attempts: 1, leaseUntilMs: h.clock.nowMs() + 30_000,
    });
    expect((await h.service.ingest(inbound, await who('wmStalled'))).outcome).toBe('in_progress');
    expect(h.sent('kf/send_msg')).toHaveLength(0);
    h.clock.advance(30_001);
    expect((await h.service.ingest(inbound, await who('wmStalled'))).outcome).toBe('processed');
    expect(h.sent('kf/send_msg')).toHaveLength(1);
  });
});
