import { describe, expect, it } from 'vitest';
import type { DocumentStore } from '../../../shared/ports/document-store';
import { API_CEILING_PER_MIN } from '../../../shared/services/reminders/api-pacer';
import { REMINDER_MEMBER_STATE } from '../../../shared/services/reminders/member-state';
import { REMINDERS, SHARD_SLOTS, type ReminderDoc } from '../../../shared/services/reminders/reminder-doc';
import { createHarness, T0 } from './harness';

type H = ReturnType<typeof createHarness>;

/** `n` members reachable on kf (even) or by a subscription message (odd), one reminder each. */
async function mixed(h: H, n: number) {
  for (let i = 0; i < n; i += 1) {
    await h.addMember(`m${i}`);
    if (i % 2 === 0) await h.openKf(`m${i}`);
    else await h.subscribe(`m${i}`, 1);
    await h.service.create({ idempotencyKey: `r${i}`, memberId: `m${i}`, kind: 'monitoring', title: `提醒 #${i}` });
  }
}

describe('pacing per API', () => {
  it('a 45009 on kf holds back only kf: subscription messages keep going in the same run', async () => {
    const h = createHarness({ settings: { concurrency: 1 } });
    await mixed(h, 8);
    h.wecom.failNext('kf', 45009);
    const report = await h.service.dispatch();
    expect(report.stoppedBy).toBe('rate_limited');
    expect(h.wecom.deliveries().filter((d) => d.api === 'subscribe')).toHaveLength(4);
    expect(h.wecom.deliveries().filter((d) => d.api === 'kf')).toHaveLength(0);
    // The kf reminders wait for WeCom's block to end, without an attempt counted.
    const kf = await h.store.collection<ReminderDoc>(REMINDERS).find({ status: 'scheduled' });
    expect(kf).toHaveLength(4);
    expect(kf.every((d) => d.attempts === 0 && d.lastDeferral?.reason === 'rate_limited' && d.dueAtMs >= T0 + 59_000)).toBe(true);
    h.clock.advance(60_000);
    await h.service.dispatch();
    expect(h.wecom.deliveries()).toHaveLength(8);
  });

  it('a run never waits past its deadline for a token: it sends what its pace allows and hands the rest back', async () => {
    // Real time frozen: a token that is not there yet would only come after the deadline.
    const h = createHarness({ monotonicNow: () => 0, settings: { concurrency: 2, apiShare: 0.05 } });
    for (let i = 0; i < 12; i += 1) {
      await h.addMember(`m${i}`);
      await h.openKf(`m${i}`);
      await h.service.create({ idempotencyKey: `r${i}`, memberId: `m${i}`, kind: 'monitoring', title: `提醒 #${i}` });
    }
    const report = await h.service.dispatch({ budgetMs: 50 });
    // 5 % of 10 000/min is 500/min; the bucket starts with one second of it (8.3 calls).
    expect(report).toMatchObject({ sent: 8, released: 4, stoppedBy: 'deadline' });
    expect(await h.store.collection<ReminderDoc>(REMINDERS).count({ status: 'scheduled', dueAtMs: T0 })).toBe(4);
  });

  it('only a reminder that got its send slot is reviewed and counted against the member: the ones handed back at the deadline cost no rule writes', async () => {
    // Every write to the members' anti-spam state (reserve, release), counted through the store port.
    let ruleWrites = 0;
    const counting = (store: DocumentStore): DocumentStore => ({
      ...store,
      kind: store.kind,
      close: () => store.close(),
      collection: <T extends { _id: string }>(name: string) => {
        const c = store.collection<T>(name);
        if (name !== REMINDER_MEMBER_STATE) return c;
        const count = <A extends unknown[], R>(fn: (...a: A) => Promise<R>) => (...a: A) => ((ruleWrites += 1), fn(...a));
        return { ...c, updateOne: count(c.updateOne.bind(c)), insert: count(c.insert.bind(c)), updateMany: count(c.updateMany.bind(c)) };
      },
    });
    const h = createHarness({ monotonicNow: () => 0, settings: { concurrency: 2, apiShare: 0.05 } }, undefined, { wrapStore: counting });
    for (let i = 0; i < 12; i += 1) {
      await h.addMember(`m${i}`);
      await h.openKf(`m${i}`);
      await h.service.create({ idempotencyKey: `r${i}`, memberId: `m${i}`, kind: 'monitoring', title: `提醒 #${i}` });
    }
    const report = await h.service.dispatch({ budgetMs: 50 });
    expect(report).toMatchObject({ sent: 8, released: 4 });
    // One reservation per sent reminder; none (and no release) for the four that waited in vain.
    expect(ruleWrites).toBe(8);
  });

  it('a reminder handed back while waiting for kf names kf for the next run, which still sends it and clears the mark', async () => {
    const h = createHarness({ monotonicNow: () => 0, settings: { concurrency: 2, apiShare: 0.05 } });
    for (let i = 0; i < 12; i += 1) {
      await h.addMember(`m${i}`);
      await h.openKf(`m${i}`);
      await h.service.create({ idempotencyKey: `r${String(i).padStart(2, '0')}`, memberId: `m${i}`, kind: 'monitoring', title: `提醒 #${i}` });
    }
    expect(await h.service.dispatch({ budgetMs: 50 })).toMatchObject({ sent: 8, released: 4 });
    const reminders = h.store.collection<ReminderDoc>(REMINDERS);
    const back = await reminders.find({ status: 'scheduled', dueAtMs: T0 });
    expect(back.map((d) => d.routedApi)).toEqual(['kf/send_msg', 'kf/send_msg', 'kf/send_msg', 'kf/send_msg']);
    expect(back.every((d) => d.leaseId === undefined && d.inFlight === undefined)).toBe(true);
    // The next run, with slots to spare: the four go out (the first started, the rest parked until kf wants more), marks cleared.
    const next = h.twin({ settings: { concurrency: 2, batchSize: 1 } });
    expect(await next.dispatch()).toMatchObject({ sent: 4, released: 0, stoppedBy: 'drained' });
    expect(h.wecom.deliveries()).toHaveLength(12);
    expect(await reminders.count({ routedApi: { $exists: true } })).toBe(0);
  });

  it("the next run looks past a previous run's kf leftovers: subscription messages due behind them still go out", async () => {
    const h = createHarness({ monotonicNow: () => 0, settings: { concurrency: 2, apiShare: 0.05 } });
    for (let i = 0; i < 12; i += 1) {
      await h.addMember(`a${i}`);
      await h.openKf(`a${i}`);
      await h.service.create({ idempotencyKey: `a${String(i).padStart(2, '0')}`, memberId: `a${i}`, kind: 'monitoring', title: `提醒 #${i}` });
    }
    expect(await h.service.dispatch({ budgetMs: 50 })).toMatchObject({ sent: 8, released: 4 });
    // Subscription reminders due at the same instant, after the four kf leftovers in the due order.
    for (let i = 0; i < 4; i += 1) {
      await h.addMember(`b${i}`);
      await h.subscribe(`b${i}`, 1);
      await h.service.create({ idempotencyKey: `b${i}`, memberId: `b${i}`, kind: 'monitoring', title: `订阅提醒 #${i}`, startAtMs: T0 });
    }
    // kf has one slot in this run: once it is out of time, nothing it saw asks for more, yet the subscriptions are claimed and sent.
    const next = h.twin({ settings: { concurrency: 2, batchSize: 2, apiCeilingPerMin: { ...API_CEILING_PER_MIN, 'kf/send_msg': 1 } } });
    const report = await next.dispatch({ budgetMs: 50 });
    expect(h.wecom.deliveries().filter((d) => d.api === 'subscribe')).toHaveLength(4);
    expect(report).toMatchObject({ sent: 5, released: 3 });
  });

  it('a fan-out worker paces at its part of the ceiling', async () => {
    const run = async (workers: number) => {
      const h = createHarness({ monotonicNow: () => 0, settings: { concurrency: 2, apiShare: 0.05, fanOut: { mode: 'in_process', workers, threshold: 1_000_000, namespace: 'default' } } });
      for (let i = 0; i < 20; i += 1) {
        await h.addMember(`m${i}`);
        await h.openKf(`m${i}`);
        await h.service.create({ idempotencyKey: `r${i}`, memberId: `m${i}`, kind: 'monitoring', title: `提醒 #${i}` });
      }
      const all = Array.from({ length: SHARD_SLOTS }, (_, s) => s);
      return (await h.service.runCron({ budgetMs: 50, shards: all })).runs[0]?.sent;
    };
    // A run gets at least 1 s: 500/min alone is 8.3 at once plus 8.3 in that second; a quarter of it is a quarter.
    expect(await run(1)).toBe(16);
    expect(await run(4)).toBe(4);
  });
});

