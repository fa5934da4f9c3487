import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTicketSlaSource } from '../../../shared/services/triage';
import { dueSlaBreaches, recordEscalated } from '../../../shared/services/reminders/sla';
import { cardTitle, ingestKf, startHarness, TEAM, textOf, type Harness } from './harness';
import { triageOptions } from '../../../shared/services/triage/context';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const doctor = { kind: 'staff', staffId: TEAM.family_doctor, role: 'family_doctor' } as const;
const cardsTo = (userid: string) => h.sent('message/send', userid).filter((s) => (s.body as { msgtype: string }).msgtype === 'textcard');

describe('one open ticket per member and role', () => {
  it('appends a follow-up to the open ticket: history grows, no second card, no second kf reply', async () => {
    const memberId = await h.addMember('wmAppend');
    const first = await ingestKf(h, 'wmAppend', '最近血压偏高，收缩压150左右');
    h.clock.advance(60_000);
    const second = await ingestKf(h, 'wmAppend', '降压药要不要加量');
    expect(second.ticketId).toBe(first.ticketId);
    const detail = await h.service.getTicket(doctor, first.ticketId as string);
    expect(detail.memberId).toBe(memberId);
    expect(detail.messages.filter((m) => m.from === 'member').map((m) => m.text)).toEqual(['最近血压偏高，收缩压150左右', '降压药要不要加量']);
    // The conversation as the customer saw it: our acknowledgement sits between their two messages.
    expect(detail.messages.map((m) => m.from)).toEqual(['member', 'butler', 'member']);
    expect(detail.messages[1]?.text).toBe(textOf(h.sent('kf/send_msg', 'wmAppend')[0]));
    expect(detail.events.map((e) => e.type)).toEqual(['opened', 'classified', 'customer_replied', 'staff_notified', 'message_appended', 'classified']);
    expect(cardsTo(TEAM.family_doctor)).toHaveLength(1);
    expect(h.sent('kf/send_msg', 'wmAppend')).toHaveLength(1);
  });

  it('keeps roles apart: an insurance question opens its own ticket for the insurance consultant', async () => {
    await h.addMember('wmTwoRoles');
    const medical = await ingestKf(h, 'wmTwoRoles', '体检报告上说甲状腺结节是什么意思');
    const insurance = await ingestKf(h, 'wmTwoRoles', '有结节还能买重疾险吗');
    expect(insurance.ticketId).not.toBe(medical.ticketId);
    expect((await h.ticket(insurance.ticketId as string)).assignee).toBe(TEAM.insurance_consultant);
    // The consultant sees their ticket, not the doctor's.
    const ic = { kind: 'staff', staffId: TEAM.insurance_consultant, role: 'insurance_consultant' } as const;
    await expect(h.service.getTicket(ic, medical.ticketId as string)).rejects.toMatchObject({ status: 403, code: 'not_own_team' });
    expect((await h.service.listTickets(ic, { mine: '1', limit: 50 })).map((t) => t.id)).toEqual([insurance.ticketId]);
  });

  it('opens a new ticket after the last one was closed', async () => {
    await h.addMember('wmReopen');
    const first = await ingestKf(h, 'wmReopen', '最近总失眠怎么办');
    await h.service.close(doctor, first.ticketId as string, { resolution: 'answered' });
    const next = await ingestKf(h, 'wmReopen', '又开始失眠了');
    expect(next.ticketId).not.toBe(first.ticketId);
    expect((await h.ticket(next.ticketId as string)).status).toBe('open');
    expect(cardsTo(TEAM.family_doctor)).toHaveLength(2);
  });

  it('tells whoever acknowledged the ticket about a new message, without health text in the card', async () => {
    await h.addMember('wmAcked');
    const first = await ingestKf(h, 'wmAcked', '孩子咳嗽一周了');
    await h.service.acknowledge(doctor, first.ticketId as string);
    await ingestKf(h, 'wmAcked', '现在晚上咳得更厉害了');
    const cards = cardsTo(TEAM.family_doctor);
    expect(cards.map(cardTitle)).toEqual(['新的客户服务工单', '工单有客户新消息']);
    expect(JSON.stringify(cards.map((c) => c.body))).not.toContain('咳');
  });

  it('turns an acknowledged routine doctor ticket into an emergency: new 5-minute SLA, fresh acknowledgement needed, on-call told', async () => {
    await h.addMember('wmUpgrade');
    const first = await ingestKf(h, 'wmUpgrade', '最近血脂有点高，饮食要注意什么');
    await h.service.acknowledge(doctor, first.ticketId as string);
    h.clock.advance(3 * 3_600_000);
    const second = await ingestKf(h, 'wmUpgrade', '现在胸口压着像石头一样，喘不上气，出了一身冷汗');
    expect(second).toMatchObject({ ticketId: first.ticketId, emergency: true });

    const ticket = await h.ticket(first.ticketId as string);
    expect(ticket).toMatchObject({ emergency: true, status: 'open', slaStartAtMs: h.clock.nowMs(), slaDueAtMs: h.clock.nowMs() + 5 * 60_000 });
    expect(ticket.acknowledgedAtMs).toBeUndefined();
    expect(cardsTo(TEAM.family_doctor).map(cardTitle)).toEqual(['新的客户服务工单', '【紧急】客户求助工单']);
    expect(cardsTo('oncall-1').map(cardTitle)).toEqual(['【紧急·值班】客户求助工单']);
    expect(textOf(h.sent('kf/send_msg', 'wmUpgrade').at(-1))).toContain('120');
    expect((await h.events(ticket._id)).map((e) => e.type)).toContain('upgraded_to_emergency');

    const sla = createTicketSlaSource(h.deps.store);
    expect(await sla.unacknowledgedBefore(ticket.slaDueAtMs - 1, 10)).toEqual([]);
    const [due] = await sla.unacknowledgedBefore(ticket.slaDueAtMs, 10);
    // The SLA clock restarts at the upgrade: createdAtMs is the emergency's start, not the ticket's.
    expect(due).toMatchObject({ ticketId: ticket._id, emergency: true, createdAtMs: ticket.slaStartAtMs, acknowledgedAtMs: null, onCallList: ['oncall-1', 'oncall-2'] });
    // The reminder cron's view: after one window the second doctor on call; once recorded, not again.
    const [breach] = await dueSlaBreaches(h.deps.store, sla, ticket.slaDueAtMs);
    expect(breach).toMatchObject({ step: { action: 'escalate', level: 1, to: 'oncall-2' } });
    await recordEscalated(h.deps.store, ticket._id, 1, ticket.slaDueAtMs);
    expect(await dueSlaBreaches(h.deps.store, sla, ticket.slaDueAtMs + 60_000)).toEqual([]);
    expect((await h.service.getTicket(doctor, ticket._id)).escalationLevel).toBe(1);
    // Past the whole list (2 on call × 5 min): the supervisors.
    const [exhausted] = await dueSlaBreaches(h.deps.store, sla, ticket.slaStartAtMs + 10 * 60_000);
    expect(exhausted).toMatchObject({ step: { action: 'exhausted', level: 2 } });
  });

  it('acknowledging twice is harmless; closing frees the slot; a closed ticket cannot be acknowledged', async () => {
    await h.addMember('wmLifecycle');
    const { ticketId } = await ingestKf(h, 'wmLifecycle', '膝盖疼要注意什么');
    const id = ticketId as string;
    expect((await h.service.acknowledge(doctor, id)).status).toBe('acknowledged');
    h.clock.advance(1000);
    expect((await h.service.acknowledge(doctor, id)).acknowledgedAtMs).toBe(h.clock.nowMs() - 1000);
    expect((await h.service.close(doctor, id, { resolution: 'referred' })).status).toBe('closed');
    await expect(h.service.acknowledge(doctor, id)).rejects.toMatchObject({ status: 409, code: 'ticket_closed' });
    const audit = await h.deps.audit.query({ memberId: (await h.ticket(id)).memberId });
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual(expect.arrayContaining(['ticket.ack:done', 'ticket.close:done', 'triage.message:done', 'ticket.ack:allowed']));
  });
});

describe('configured emergency acknowledgement window', () => {
  it('opens emergencies with TRIAGE_EMERGENCY_ACK_MINUTES and hands the same window to the SLA escalation', async () => {
    const h = await startHarness();
    try {
      const options = triageOptions({ ...h.deps, config: { ...h.deps.config, TRIAGE_EMERGENCY_ACK_MINUTES: 2 } });
      expect(options.emergencyAckMinutes).toBe(2);
      const service = h.withService({ options });
      await h.addMember('wmAck');
      const outcome = await ingestKf(h, 'wmAck', '我爸突然胸口疼得厉害，一直出冷汗');
      const ticket = await h.ticket((outcome as { ticketId: string }).ticketId);
      expect(ticket.slaDueAtMs - ticket.slaStartAtMs).toBe(2 * 60_000);
      const [due] = await service.slaSource().unacknowledgedBefore(ticket.slaDueAtMs, 10);
      expect(due).toMatchObject({ ticketId: ticket._id, emergencyAckMinutes: 2 });
    } finally {
      await h.close();
    }
  });
});
