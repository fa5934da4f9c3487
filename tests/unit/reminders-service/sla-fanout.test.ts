import { describe, expect, it } from 'vitest';
import { createScfInvoker, type ScfInvokeClient } from '../../../functions/reminder-cron/scf-invoker';
import { MINUTE_MS } from '../../../shared/domain/reminders/shanghai-time';
import { createInProcessInvoker, partitionShards, shardPayloadOf, type ShardPayload } from '../../../shared/services/reminders/fan-out';
import { REMINDERS, SHARD_SLOTS, type ReminderDoc } from '../../../shared/services/reminders/reminder-doc';
import { settingsFromEnv } from '../../../shared/services/reminders/settings';
import type { SlaTicketRef, SlaTicketSource } from '../../../shared/services/reminders/sla';
import { createHarness, T0 } from './harness';

class FakeTickets implements SlaTicketSource {
  constructor(public tickets: SlaTicketRef[]) {}
  async unacknowledgedBefore(nowMs: number, limit: number) {
    return this.tickets.filter((t) => t.createdAtMs < nowMs && !t.acknowledgedAtMs).slice(0, limit);
  }
}

describe('SLA escalation of unacknowledged triage tickets', () => {
  const emergency: SlaTicketRef = { ticketId: 't-em', memberId: 'm1', emergency: true, createdAtMs: T0 - 11 * MINUTE_MS, role: 'family_doctor', onCallList: ['doc-a', 'doc-b', 'doc-c'] };
  const routine: SlaTicketRef = { ticketId: 't-rt', memberId: 'm2', emergency: false, createdAtMs: T0 - 70 * MINUTE_MS, role: 'health_butler', onCallList: ['hb-a', 'hb-b'], supervisorUserIds: ['sup-1'] };

  it('finds breaches emergencies first and notifies the next on-call once per level, before routine reminders', async () => {
    const source = new FakeTickets([routine, emergency]);
    const h = createHarness({ slaTickets: source });
    await h.addMember('m1');
    await h.addMember('m2');
    await h.addMember('m3');
    await h.service.create({ memberId: 'm3', kind: 'monitoring', title: '常规提醒', startAtMs: T0 - 30 * MINUTE_MS });

    const breaches = await h.service.dueSlaBreaches(T0);
    // 11 min = two 5-minute windows → level 2 → the third on the list; the butler's 30-minute clock ran out twice → supervisor.
    expect(breaches.map((b) => [b.ticket.ticketId, b.step.action, b.step.level, b.notify])).toEqual([
      ['t-em', 'escalate', 2, ['doc-c']],
      ['t-rt', 'exhausted', 2, ['sup-1']],
    ]);

    await h.service.runCron({ budgetMs: 10_000 });
    const apps = h.wecom.sent.filter((s) => s.api === 'app');
    expect(apps.map((s) => s.api === 'app' && s.input.touser)).toEqual([['doc-c'], ['sup-1']]);
    expect(h.wecom.sent[0]?.api).toBe('app');
    expect(h.wecom.texts('app')[0]).toMatch(/^【工单超时】【紧急】工单 t-em 已 11 分钟无人确认（第 2 级升级）/);

    // The next minute: nothing new to say at the same levels.
    h.clock.advance(MINUTE_MS);
    await h.service.runCron({ budgetMs: 10_000 });
    expect(h.wecom.sent.filter((s) => s.api === 'app')).toHaveLength(2);
    expect(await h.service.dueSlaBreaches(h.clock.nowMs())).toEqual([]);

    // Acknowledged tickets drop out; a further level of the emergency would notify again.
    source.tickets = [emergency];
    h.clock.set(T0 + 5 * MINUTE_MS);
    expect((await h.service.dueSlaBreaches(h.clock.nowMs())).map((b) => b.step)).toMatchObject([{ action: 'exhausted', level: 3 }]);
  });

  it("follows the ticket's own emergency window per on-call step", async () => {
    const h = createHarness({ slaTickets: new FakeTickets([{ ...emergency, emergencyAckMinutes: 10 }]) });
    // 11 minutes at 10 per step: one step down the list, not two.
    expect((await h.service.dueSlaBreaches(T0)).map((b) => [b.step.level, b.notify])).toEqual([[1, ['doc-b']]]);
  });

  it('runs without a ticket source', async () => {
    const h = createHarness();
    expect(await h.service.dueSlaBreaches(T0)).toEqual([]);
    expect((await h.service.runCron({ budgetMs: 1000 })).escalated).toBe(0);
  });
});

