import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardTitle, ingestKf, startHarness, TEAM, textOf, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe('routing to the assignee by role (docs/prd.md §2.6.2)', () => {
  it.each([
    ['我最近老是头晕，血压偏高，要不要去医院', 'family_doctor', TEAM.family_doctor, '家庭医生（王医生）'],
    ['用药提醒在哪里设置，想改一下时间', 'health_butler', TEAM.health_butler, '健康管家（李管家）'],
    ['我的积分可以兑换体检套餐吗', 'rights_consultant', TEAM.rights_consultant, '权益顾问（赵顾问）'],
    ['理赔需要准备哪些材料', 'insurance_consultant', TEAM.insurance_consultant, '保险顾问（钱顾问）'],
  ] as const)('%s → %s', async (text, role, assignee, named) => {
    await h.addMember('wmRouting');
    const result = await ingestKf(h, 'wmRouting', text);
    expect(result).toMatchObject({ outcome: 'processed', role, emergency: false });
    const ticket = await h.ticket(result.ticketId as string);
    expect(ticket).toMatchObject({ role, assignee, status: 'open', emergency: false });

    const cards = h.sent('message/send').filter((s) => (s.body as { msgtype: string }).msgtype === 'textcard');
    expect(cards.map((c) => c.touser)).toEqual([[assignee]]);
    expect(cardTitle(cards[0] as never)).toBe('新的客户服务工单');
    const reply = textOf(h.sent('kf/send_msg', 'wmRouting')[0]);
    expect(reply).toContain(named);
    expect(reply).toContain('不能替代医生面诊');
  });

  it('gives basic guidance with the acknowledgement of a service question, and none for other roles', async () => {
    await h.addMember('wmGuide');
    await ingestKf(h, 'wmGuide', '体检报告怎么上传到小程序');
    expect(textOf(h.sent('kf/send_msg', 'wmGuide')[0])).toContain('「上传报告」');
    await h.addMember('wmNoGuide');
    await ingestKf(h, 'wmNoGuide', '续保保费多少');
    expect(textOf(h.sent('kf/send_msg', 'wmNoGuide')[0])).not.toContain('小程序');
  });

  it('states the SLA due time in Shanghai time: 2 working hours for the doctor, 30 minutes for the butler', async () => {
    await h.addMember('wmSla');
    const doctor = await ingestKf(h, 'wmSla', '孩子发烧38度要吃什么药');
    const butler = await ingestKf(h, 'wmSla', '小程序登不上去');
    expect((await h.ticket(doctor.ticketId as string)).slaDueAtMs - h.clock.nowMs()).toBe(2 * 3_600_000);
    expect((await h.ticket(butler.ticketId as string)).slaDueAtMs - h.clock.nowMs()).toBe(30 * 60_000);
    // 10:00 Shanghai + 2 h → "今天 12:00".
    expect(textOf(h.sent('kf/send_msg', 'wmSla')[0])).toContain('预计今天 12:00前回复');
  });

  it('records an unassigned ticket when the member has nobody in that role, and tells nobody', async () => {
    await h.addMember('wmNoIc', { family_doctor: TEAM.family_doctor });
    const result = await ingestKf(h, 'wmNoIc', '理赔需要准备哪些材料');
    const ticket = await h.ticket(result.ticketId as string);
    expect(ticket.assignee).toBeNull();
    expect((await h.events(ticket._id)).map((e) => e.type)).toContain('unassigned');
    expect(h.sent('message/send')).toHaveLength(0);
  });

  it('answers a customer who is not a member yet by asking them to join; their ticket waits under the id they will get', async () => {
    const result = await ingestKf(h, 'wmStranger', '你们这个健康服务怎么加入');
    const ticket = await h.ticket(result.ticketId as string);
    expect(ticket.memberKnown).toBe(false);
    expect(textOf(h.sent('kf/send_msg', 'wmStranger')[0])).toContain('还没有开通健康管理服务');
    expect(h.sent('message/send')).toHaveLength(0);
  });

  it('sends a stranger’s emergency to the doctor on call, with first aid for the customer', async () => {
    const result = await ingestKf(h, 'wmStrangerSos', '我妈突然说话不清楚，嘴歪了，一边手没力气');
    const ticket = await h.ticket(result.ticketId as string);
    expect(ticket).toMatchObject({ emergency: true, assignee: 'oncall-1', onCallList: ['oncall-2'] });
    expect(h.sent('message/send').map((s) => s.touser)).toEqual([['oncall-1'], ['oncall-2']]);
    const reply = textOf(h.sent('kf/send_msg', 'wmStrangerSos')[0]);
    expect(reply).toContain('120');
    expect(reply).toContain('疑似中风');
    expect(reply).toContain('我们已通知值班医生');
  });
});
