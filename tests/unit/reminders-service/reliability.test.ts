import { describe, expect, it } from 'vitest';
import { REMINDERS, type ReminderDoc } from '../../../shared/services/reminders/reminder-doc';
import { createHarness, T0 } from './harness';

type H = ReturnType<typeof createHarness>;
const doc = (h: H, id: string) => h.store.collection<ReminderDoc>(REMINDERS).get(id) as Promise<ReminderDoc>;
const LEASE = 120_000;

async function members(h: H, n: number, title = (i: number) => `提醒 #${i}`) {
  for (let i = 0; i < n; i += 1) {
    await h.addMember(`m${i}`);
    await h.openKf(`m${i}`);
    await h.service.create({ idempotencyKey: `r${i}`, memberId: `m${i}`, kind: 'monitoring', title: title(i) });
  }
}

describe('leases and crashes', () => {
  it('a run that dies after sending (before recording) keeps its lease; after expiry the reminder is not sent again', async () => {
    const h = createHarness();
    await members(h, 1);
    const crashed = await h.service.dispatch({ hooks: { afterSend: () => true } });
    expect(crashed.stoppedBy).toBe('crashed');
    expect(await doc(h, 'r0')).toMatchObject({ status: 'leased', inFlight: { channel: 'kf' } });

    // Before the lease runs out nobody touches it.
    h.clock.advance(LEASE - 1);
    expect((await h.service.dispatch()).claimed).toBe(0);

    h.clock.advance(2);
    const recovery = await h.service.dispatch();
    expect(recovery).toMatchObject({ claimed: 1, sent: 0, uncertain: 1 });
    expect(h.wecom.sent).toHaveLength(1);
    expect(await doc(h, 'r0')).toMatchObject({ status: 'sent', sentOccurrence: `r0@${T0}`, lastError: { code: 'outcome_unknown' } });
    expect(await h.service.deadLetters()).toMatchObject([{ reminderId: 'r0', reason: 'outcome_unknown', code: 'interrupted_send', channel: 'kf' }]);
  });

  it('reminders claimed by a crashed run but not yet sent go out after the lease expires, once each', async () => {
    const h = createHarness({ settings: { concurrency: 1 } });
    await members(h, 5);
    let sends = 0;
    await h.service.dispatch({ hooks: { afterSend: () => (sends += 1) === 2 } });
    expect(h.wecom.sent).toHaveLength(2);
    h.clock.advance(LEASE + 1);
    await h.service.dispatch();
    const to = h.wecom.deliveries().map((d) => d.to).sort();
    expect(to).toEqual(['kfext-m0', 'kfext-m1', 'kfext-m2', 'kfext-m3', 'kfext-m4']);
  });

  it('a crash after the anti-spam slot was taken does not make the retry look like a duplicate', async () => {
    const h = createHarness({ settings: { concurrency: 1 } });
    for (let i = 0; i < 3; i += 1) {
      await h.addMember(`m${i}`);
      await h.service.create({ idempotencyKey: `r${i}`, memberId: `m${i}`, kind: 'monitoring', title: `血压提醒${i}` });
    }
    // Three mass tasks; the run dies after the first call, the other two had their slots counted.
    await h.service.dispatch({ hooks: { afterSend: () => true } });
    expect(h.wecom.deliveries()).toHaveLength(1);
    h.clock.advance(LEASE + 1);
    const recovery = await h.service.dispatch();
    expect(recovery).toMatchObject({ sent: 2, deferred: 0, uncertain: 1 });
    expect(h.wecom.deliveries().map((d) => d.to).sort()).toEqual(['ext-m0', 'ext-m1', 'ext-m2']);
  });

  it('a recurring reminder crashed mid-send moves on to its next occurrence without resending', async () => {
    const h = createHarness();
    await h.addMember('m1');
    await h.openKf('m1');
    await h.service.create({ idempotencyKey: 'd', memberId: 'm1', kind: 'monitoring', title: '测血压', recurrence: { type: 'daily', time: '10:00' } });
    await h.service.dispatch({ hooks: { afterSend: () => true } });
    h.clock.advance(LEASE + 1);
    await h.service.dispatch();
    expect(h.wecom.sent).toHaveLength(1);
    expect(await doc(h, 'd')).toMatchObject({ status: 'scheduled', dueAtMs: T0 + 86_400_000, sentOccurrence: `d@${T0}` });
  });

  it('two dispatchers over one store at once deliver every reminder exactly once', async () => {
    const h = createHarness({ settings: { batchSize: 7, concurrency: 3 } });
    await members(h, 60);
    const other = h.twin();
    const [a, b] = await Promise.all([h.service.dispatch(), other.dispatch()]);
    const to = h.wecom.deliveries().map((d) => d.to);
    expect(to).toHaveLength(60);
    expect(new Set(to).size).toBe(60);
    expect(a.sent + b.sent).toBe(60);
    expect(a.claimed + b.claimed).toBe(60);
  });
});