describe('fan-out over shards', () => {
  it('splits the 64 slots into disjoint, complete groups', () => {
    const groups = partitionShards(4);
    expect(groups).toHaveLength(4);
    expect(groups.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: SHARD_SLOTS }, (_, i) => i));
    expect(partitionShards(1)).toEqual([Array.from({ length: SHARD_SLOTS }, (_, i) => i)]);
  });

  it('reads a worker payload from the timer message and ignores anything else', () => {
    expect(shardPayloadOf(JSON.stringify({ shards: [1, 5, 5] }))).toEqual({ shards: [1, 5] });
    expect(shardPayloadOf('')).toBeUndefined();
    expect(shardPayloadOf('hello')).toBeUndefined();
    expect(shardPayloadOf(JSON.stringify({ shards: [64] }))).toBeUndefined();
  });

  it('a large backlog is spread over workers on disjoint shards; every reminder goes out once', async () => {
    const h = createHarness({ settings: { fanOut: { mode: 'in_process', workers: 4, threshold: 20, namespace: 'default' }, batchSize: 10 } });
    for (let i = 0; i < 40; i += 1) {
      await h.addMember(`m${i}`);
      await h.openKf(`m${i}`);
      await h.service.create({ memberId: `m${i}`, kind: 'monitoring', title: `提醒${i}` });
    }
    const workerShards: number[][] = [];
    const invoker = createInProcessInvoker(async (p) => {
      workerShards.push(p.shards);
      return h.service.runCron({ shards: p.shards, budgetMs: 10_000 });
    });
    const report = await h.service.runCron({ budgetMs: 10_000, invoker });
    expect(report).toMatchObject({ mode: 'fan_out', invoked: 3, invokeFailures: 0 });
    expect(workerShards).toEqual(partitionShards(4).slice(1));
    const to = h.wecom.deliveries().map((d) => d.to);
    expect(to).toHaveLength(40);
    expect(new Set(to).size).toBe(40);
    const own = new Set(partitionShards(4)[0]);
    const docs = await h.store.collection<ReminderDoc>(REMINDERS).find({});
    expect(report.runs[0]?.sent).toBe(docs.filter((d) => own.has(d.shard)).length);
  });

  it("workers are handed the tick's send window, so every run of a tick sends inside the same one", async () => {
    const h = createHarness({ settings: { fanOut: { mode: 'in_process', workers: 2, threshold: 1, namespace: 'default' } } });
    for (let i = 0; i < 4; i += 1) {
      await h.addMember(`m${i}`);
      await h.openKf(`m${i}`);
      await h.service.create({ memberId: `m${i}`, kind: 'monitoring', title: `提醒${i}` });
    }
    const started: ShardPayload[] = [];
    const sendWindow = { fromMs: Date.now() - 1000, toMs: Date.now() + 49_000 };
    await h.service.runCron({ budgetMs: 10_000, sendWindow, invoker: createInProcessInvoker(async (p) => started.push(p)) });
    expect(started).toEqual([{ shards: partitionShards(2)[1], sendWindow }]);
    // Through the SCF event and back.
    expect(shardPayloadOf(JSON.stringify(started[0]))).toEqual(started[0]);
  });

  it('below the threshold one run does it all and no worker is started', async () => {
    const h = createHarness({ settings: { fanOut: { mode: 'in_process', workers: 4, threshold: 100, namespace: 'default' } } });
    await h.addMember('m1');
    await h.service.create({ memberId: 'm1', kind: 'monitoring', title: 'x' });
    const started: ShardPayload[] = [];
    const report = await h.service.runCron({ budgetMs: 10_000, invoker: createInProcessInvoker(async (p) => started.push(p)) });
    expect(report.mode).toBe('single');
    expect(started).toEqual([]);
    expect(h.wecom.sent).toHaveLength(1);
  });

  it('takes over the shards of a worker that could not be started', async () => {
    const h = createHarness({ settings: { fanOut: { mode: 'scf', workers: 2, threshold: 1, namespace: 'default' } } });
    for (let i = 0; i < 10; i += 1) {
      await h.addMember(`m${i}`);
      await h.service.create({ memberId: `m${i}`, kind: 'monitoring', title: `t${i}` });
    }
    const report = await h.service.runCron({ budgetMs: 10_000, invoker: { mode: 'scf', invoke: async () => Promise.reject(new Error('InvokeFunction denied')) } });
    expect(report).toMatchObject({ mode: 'fan_out', invoked: 0, invokeFailures: 1 });
    expect(h.wecom.deliveries()).toHaveLength(10);
  });
});

