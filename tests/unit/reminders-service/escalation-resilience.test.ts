import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../shared/domain/reminders/shanghai-time';
import { REMINDERS, type ReminderDoc } from '../../../shared/services/reminders/reminder-doc';
import type { SlaTicketRef, SlaTicketSource } from '../../../shared/services/reminders/sla';
import { createHarness, T0 } from './harness';

class FakeTickets implements SlaTicketSource {
  failing = false;
  constructor(public tickets: SlaTicketRef[]) {}
  async unacknowledgedBefore(nowMs: number, limit: number) {
    if (this.failing) throw new Error('tickets collection unavailable');
    return this.tickets.filter((t) => t.createdAtMs < nowMs && !t.acknowledgedAtMs).slice(0, limit);
  }
}

const emergency = (ticketId: string, memberId: string): SlaTicketRef => ({
  ticketId,
  memberId,
  emergency: true,
  createdAtMs: T0 - 6 * MINUTE_MS,
  role: 'family_doctor',
  onCallList: [`${ticketId}-oncall-1`, `${ticketId}-oncall-2`],
});

describe('one bad escalation never stops the minute run', () => {
  it('escalates the other tickets and delivers the due reminders when one escalation cannot be created', async () => {
    const blocked = emergency('t-blocked', 'm1');
    const fine = emergency('t-fine', 'm2');
    const source = new FakeTickets([blocked, fine]);
    const h = createHarness({ slaTickets: source });
    for (const m of ['m1', 'm2', 'm3']) await h.addMember(m);
    await h.openKf('m3');
    await h.service.create({ memberId: 'm3', kind: 'monitoring', title: '请测量血压' });
    // Something else already holds the ids the escalation of t-blocked would take (each key format).
    for (const key of [`sla:t-blocked:1`, `sla:t-blocked:${blocked.createdAtMs}:1`]) {
      await h.service.create({ idempotencyKey: key, memberId: 'm1', kind: 'monitoring', title: '占位' });
    }

    const report = await h.service.runCron({ budgetMs: 10_000 });
    expect(report.escalated).toBe(1);
    const apps = h.wecom.sent.flatMap((s) => (s.api === 'app' ? [s.input.touser] : []));
    expect(apps).toEqual([['t-fine-oncall-2']]);
    expect(h.wecom.sent.some((s) => s.api === 'kf' && s.input.text.content === '请测量血压')).toBe(true);
    // The failed one is not recorded as notified: the next minute tries it again; the sent one is.
    expect((await h.service.dueSlaBreaches(h.clock.nowMs())).map((b) => b.ticket.ticketId)).toEqual(['t-blocked']);
  });

  it('still dispatches when the ticket source cannot be read', async () => {
    const source = new FakeTickets([emergency('t1', 'm1')]);
    source.failing = true;
    const h = createHarness({ slaTickets: source });
    await h.addMember('m1');
    await h.openKf('m1');
    const { reminder } = await h.service.create({ memberId: 'm1', kind: 'medication', title: '请按时服药' });

    const report = await h.service.runCron({ budgetMs: 10_000 });
    expect(report.escalated).toBe(0);
    expect(report.runs[0]?.sent).toBe(1);
    expect(await h.store.collection<ReminderDoc>(REMINDERS).get(reminder._id)).toMatchObject({ status: 'sent', channel: 'kf' });

    // Back the next minute: the escalation goes out then.
    source.failing = false;
    h.clock.advance(MINUTE_MS);
    expect((await h.service.runCron({ budgetMs: 10_000 })).escalated).toBe(1);
    expect(h.wecom.sent.flatMap((s) => (s.api === 'app' ? [s.input.touser] : []))).toEqual([['t1-oncall-2']]);
  });
});