describe('tick windows and overlapping batches', () => {
  it('an API that runs out of time does not hold back another: claims go on while subscription messages can still be sent', async () => {
    // Real time frozen: kf (60/min, one token at once) has nothing more before the deadline; subscription messages are unpaced.
    const h = createHarness({
      monotonicNow: () => 0,
      settings: { batchSize: 10, apiCeilingPerMin: { 'kf/send_msg': 60, 'wechat/subscribe/send': 1_000_000_000 } },
    });
    await mixed(h, 60);
    const report = await h.service.dispatch({ budgetMs: 50 });
    expect(h.wecom.deliveries().filter((d) => d.api === 'subscribe')).toHaveLength(30);
    expect(h.wecom.deliveries().filter((d) => d.api === 'kf')).toHaveLength(1);
    expect(report).toMatchObject({ sent: 31, released: 29, stoppedBy: 'deadline' });
    // The kf reminders go back as they were: due, no attempt counted, no lease left.
    const back = await h.store.collection<ReminderDoc>(REMINDERS).find({ status: 'scheduled' });
    expect(back).toHaveLength(29);
    expect(back.every((d) => d.attempts === 0 && d.dueAtMs === T0 && d.leaseId === undefined)).toBe(true);
  });

  it("a member's reminders claimed in different batches still go one after another, in order", async () => {
    const h = createHarness({ settings: { batchSize: 1, concurrency: 4 } });
    await h.addMember('m0');
    await h.openKf('m0');
    for (let i = 0; i < 3; i += 1) await h.service.create({ idempotencyKey: `r${i}`, memberId: 'm0', kind: 'monitoring', title: `第${i}条提醒` });
    const report = await h.service.dispatch();
    expect(report).toMatchObject({ batches: 3, sent: 3 });
    expect(h.wecom.texts('kf')).toEqual(['第0条提醒', '第1条提醒', '第2条提醒'].map((t) => expect.stringContaining(t)));
  });

  it('a run sends only inside its tick window: it ends with the window, and one that starts after it sends nothing', async () => {
    let now = 100_000;
    const h = createHarness({ monotonicNow: () => now, settings: { concurrency: 1 } });
    await mixed(h, 6);
    const late = await h.service.dispatch({ budgetMs: 50_000, sendWindow: { fromMs: 0, toMs: 50_000 } });
    expect(late).toMatchObject({ claimed: 0, sent: 0, stoppedBy: 'deadline' });
    // Each send takes 10 s of real time: the window's end, not the 50 s budget, stops the run after two.
    const run = await h.service.dispatch({ budgetMs: 50_000, sendWindow: { fromMs: 90_000, toMs: 115_000 }, hooks: { afterSend: () => ((now += 10_000), false) } });
    expect(run).toMatchObject({ sent: 2, stoppedBy: 'deadline' });
    expect(h.wecom.deliveries()).toHaveLength(2);
  });
});
