import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardTitle, ingestKf, startHarness, TEAM, textOf, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const cardsTo = (userId: string) =>
  h.sent('message/send').filter((s) => (s.body as { msgtype: string }).msgtype === 'textcard' && (s.touser as string[]).includes(userId));

describe('urgent: a doctor today (docs/reference/clinical-triage.md §2)', () => {
  it('goes to the family doctor on a 30-minute clock, and tells the member when and which signs mean 120', async () => {
    await h.addMember('wmUrgent');
    const result = await ingestKf(h, 'wmUrgent', '刚量的血压170/105，头有点胀');
    expect(result).toMatchObject({ outcome: 'processed', role: 'family_doctor', emergency: false });
    const ticket = await h.ticket(result.ticketId as string);
    expect(ticket).toMatchObject({ urgent: true, emergency: false, assignee: TEAM.family_doctor, slaDueAtMs: h.clock.nowMs() + 30 * 60_000 });
    expect(cardsTo(TEAM.family_doctor).map(cardTitle)).toEqual(['【今日】需医生当天处理的工单']);
    const reply = textOf(h.sent('kf/send_msg', 'wmUrgent')[0]);
    expect(reply).toContain('今天请医生看一下');
    expect(reply).toContain('立即拨打120');
    expect(reply).toContain('180/110');
  });

  it('routine medical questions keep the family doctor’s working-hours clock', async () => {
    await h.addMember('wmRoutine');
    const result = await ingestKf(h, 'wmRoutine', '最近血脂有点高，饮食要注意什么');
    const ticket = await h.ticket(result.ticketId as string);
    expect(ticket.urgent).toBe(false);
    expect(ticket.slaDueAtMs - h.clock.nowMs()).toBeGreaterThan(30 * 60_000);
  });
});

describe('emergency replies', () => {
  it('give one instruction set that never puts aspirin next to "nothing by mouth"', async () => {
    await h.addMember('wmBoth');
    await ingestKf(h, 'wmBoth', '我爸胸口剧痛，左边胳膊也麻了，嘴也歪了');
    const reply = textOf(h.sent('kf/send_msg', 'wmBoth')[0]);
    expect(reply).toContain('120');
    expect(reply).toContain('不要喂水喂药');
    expect(reply).not.toContain('阿司匹林');
  });

  it('reach members who write in English, pinyin or Cantonese', async () => {
    for (const [member, text] of [
      ['wmEn', 'my dad collapsed and is not breathing'],
      ['wmPy', 'wo ma hun mi le jiao bu xing'],
      ['wmYue', '阿爸晕低咗，叫极都唔醒'],
    ] as const) {
      await h.addMember(member);
      const result = await ingestKf(h, member, text);
      expect(result, text).toMatchObject({ emergency: true, role: 'family_doctor' });
      expect(textOf(h.sent('kf/send_msg', member)[0])).toContain('120');
    }
  });
});