describe('failures and retries', () => {
  it('retries a retryable errcode with backoff, then dead-letters it for ops without its text', async () => {
    const h = createHarness();
    await members(h, 1, () => '请测量血糖');
    h.wecom.failNext('kf', -1, 10);
    await h.service.dispatch();
    let d = await doc(h, 'r0');
    expect(d).toMatchObject({ status: 'scheduled', attempts: 1, lastError: { code: 'system_busy', errcode: -1 } });
    expect(d.dueAtMs).toBeGreaterThanOrEqual(T0 + 1000);
    // -1: "建议重试次数不超过3次" → three attempts in all.
    for (let i = 0; i < 2; i += 1) {
      h.clock.set(d.dueAtMs);
      await h.service.dispatch();
      d = await doc(h, 'r0');
    }
    expect(d).toMatchObject({ status: 'dead', attempts: 3 });
    const letters = await h.service.deadLetters();
    expect(letters).toMatchObject([{ reminderId: 'r0', memberId: 'm0', reason: 'retries_exhausted', code: 'system_busy', errcode: -1, attempts: 3, channel: 'kf' }]);
    expect(JSON.stringify(letters)).not.toContain('血糖');
    expect(h.wecom.sent).toHaveLength(0);
  });

  it('fails a final errcode at once and keeps a recurring series going', async () => {
    const h = createHarness();
    await h.addMember('m1');
    await h.service.create({ idempotencyKey: 'd', memberId: 'm1', kind: 'monitoring', title: '测血压', recurrence: { type: 'daily', time: '10:00' } });
    h.wecom.failNext('mass', 48002);
    await h.service.dispatch();
    expect(await doc(h, 'd')).toMatchObject({ status: 'scheduled', dueAtMs: T0 + 86_400_000, attempts: 0, lastError: { code: 'api_not_permitted' } });
    expect(await h.service.deadLetters()).toMatchObject([{ reason: 'final_error', code: 'api_not_permitted' }]);
  });

  it('does not resend when the outcome is unknown (timeout after the request left)', async () => {
    const h = createHarness();
    await members(h, 1);
    h.wecom.failNext('kf', null, 1, 'timeout');
    const report = await h.service.dispatch();
    expect(report).toMatchObject({ uncertain: 1, retried: 0 });
    expect(await doc(h, 'r0')).toMatchObject({ status: 'sent', lastError: { code: 'outcome_unknown' } });
    expect((await h.service.deadLetters())[0]).toMatchObject({ reason: 'outcome_unknown', code: 'wecom_timeout' });
  });

  it('a rate-limit errcode pauses that API until its block ends and leaves reminders scheduled, not failed', async () => {
    const h = createHarness();
    for (let i = 0; i < 6; i += 1) {
      await h.addMember(`m${i}`);
      await h.service.create({ idempotencyKey: `r${i}`, memberId: `m${i}`, kind: 'monitoring', title: `t${i}` });
    }
    h.wecom.failNext('mass', 45009);
    const report = await h.service.dispatch({ budgetMs: 5000 });
    expect(report.stoppedBy).toBe('rate_limited');
    expect(report.rateLimitSignals).toBeGreaterThanOrEqual(1);
    const docs = await h.store.collection<ReminderDoc>(REMINDERS).find({});
    // Calls already under way finish; nothing fails, nothing counts as an attempt.
    expect(docs.every((d) => ['sent', 'scheduled'].includes(d.status) && d.attempts === 0 && !d.lastError)).toBe(true);
    expect(await doc(h, 'r0')).toMatchObject({ status: 'scheduled', dueAtMs: T0 + 60_000, lastDeferral: { reason: 'rate_limited' } });
    // Calls already under way when the 45009 came finish; the rest wait for the block to end.
    expect(report.deferred).toBeGreaterThanOrEqual(1);
    expect(report.sent + report.deferred).toBe(6);
    // Next minute, WeCom lets us through again.
    h.clock.advance(60_000);
    await h.service.dispatch();
    expect(h.wecom.deliveries().map((d) => d.to).sort()).toEqual(['ext-m0', 'ext-m1', 'ext-m2', 'ext-m3', 'ext-m4', 'ext-m5']);
  });

  it("a client's rate-limit signal (its own short retry) holds that API back, and every reminder still goes out", async () => {
    const h = createHarness({ settings: { concurrency: 8 } });
    await members(h, 12);
    h.wecom.rateLimitNext('kf', 20);
    const report = await h.service.dispatch();
    expect(report).toMatchObject({ sent: 12, rateLimitSignals: 1 });
  });

  it('stops before the time limit and hands the rest back for the next tick', async () => {
    let now = 0;
    const h = createHarness({ monotonicNow: () => now, settings: { concurrency: 1 } });
    await members(h, 5);
    const report = await h.service.dispatch({ budgetMs: 10_000, hooks: { afterSend: () => ((now += 6_000), false) } });
    expect(report).toMatchObject({ stoppedBy: 'deadline', sent: 2, released: 3 });
    const pending = await h.store.collection<ReminderDoc>(REMINDERS).find({ status: 'scheduled' });
    expect(pending).toHaveLength(3);
    expect(pending.every((d) => d.leaseId === undefined)).toBe(true);
    now = 0;
    await h.service.dispatch();
    expect(h.wecom.deliveries()).toHaveLength(5);
  });
});
