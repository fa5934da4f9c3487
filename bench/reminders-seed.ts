import type { LocalStack } from '../dev/local-stack';
import { kfAccount } from '../dev/wecom-sandbox/state';
import { MEMBERS, type Member } from '../shared/services/members/member';
import { KF_SESSIONS, type KfSession } from '../shared/services/reminders/kf-window';
import type { createReminderService } from '../shared/services/reminders/reminder-service';
import { SUBSCRIPTIONS, subscriptionId, type SubscriptionDoc } from '../shared/services/reminders/subscriptions';

const KF_ID = 'wkBENCHKF0001';
const TEMPLATE = 'health_reminder';
const BUTLERS = 100;

/**
 * Members `bm<from>`…, channel state in store and sandbox, and one reminder each due at `nowMs`; returns the
 * expected `${api}|${recipient}` set. Channel mix: 50 % kf (open window), 40 % mini-program
 * subscription, 10 % mass task (one text, 100 health butlers → batched).
 */
export async function seedDueReminders(stack: LocalStack, service: ReturnType<typeof createReminderService>, count: number, nowMs: number, from = 0): Promise<Set<string>> {
  const { store } = stack.deps;
  const state = stack.sandbox.state;
  const account = kfAccount(state, KF_ID);
  const expected = new Set<string>();
  const members = store.collection<Member>(MEMBERS);
  const kf = store.collection<KfSession>(KF_SESSIONS);
  const subs = store.collection<SubscriptionDoc>(SUBSCRIPTIONS);
  for (let i = from; i < from + count; i += 1) {
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

/** What the sandbox received against what was expected: every expected recipient once. */
export function countDeliveries(stack: LocalStack, expected: Set<string>): { sent: number; duplicates: number; lost: number; lastAtMs: number } {
  const received = new Map<string, number>();
  let lastAtMs = 0;
  for (const s of stack.sandbox.state.sent) {
    for (const to of s.touser) {
      const key = `${s.api}|${to}`;
      received.set(key, (received.get(key) ?? 0) + 1);
    }
    lastAtMs = Math.max(lastAtMs, s.atMs);
  }
  let duplicates = 0;
  let lost = 0;
  for (const key of expected) {
    const n = received.get(key) ?? 0;
    if (n === 0) lost += 1;
    else duplicates += n - 1;
  }
  return { sent: [...received.keys()].filter((k) => expected.has(k)).length, duplicates, lost, lastAtMs };
}
