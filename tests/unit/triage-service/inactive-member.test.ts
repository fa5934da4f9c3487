import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MEMBERS, type Member, type MemberStatus } from '../../../shared/services/members/member';
import { cardTitle, ingestKf, startHarness, TEAM, textOf, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const doctor = { kind: 'staff', staffId: TEAM.family_doctor, role: 'family_doctor' } as const;
const cardsTo = (userid: string) => h.sent('message/send', userid).filter((s) => (s.body as { msgtype: string }).msgtype === 'textcard');
const setStatus = (memberId: string, status: MemberStatus) => h.deps.store.collection<Member>(MEMBERS).updateOne({ _id: memberId }, { $set: { status } });
const lastReply = (externalUserId: string) => textOf(h.sent('kf/send_msg', externalUserId).at(-1));

const ROUTINE = '我最近老是头晕，血压偏高，要不要去医院';
const STROKE = '我妈突然说话不清楚，嘴歪了，一边手没力气';

describe('a member who is no longer active writes (consent withdrawn, erased)', () => {
  it('does not reach the team’s open ticket or the team: a ticket of its own, the generic reply asking to consent again or rejoin', async () => {
    const memberId = await h.addMember('wmWithdrew');
    const before = await ingestKf(h, 'wmWithdrew', ROUTINE);
    await h.service.acknowledge(doctor, before.ticketId as string);
    const teamTicket = await h.ticket(before.ticketId as string);
    expect(cardsTo(TEAM.family_doctor)).toHaveLength(1);

    await setStatus(memberId, 'consent_withdrawn');
    h.clock.advance(60_000);
    const after = await ingestKf(h, 'wmWithdrew', '降压药要不要加量');

    expect(after.ticketId).not.toBe(before.ticketId);
    expect(await h.ticket(after.ticketId as string)).toMatchObject({ memberId, memberKnown: false, assignee: null, status: 'open' });
    // The team's ticket is untouched and its doctor hears nothing more.
    expect(await h.ticket(before.ticketId as string)).toEqual(teamTicket);
    expect(cardsTo(TEAM.family_doctor)).toHaveLength(1);
    const reply = lastReply('wmWithdrew');
    expect(reply).toContain('重新填写健康表单');
    expect(reply).toContain('加入健康社群');
    expect(reply).toContain('不能替代医生面诊');
    expect(reply).not.toContain('王医生');
  });

  it('still answers an emergency with 120 and first aid and alerts the doctors on call, not the former team', async () => {
    const memberId = await h.addMember('wmWithdrewSos');
    await ingestKf(h, 'wmWithdrewSos', ROUTINE);
    await setStatus(memberId, 'consent_withdrawn');

    const sos = await ingestKf(h, 'wmWithdrewSos', STROKE);
    expect(await h.ticket(sos.ticketId as string)).toMatchObject({ memberKnown: false, emergency: true, assignee: 'oncall-1', onCallList: ['oncall-2'] });
    expect(cardsTo('oncall-1').map(cardTitle)).toEqual(['【紧急】客户求助工单']);
    expect(cardsTo('oncall-2').map(cardTitle)).toEqual(['【紧急·值班】客户求助工单']);
    expect(cardsTo(TEAM.family_doctor)).toHaveLength(1);
    const reply = lastReply('wmWithdrewSos');
    expect(reply).toContain('120');
    expect(reply).toContain('疑似中风');
    expect(reply).toContain('我们已通知值班医生');
  });

  it('treats an erased member like a stranger: generic reply, nobody on the old team told', async () => {
    const memberId = await h.addMember('wmErased');
    await h.deps.store.collection<Member>(MEMBERS).updateOne({ _id: memberId }, { $set: { status: 'erased', team: {} } });
    const result = await ingestKf(h, 'wmErased', ROUTINE);
    expect(await h.ticket(result.ticketId as string)).toMatchObject({ memberKnown: false, assignee: null });
    expect(lastReply('wmErased')).toContain('还没有开通健康管理服务');
    expect(h.sent('message/send')).toHaveLength(0);
  });

  it('routes to the team again once the member is active again (consent renewed)', async () => {
    const memberId = await h.addMember('wmRenewed');
    await setStatus(memberId, 'consent_withdrawn');
    const guest = await ingestKf(h, 'wmRenewed', ROUTINE);
    await setStatus(memberId, 'active');
    const back = await ingestKf(h, 'wmRenewed', '降压药要不要加量');
    expect(back.ticketId).not.toBe(guest.ticketId);
    expect(await h.ticket(back.ticketId as string)).toMatchObject({ memberKnown: true, assignee: TEAM.family_doctor });
    expect(cardsTo(TEAM.family_doctor).map(cardTitle)).toEqual(['新的客户服务工单']);
    expect(lastReply('wmRenewed')).toContain('王医生');
  });
});
