import { startLocalStack, type LocalStack } from '../dev/local-stack';
import { kfAccount } from '../dev/wecom-sandbox/state';
import { MEMBERS, type Member } from '../shared/services/members/member';
import { KF_SESSIONS, type KfSession } from '../shared/services/reminders/kf-window';
import { createReminderService } from '../shared/services/reminders/reminder-service';
import { SUBSCRIPTIONS, subscriptionId, type SubscriptionDoc } from '../shared/services/reminders/subscriptions';
import type { ReminderSettings } from '../shared/services/reminders/settings';
import { DaytimeClock } from './daytime-clock';
import { percentile, round } from './stats';

const KF_ID = 'wkBENCHKF0001';
const TEMPLATE = 'health_reminder';
const BUTLERS = 100;

export interface RemindersBenchOptions {
  /** Due reminders, one per member. */
  count?: number;
  /** The first run "crashes" after this many sends (default: half). */
  crashAfter?: number;
  settings?: Partial<ReminderSettings>;
  /** The real instant the run is taken to start at (default now); the bench clock moves it into Shanghai daytime. */
  realNowMs?: number;
}

/**
 * Dispatches `count` reminders that are all due at once, against the WeCom sandbox, through the
 * real WeCom client and the embedded store. Channel mix: 50 % kf (open window), 40 % mini-program
 * subscription, 10 % mass task (one text, 100 health butlers → batched). The first run is killed
 * after half the sends — it keeps its leases and leaves the in-flight markers — the clock jumps past
 * the lease, and a second run finishes. Everything is counted from what the sandbox received.
 *
 * delayP99Ms is due → received at the sandbox, minus the simulated lease wait for deliveries after
 * the crash (that wait is recoveryWaitMs). With everything due at the same instant it is the time to
 * drain the backlog, not a per-reminder latency.
 */
export async function runRemindersBench(options: RemindersBenchOptions = {}): Promise<Record<string, number>> {
  const count = options.count ?? 100_000;
  const crashAfter = options.crashAfter ?? Math.floor(count / 2);
  // Quiet hours would hold every send at night: the run happens at 10:00 Shanghai whatever the hour,
  // and the clock jumps past the lease for the crash scenario.
  const clock = new DaytimeClock(options.realNowMs);
  const stack = await startLocalStack({
    clock,
    env: { LOG_LEVEL: 'error' },
    sandboxLimits: { perApiPerMinute: 1_000_000_000 },
  });
  try {
    const settings: Partial<ReminderSettings> = { batchSize: 5000, concurrency: 64, ...options.settings };
    const service = createReminderService({ ...stack.deps, settings });
    const setupStarted = Date.now();
    const dueAtMs = clock.nowMs();
    const expected = await seed(stack, service, count, dueAtMs);
    const setupMs = Date.now() - setupStarted;

    // Run 1: dies after `crashAfter` sends, leases kept, outcomes of in-flight sends unrecorded.
    let sends = 0;
    const started = Date.now();
    const first = await service.dispatch({ budgetMs: 600_000, hooks: { afterSend: (n) => (sends += n) >= crashAfter } });
    const firstMs = Date.now() - started;
    // The crashed run's leases expire; the next timer tick reclaims them.
    const recoveryWaitMs = (settings.leaseMs ?? service.settings.leaseMs) + 1000;
    const jumpAtMs = clock.nowMs();
    clock.offsetMs += recoveryWaitMs;
    const secondStarted = Date.now();
    const second = await service.dispatch({ budgetMs: 600_000 });
    const dispatchMs = firstMs + (Date.now() - secondStarted);

    // What the sandbox actually received.
    const received = new Map<string, number>();
    const delays: number[] = [];
    for (const s of stack.sandbox.state.sent) {
      for (const to of s.touser) {
        const key = `${s.api}|${to}`;
        received.set(key, (received.get(key) ?? 0) + 1);
        delays.push(s.atMs - dueAtMs - (s.atMs >= jumpAtMs + recoveryWaitMs ? recoveryWaitMs : 0));
      }
    }
    let duplicates = 0;
    let lost = 0;
    for (const key of expected) {
      const n = received.get(key) ?? 0;
      if (n === 0) lost += 1;
      else duplicates += n - 1;
    }
    const sent = [...received.keys()].filter((k) => expected.has(k)).length;
    if (first.stoppedBy !== 'crashed') throw new Error(`the first run was meant to crash but stopped: ${first.stoppedBy}`);
    return {
      count,
      sent,
      duplicates,
      lost,
      perSecond: round(sent / (dispatchMs / 1000), 0),
      delayP99Ms: round(percentile(delays, 99), 0),
      dispatchMs,
      setupMs,
      firstRunSent: first.sent,
      recoveredUncertain: second.uncertain,
      secondRunSent: second.sent,
      recoveryWaitMs,
      batchSize: settings.batchSize ?? 0,
      concurrency: settings.concurrency ?? 0,
    };
  } finally {
    await stack.close();
  }
}

