import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { sandboxApiOptions } from '../../../dev/wecom-sandbox/config';
import { SandboxClient } from '../../../dev/wecom-sandbox/inspect';
import { startWecomSandbox, type WecomSandbox } from '../../../dev/wecom-sandbox/server';
import { createFieldCipher } from '../../../shared/adapters/crypto/field-cipher';
import { createLogger } from '../../../shared/adapters/log/logger';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import { createWecomApi } from '../../../shared/adapters/wecom/api/client';
import { shanghaiInstant } from '../../../shared/domain/reminders/shanghai-time';
import { ManualClock } from '../../../shared/ports/clock';
import type { DocumentStore } from '../../../shared/ports/document-store';
import { MEMBERS, type Member } from '../../../shared/services/members/member';
import { createMemberRepository } from '../../../shared/services/members/member-repository';
import { recordKfCustomerMessage } from '../../../shared/services/reminders/kf-window';
import { REMINDERS, type ReminderDoc } from '../../../shared/services/reminders/reminder-doc';
import { createReminderService, type ReminderServiceExtras } from '../../../shared/services/reminders/reminder-service';

const T0 = shanghaiInstant(2026, 3, 2, 10, 0);
const KF = 'wkSANDBOXKF01';

interface World {
  clock: ManualClock;
  sandbox: WecomSandbox;
  admin: SandboxClient;
  store: DocumentStore;
  /** `miniProgram: false`: a deployment without mini-program credentials. */
  service(extras?: ReminderServiceExtras, options?: { miniProgram?: boolean }): ReturnType<typeof createReminderService>;
  member(id: string, opts?: { kf?: boolean; subscriptions?: number; contact?: boolean }): Promise<Member>;
}

let world: World | undefined;
afterEach(async () => {
  await world?.sandbox.close();
  await world?.store.close();
  world = undefined;
});

async function startWorld(limits: Parameters<typeof startWecomSandbox>[0] = {}): Promise<World> {
  const clock = new ManualClock(T0);
  const sandbox = await startWecomSandbox({ ...limits, clock });
  const admin = new SandboxClient(sandbox.url);
  const store = createEmbeddedStore({ inMemory: true });
  const cipher = createFieldCipher(`k1:${randomBytes(32).toString('base64')}`);
  const log = createLogger({ level: 'silent' });
  // Each call builds another "function instance": its own WeCom client over the same store and sandbox.
  const service = (extras: ReminderServiceExtras = {}, options: { miniProgram?: boolean } = {}) =>
    createReminderService({
      store,
      clock,
      log,
      cipher,
      members: createMemberRepository(store),
      wecom: createWecomApi({
        ...sandboxApiOptions(sandbox.url, { miniProgram: options.miniProgram !== false }),
        store,
        clock,
        retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
        rateLimit: { baseDelayMs: 10, maxDelayMs: 20, budgetMs: 60, maxRetries: 2 },
        timeoutMs: 1000,
      }),
      contentKey: 'k',
      ...extras,
    });
  world = {
    clock,
    sandbox,
    admin,
    store,
    service,
    async member(id, opts = {}) {
      const member: Member = { _id: id, externalUserId: `wm-${id}`, team: { health_butler: 'hb-1', family_doctor: 'doc-1' }, status: 'active', joinedAtMs: T0, updatedAtMs: T0 };
      await store.collection<Member>(MEMBERS).insert(member);
      if (opts.contact !== false) await admin.addExternalContact({ userid: 'hb-1', externalUserId: member.externalUserId });
      if (opts.kf) {
        await admin.kfCustomerMessage({ openKfId: KF, externalUserId: `kf-${id}`, text: '你好' });
        await recordKfCustomerMessage(store, { memberId: id, openKfId: KF, externalUserId: `kf-${id}`, atMs: clock.nowMs() });
      }
      if (opts.subscriptions) {
        await admin.addSubscription({ openid: `o-${id}`, templateId: 'health_reminder', count: opts.subscriptions });
        await service().subscriptions.add({ memberId: id, openId: `o-${id}`, templateId: 'health_reminder', count: opts.subscriptions, nowMs: clock.nowMs() });
      }
      return member;
    },
  };
  return world;
}

/** Per recipient, how many deliveries the sandbox accepted (a mass task counts once per customer). */
function received(sandbox: WecomSandbox): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of sandbox.state.sent) for (const to of s.touser) counts.set(`${s.api}:${to}`, (counts.get(`${s.api}:${to}`) ?? 0) + 1);
  return counts;
}

