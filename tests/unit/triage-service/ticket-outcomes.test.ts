import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutcomeEventLog } from '../../../shared/services/outcomes/outcome-events';
import { ingestKf, startHarness, TEAM, type Harness } from './harness';

/* A ticket's first staff answer in the outcome log (shared/services/triage/ticket-outcomes.ts): once, with role, SLA and time. */

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const doctor = { kind: 'staff', staffId: TEAM.family_doctor, role: 'family_doctor' } as const;
const answered = async (memberId: string) => (await createOutcomeEventLog(h.deps.store).ofMember(memberId, ['ticket_answered'])).map((e) => [e.key, e.data]);

describe('ticket_answered', () => {
  it('is the first acknowledgement, within the SLA, timed from the opening; acknowledging again adds nothing', async () => {
    const memberId = await h.addMember('wmAnswer1');
    const opened = await ingestKf(h, 'wmAnswer1', '最近血脂有点高，饮食上要注意什么');
    const ticketId = opened.ticketId as string;
    h.clock.advance(12 * 60_000);
    await h.service.acknowledge(doctor, ticketId);
    h.clock.advance(60_000);
    await h.service.acknowledge(doctor, ticketId);
    expect(await answered(memberId)).toEqual([[ticketId, { role: 'family_doctor', withinSla: true, answeredInMs: 12 * 60_000 }]]);
  });

  it('counts a reply as the answer of an open ticket, and one past the deadline as outside the SLA', async () => {
    const memberId = await h.addMember('wmAnswer2');
    const opened = await ingestKf(h, 'wmAnswer2', '降压药早上吃还是晚上吃');
    const ticketId = opened.ticketId as string;
    const ticket = await h.service.getTicket(doctor, ticketId);
    h.clock.set(ticket.slaDueAtMs + 60_000);
    // The kf window is still open (48 h); the answer comes a minute after the deadline.
    await h.service.reply(doctor, ticketId, { text: '建议早上服用。', key: 'late-0001' });
    const [[key, data]] = (await answered(memberId)) as [[string, Record<string, unknown>]];
    expect(key).toBe(ticketId);
    expect(data).toMatchObject({ role: 'family_doctor', withinSla: false });
    expect(data.answeredInMs).toBe(ticket.slaDueAtMs + 60_000 - ticket.createdAtMs);
  });
});