describe('SCF Invoke adapter', () => {
  it('invokes this function asynchronously with a timer-shaped event naming the shards, loading the SDK on first use', async () => {
    const calls: Parameters<ScfInvokeClient['Invoke']>[0][] = [];
    let loads = 0;
    const invoker = createScfInvoker({
      functionName: 'health-reminder-cron',
      namespace: 'default',
      region: 'ap-guangzhou',
      credential: { secretId: 'id', secretKey: 'key' },
      nowMs: () => T0,
      loadClient: async () => {
        loads += 1;
        return { Invoke: async (req) => void calls.push(req) };
      },
    });
    expect(loads).toBe(0);
    await invoker.invoke({ shards: [1, 3] });
    await invoker.invoke({ shards: [2] });
    expect(loads).toBe(1);
    expect(calls[0]).toMatchObject({ FunctionName: 'health-reminder-cron', Namespace: 'default', InvocationType: 'Event' });
    const event = JSON.parse(calls[0]?.ClientContext ?? '{}') as { Type: string; Message: string };
    expect(event.Type).toBe('Timer');
    expect(shardPayloadOf(event.Message)).toEqual({ shards: [1, 3] });
    expect(Buffer.byteLength(calls[0]?.ClientContext ?? '')).toBeLessThan(128 * 1024);
  });

  it('builds the real SDK client behind the port', async () => {
    const { createScfClient } = await import('../../../functions/reminder-cron/scf-client');
    expect(typeof createScfClient({ credential: { secretId: 'id', secretKey: 'key' }, region: 'ap-guangzhou' }).Invoke).toBe('function');
  });
});

describe('settings from the environment', () => {
  it('reads REMINDER_* with defaults and per-kind templates, and names a bad variable', () => {
    const s = settingsFromEnv({ REMINDER_DAILY_CAP: '6', REMINDER_SUBSCRIBE_TEMPLATES: JSON.stringify({ medication: 'tpl-med' }), REMINDER_FANOUT: 'scf' });
    expect(s.dailyCap).toBe(6);
    expect(s.subscribeTemplates.medication).toBe('tpl-med');
    expect(s.subscribeTemplates.monitoring).toBe('health_reminder');
    expect(s.fanOut.mode).toBe('scf');
    expect(() => settingsFromEnv({ REMINDER_BATCH_SIZE: 'lots' })).toThrow(/REMINDER_BATCH_SIZE/);
    expect(() => settingsFromEnv({ REMINDER_SUBSCRIBE_TEMPLATES: '{"nope":"x"}' })).toThrow(/REMINDER_SUBSCRIBE_TEMPLATES/);
  });
});