describe('reminder dispatch against the WeCom sandbox', () => {
  it('delivers each reminder through the channel WeCom allows for that member', async () => {
    const w = await startWorld();
    await w.member('kf', { kf: true });
    await w.member('sub', { subscriptions: 1 });
    await w.member('mass');
    const svc = w.service();
    for (const id of ['kf', 'sub', 'mass']) await svc.create({ memberId: id, kind: 'monitoring', title: '请测量并上传今日血压' });
    await svc.create({ memberId: 'mass', kind: 'staff_follow_up', audience: 'family_doctor', title: '随访' });
    const report = await svc.dispatch();
    expect(report.byChannel).toEqual({ kf: 1, subscribe_message: 1, mass_task: 1, app_message: 1 });
    expect([...received(w.sandbox).keys()].sort()).toEqual([
      'externalcontact/add_msg_template:wm-mass',
      'kf/send_msg:kf-kf',
      'message/send:doc-1',
      'wechat/subscribe/send:o-sub',
    ]);
    const mass = w.sandbox.state.sent.find((s) => s.api === 'externalcontact/add_msg_template');
    expect(mass).toMatchObject({ status: 'pending_confirmation', body: { sender: 'hb-1', text: { content: '请测量并上传今日血压' } } });
  });

  it("moves on to the member's subscription when the sandbox says the kf quota is used up (95001)", async () => {
    const w = await startWorld();
    await w.member('m1', { kf: true, subscriptions: 1 });
    // Five replies went out through another path the store does not know about.
    w.sandbox.state.kfAccounts.get(KF)?.customers.set('kf-m1', { lastCustomerMsgAtMs: T0, sentSinceLast: 5, serviceState: 'api' });
    const svc = w.service();
    await svc.create({ idempotencyKey: 'r', memberId: 'm1', kind: 'monitoring', title: '测血压' });
    await svc.dispatch();
    expect([...received(w.sandbox).entries()]).toEqual([['wechat/subscribe/send:o-m1', 1]]);
    expect(await w.store.collection<ReminderDoc>(REMINDERS).get('r')).toMatchObject({ status: 'sent', channel: 'subscribe_message' });
  });

  it('without mini-program credentials, sends through the next channel instead of failing, keeping the subscription', async () => {
    const w = await startWorld();
    await w.member('sub', { subscriptions: 1 });
    const svc = w.service({}, { miniProgram: false });
    await svc.create({ idempotencyKey: 'r', memberId: 'sub', kind: 'monitoring', title: '请测量并上传今日血压' });
    const report = await svc.dispatch();
    expect(report).toMatchObject({ sent: 1, deadLettered: 0 });
    expect([...received(w.sandbox).keys()]).toEqual(['externalcontact/add_msg_template:wm-sub']);
    expect(await w.store.collection<ReminderDoc>(REMINDERS).get('r')).toMatchObject({ status: 'sent', channel: 'mass_task' });
    expect((await svc.subscriptions.get('sub', 'health_reminder'))?.remaining).toBe(1);
  });

  it('retries through transient errcodes and delivers once', async () => {
    const w = await startWorld();
    await w.member('m1', { subscriptions: 3 });
    // The client itself tries -1 three times; two rounds of that exhaust it once, then we retry later.
    await w.admin.injectFault({ path: 'message/subscribe/send', kind: 'errcode', errcode: -1, count: 4 });
    const svc = w.service({ random: () => 0 });
    await svc.create({ idempotencyKey: 'r', memberId: 'm1', kind: 'monitoring', title: '测血压' });
    await svc.dispatch();
    const doc = (await w.store.collection<ReminderDoc>(REMINDERS).get('r')) as ReminderDoc;
    expect(doc).toMatchObject({ status: 'scheduled', attempts: 1, lastError: { errcode: -1 } });
    w.clock.set(doc.dueAtMs);
    await svc.dispatch();
    expect(await w.store.collection<ReminderDoc>(REMINDERS).get('r')).toMatchObject({ status: 'sent' });
    expect([...received(w.sandbox).values()]).toEqual([1]);
  });

  it('when WeCom blocks for rate, the run stops and the next minute finishes the job, nothing lost or doubled', async () => {
    const w = await startWorld({ limits: { perApiPerMinute: 3 } });
    for (let i = 0; i < 8; i += 1) await w.member(`m${i}`);
    const svc = w.service({ settings: { concurrency: 1 } });
    for (let i = 0; i < 8; i += 1) await svc.create({ memberId: `m${i}`, kind: 'monitoring', title: `第${i}条` });
    const first = await svc.dispatch({ budgetMs: 5000 });
    expect(first.stoppedBy).toBe('rate_limited');
    expect(first.sent).toBe(3);
    const docs = await w.store.collection<ReminderDoc>(REMINDERS).find({});
    expect(docs.filter((d) => d.status === 'failed' || d.status === 'dead' || d.attempts > 0)).toEqual([]);
    for (let minute = 1; minute <= 4; minute += 1) {
      w.clock.advance(61_000);
      await svc.dispatch({ budgetMs: 5000 });
    }
    const counts = received(w.sandbox);
    expect(counts.size).toBe(8);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('two function instances dispatching at once deliver each reminder once, counted by the sandbox', async () => {
    const w = await startWorld();
    const n = 40;
    for (let i = 0; i < n; i += 1) await w.member(`m${i}`, { kf: i % 2 === 0, subscriptions: i % 2 === 1 ? 1 : 0 });
    const a = w.service({ settings: { batchSize: 6, concurrency: 4 } });
    const b = w.service({ settings: { batchSize: 6, concurrency: 4 } });
    for (let i = 0; i < n; i += 1) await a.create({ memberId: `m${i}`, kind: 'monitoring', title: `提醒${i}` });
    const [ra, rb] = await Promise.all([a.dispatch(), b.dispatch()]);
    const counts = received(w.sandbox);
    expect(counts.size).toBe(n);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    expect(ra.sent + rb.sent).toBe(n);
    expect(ra.sent).toBeGreaterThan(0);
    expect(rb.sent).toBeGreaterThan(0);
  });
});
