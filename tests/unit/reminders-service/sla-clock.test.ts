import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../shared/domain/reminders/shanghai-time';
import { SLA_ESCALATIONS, recordEscalated, type SlaEscalationDoc, type SlaTicketRef, type SlaTicketSource } from '../../../shared/services/reminders/sla';
import { createHarness, T0 } from './harness';

class FakeTickets implements SlaTicketSource {
  constructor(public tickets: SlaTicketRef[]) {}
  async unacknowledgedBefore(nowMs: number, limit: number) {
    return this.tickets.filter((t) => t.createdAtMs < nowMs && !t.acknowledgedAtMs).slice(0, limit);
  }
}

/** A routine butler question (30 minutes around the clock, nobody else on the list): past its window, the supervisor hears. */
const routine: SlaTicketRef = {
  ticketId: 't-upgrade',
  memberId: 'm1',
  emergency: false,
  createdAtMs: T0 - 31 * MINUTE_MS,
  role: 'health_butler',
  onCallList: ['hb-1'],
  supervisorUserIds: ['sup-1'],
};

describe('SLA escalation per SLA clock', () => {
  it('escalates a ticket that turned into an emergency to the on-call doctors on the emergency clock, after its routine escalation', async () => {
    const source = new FakeTickets([routine]);
    const h = createHarness({ slaTickets: source });
    await h.addMember('m1');
    const recipients = () => h.wecom.sent.flatMap((s) => (s.api === 'app' ? [[s.input.touser].flat().join('|')] : []));

    await h.service.runCron({ budgetMs: 10_000 });
    expect(recipients()).toEqual(['sup-1']);

    // Triage: a red flag turns it into an emergency — new SLA clock, new on-call list.
    const upgradedAtMs = T0 + 2 * MINUTE_MS;
    source.tickets = [{ ...routine, emergency: true, role: 'family_doctor', createdAtMs: upgradedAtMs, onCallList: ['oncall-1', 'oncall-2', 'oncall-3'], emergencyAckMinutes: 5 }];

    h.clock.set(upgradedAtMs + 5 * MINUTE_MS);
    await h.service.runCron({ budgetMs: 10_000 });
    expect(recipients()).toEqual(['sup-1', 'oncall-2']);
    expect(h.wecom.texts('app').at(-1)).toContain('【紧急】工单 t-upgrade 已 5 分钟无人确认（第 1 级升级）');

    // Once per level on the new clock too.
    h.clock.advance(MINUTE_MS);
    await h.service.runCron({ budgetMs: 10_000 });
    expect(recipients()).toEqual(['sup-1', 'oncall-2']);

    h.clock.set(upgradedAtMs + 10 * MINUTE_MS);
    await h.service.runCron({ budgetMs: 10_000 });
    h.clock.set(upgradedAtMs + 15 * MINUTE_MS);
    await h.service.runCron({ budgetMs: 10_000 });
    expect(recipients()).toEqual(['sup-1', 'oncall-2', 'oncall-3', 'sup-1']);
    expect(h.wecom.texts('app').at(-1)).toContain('【紧急】工单 t-upgrade 已通知全部值班人员');

    // The recorded level is the emergency clock's (what triage shows in the ticket detail).
    expect(await h.store.collection<SlaEscalationDoc>(SLA_ESCALATIONS).get('t-upgrade')).toMatchObject({ level: 3, clockAtMs: upgradedAtMs });
  });

  it('reads a level recorded before clocks were kept as the current clock only when written after that clock started', async () => {
    const emergency: SlaTicketRef = { ...routine, emergency: true, role: 'family_doctor', createdAtMs: T0 - 6 * MINUTE_MS, onCallList: ['oncall-1', 'oncall-2'] };
    const h = createHarness({ slaTickets: new FakeTickets([emergency]) });
    const levels = h.store.collection<SlaEscalationDoc>(SLA_ESCALATIONS);

    // Written during the routine clock, before the emergency started: it does not hold the emergency back.
    await levels.insert({ _id: 't-upgrade', level: 1, updatedAtMs: emergency.createdAtMs - MINUTE_MS });
    expect((await h.service.dueSlaBreaches(T0)).map((b) => b.notify)).toEqual([['oncall-2']]);

    // Written on this clock (by the version before clocks were recorded): already notified, not again.
    await levels.updateOne({ _id: 't-upgrade' }, { $set: { updatedAtMs: emergency.createdAtMs + 5 * MINUTE_MS } });
    expect(await h.service.dueSlaBreaches(T0)).toEqual([]);
  });

  it('moves the recorded level up on one clock only, and lets a later clock replace an earlier one', async () => {
    const h = createHarness();
    const levels = h.store.collection<SlaEscalationDoc>(SLA_ESCALATIONS);
    const first = { ticketId: 't1', createdAtMs: T0 };
    await recordEscalated(h.store, first, 2, T0 + 10 * MINUTE_MS);
    await recordEscalated(h.store, first, 1, T0 + 11 * MINUTE_MS);
    expect(await levels.get('t1')).toMatchObject({ level: 2, clockAtMs: T0 });

    const second = { ticketId: 't1', createdAtMs: T0 + 20 * MINUTE_MS };
    await recordEscalated(h.store, second, 1, T0 + 25 * MINUTE_MS);
    expect(await levels.get('t1')).toMatchObject({ level: 1, clockAtMs: second.createdAtMs });
    // A slow run still finishing the old clock does not take the record back.
    await recordEscalated(h.store, first, 3, T0 + 26 * MINUTE_MS);
    expect(await levels.get('t1')).toMatchObject({ level: 1, clockAtMs: second.createdAtMs });
  });
});