/** Members, channel state in store and sandbox, and one due reminder each; returns the expected `${api}|${recipient}` set. */
async function seed(stack: LocalStack, service: ReturnType<typeof createReminderService>, count: number, nowMs: number): Promise<Set<string>> {
  const { store } = stack.deps;
  const state = stack.sandbox.state;
  const account = kfAccount(state, KF_ID);
  const expected = new Set<string>();
  const members = store.collection<Member>(MEMBERS);
  const kf = store.collection<KfSession>(KF_SESSIONS);
  const subs = store.collection<SubscriptionDoc>(SUBSCRIPTIONS);
  for (let i = 0; i < count; i += 1) {
    const id = `bm${i}`;
    const externalUserId = `wmb${i}`;
    const butler = `hb-${i % BUTLERS}`;
    await members.insert({ _id: id, externalUserId, team: { health_butler: butler, family_doctor: `doc-${i % BUTLERS}` }, status: 'active', joinedAtMs: nowMs, updatedAtMs: nowMs });
    const lane = i % 10;
    let title = '请测量并上传今日血压';
    if (lane < 5) {
      const kfUser = `kfb${i}`;
      account.customers.set(kfUser, { lastCustomerMsgAtMs: nowMs, sentSinceLast: 0, serviceState: 'api' });
      await kf.insert({ _id: id, openKfId: KF_ID, externalUserId: kfUser, lastCustomerMsgAtMs: nowMs, sentSinceThen: 0, updatedAtMs: nowMs });
      expected.add(`kf/send_msg|${kfUser}`);
      title = `今日血压监测提醒 #${i}`;
    } else if (lane < 9) {
      const openId = `ob${i}`;
      state.subscriptions.set(`${openId}|${TEMPLATE}`, 1);
      await subs.insert({ _id: subscriptionId(id, TEMPLATE), memberId: id, openId, templateId: TEMPLATE, remaining: 1, updatedAtMs: nowMs });
      expected.add(`wechat/subscribe/send|${openId}`);
      title = `用药提醒 #${i}`;
    } else {
      state.contacts.set(externalUserId, { externalUserId, name: `客户${i}`, type: 1, follows: new Map([[butler, { userid: butler, createdAtMs: nowMs, tagIds: new Set<string>() }]]) });
      expected.add(`externalcontact/add_msg_template|${externalUserId}`);
    }
    await service.create({ idempotencyKey: `bench-${i}`, memberId: id, kind: 'monitoring', title, startAtMs: nowMs });
  }
  return expected;
}

if (process.argv[1]?.endsWith('reminders.ts') && process.argv.includes('--run')) {
  const countArg = process.argv.find((a) => a.startsWith('--count='));
  void runRemindersBench(countArg ? { count: Number(countArg.slice(8)) } : {}).then(
    (r) => console.table(r),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
