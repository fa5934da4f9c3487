import { describe, expect, it } from 'vitest';
import type { DocumentStore, Update } from '../../../shared/ports/document-store';
import { REMINDER_DEAD_LETTERS, REMINDERS, type ReminderDoc } from '../../../shared/services/reminders/reminder-doc';
import { SUBSCRIPTIONS, subscriptionId } from '../../../shared/services/reminders/subscriptions';
import { DEFAULT_SUBSCRIBE_TEMPLATE } from '../../../shared/services/reminders/settings';
import { createHarness } from './harness';

/** A store whose next `times` in-flight marks on reminders fail (a transient store error right before the send). */
function failingInFlightMarks(times: number) {
  let left = times;
  return (store: DocumentStore): DocumentStore =>
    new Proxy(store, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop);
        if (prop !== 'collection') return typeof value === 'function' ? value.bind(target) : value;
        return (name: string) => {
          const collection = target.collection(name);
          if (name !== REMINDERS) return collection;
          return new Proxy(collection, {
            get(c, p) {
              const v: unknown = Reflect.get(c, p);
              if (p !== 'updateOne') return typeof v === 'function' ? v.bind(c) : v;
              return async (filter: never, update: Update, options?: never) => {
                if (left > 0 && update.$set?.inFlight !== undefined) {
                  left -= 1;
                  throw new Error('store unavailable');
                }
                return c.updateOne(filter, update, options);
              };
            },
          });
        };
      },
    });
}

const remaining = async (h: ReturnType<typeof createHarness>, memberId: string) =>
  ((await h.store.collection(SUBSCRIPTIONS).get(subscriptionId(memberId, DEFAULT_SUBSCRIBE_TEMPLATE))) as { remaining: number } | null)?.remaining;

describe('errors before the WeCom call', () => {
  it('retries a reminder whose in-flight mark failed on a transient store error, then delivers it once', async () => {
    const h = createHarness({ random: () => 0 }, undefined, { wrapStore: failingInFlightMarks(1) });
    await h.addMember('m1');
    await h.subscribe('m1', 1);
    const { reminder } = await h.service.create({ memberId: 'm1', kind: 'medication', title: '请按时服药' });

    const first = await h.service.dispatch();
    expect(first).toMatchObject({ sent: 0, retried: 1, deadLettered: 0 });
    const after = (await h.store.collection<ReminderDoc>(REMINDERS).get(reminder._id)) as ReminderDoc;
    expect(after).toMatchObject({ status: 'scheduled', attempts: 1, lastError: { code: 'pre_send_error' } });
    // The subscription it had reserved is given back.
    expect(await remaining(h, 'm1')).toBe(1);

    h.clock.set(after.dueAtMs);
    expect(await h.service.dispatch()).toMatchObject({ sent: 1 });
    expect(h.wecom.sent.map((s) => s.api)).toEqual(['subscribe']);
    expect(await h.store.collection(REMINDER_DEAD_LETTERS).count({})).toBe(0);
  });

  it('retries when the client fails before anything goes on the wire (reading its access token)', async () => {
    const h = createHarness({ random: () => 0 });
    await h.addMember('m1');
    const { reminder } = await h.service.create({ memberId: 'm1', kind: 'staff_follow_up', audience: 'family_doctor', title: '随访' });
    h.wecom.throwNext('app', new Error('token cache unavailable'));

    expect(await h.service.dispatch()).toMatchObject({ sent: 0, retried: 1 });
    const after = (await h.store.collection<ReminderDoc>(REMINDERS).get(reminder._id)) as ReminderDoc;
    expect(after).toMatchObject({ status: 'scheduled', attempts: 1, lastError: { code: 'send_not_attempted' } });
    h.clock.set(after.dueAtMs);
    expect(await h.service.dispatch()).toMatchObject({ sent: 1 });
    expect(h.wecom.sent.map((s) => s.api === 'app' && s.input.touser)).toEqual([['doc-1']]);
  });
});

describe('mini-program credentials absent', () => {
  it('skips the subscription channel for the run and sends through the next channel, keeping the subscriptions', async () => {
    const h = createHarness({ settings: { concurrency: 1 } });
    h.wecom.miniProgramConfigured = false;
    for (const m of ['m1', 'm2']) {
      await h.addMember(m);
      await h.subscribe(m, 2);
      await h.service.create({ memberId: m, kind: 'monitoring', title: '请测量血压' });
    }

    const report = await h.service.dispatch();
    expect(report).toMatchObject({ sent: 2, deadLettered: 0, byChannel: { mass_task: 2, subscribe_message: 0 } });
    const docs = await h.store.collection<ReminderDoc>(REMINDERS).find({});
    expect(docs.map((d) => [d.status, d.channel, d.inFlight])).toEqual([
      ['sent', 'mass_task', undefined],
      ['sent', 'mass_task', undefined],
    ]);
    expect(await remaining(h, 'm1')).toBe(2);
    expect(await remaining(h, 'm2')).toBe(2);
    // Learnt once per run: the second member's reminder does not try it again.
    expect(h.wecom.subscribeAttempts).toBe(1);
  });
});
