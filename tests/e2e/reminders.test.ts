import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { SandboxClient } from '../../dev/wecom-sandbox/inspect';
import { signToken } from '../../shared/adapters/auth/tokens';
import { shanghaiInstant } from '../../shared/domain/reminders/shanghai-time';
import { ManualClock } from '../../shared/ports/clock';
import { MEMBERS, type Member } from '../../shared/services/members/member';
import { recordKfCustomerMessage } from '../../shared/services/reminders/kf-window';
import { createReminderService } from '../../shared/services/reminders/reminder-service';
import { STAFF_GRANTS, type StaffGrant } from '../../shared/services/identity/staff-session';
import { TICKETS, type Ticket } from '../../shared/services/triage/records';
import { errorOf } from '../helpers/http';

/**
 * Reminders through the local stack: created over HTTP (staff, machine) or from an intake plan,
 * delivered when the minute timer fires, each through the channel WeCom allows — as the sandbox saw it.
 */
const T0 = shanghaiInstant(2026, 3, 2, 10, 0); // a Monday morning in Shanghai
const KF = 'wkE2EKF0001';
const clock = new ManualClock(T0);
let stack: LocalStack;
let sandbox: SandboxClient;

const machine = () => ({ 'x-internal-key': stack.config.INTERNAL_API_KEY, 'content-type': 'application/json' });
const bearer = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
const butler = () => bearer(stack.staffToken('hb-1', 'health_butler'));

async function seedMember(id: string, extra: Partial<Member> = {}): Promise<Member> {
  const member: Member = {
    _id: id,
    externalUserId: `wm_${id}`,
    team: { family_doctor: 'doc-1', health_butler: 'hb-1', rights_consultant: 'rc-1', insurance_consultant: 'ic-1' },
    status: 'active',
    joinedAtMs: T0,
    updatedAtMs: T0,
    ...extra,
  };
  await stack.deps.store.collection<Member>(MEMBERS).insert(member);
  return member;
}

/** The member's own mini-program session (a welcome-link token only carries the health form). */
const memberSession = (memberId: string) => bearer(signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: memberId }, 3600, clock.nowMs()));

function ticketDoc(id: string, memberId: string, t: { emergency: boolean; openedAtMs: number; slaDueAtMs: number; onCallList: string[] }): Ticket {
  return {
    _id: id,
    memberId,
    memberKnown: true,
    role: 'family_doctor',
    assignee: 'doc-1',
    status: 'open',
    emergency: t.emergency,
    redFlags: t.emergency ? ['chest_pain'] : [],
    intent: (t.emergency ? 'medical' : 'health_consult') as Ticket['intent'],
    channel: 'kf' as Ticket['channel'],
    createdAtMs: t.openedAtMs,
    updatedAtMs: t.openedAtMs,
    lastMessageAtMs: t.openedAtMs,
    slaStartAtMs: t.openedAtMs,
    slaDueAtMs: t.slaDueAtMs,
    emergencyAckMinutes: 5,
    onCallList: t.onCallList,
  };
}

const post = (path: string, body: unknown, headers: Record<string, string>) =>
  fetch(`${stack.url}/api/reminders${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
const fireTimer = async () => {
  const res = await fetch(`${stack.url}/_dev/timers/reminder-cron`, { method: 'POST' });
  expect(res.status).toBe(200);
  return ((await res.json()) as { result: { runs: { sent: number }[] } }).result;
};

beforeAll(async () => {
  stack = await startLocalStack({ clock, env: { LOG_LEVEL: 'silent' } });
  sandbox = new SandboxClient(stack.sandbox.url);

  // m_kf wrote to the kf account an hour ago (triage records the window).
  await seedMember('m_kf');
  await sandbox.kfCustomerMessage({ openKfId: KF, externalUserId: 'kf_m_kf', text: '请问怎么上传血压' });
  await recordKfCustomerMessage(stack.deps.store, { memberId: 'm_kf', openKfId: KF, externalUserId: 'kf_m_kf', atMs: T0 });
  // m_sub uses the mini-program and accepted one subscription there.
  await seedMember('m_sub');
  await stack.deps.members.bindOpenId('m_sub', 'o_sub', T0);
  await sandbox.addSubscription({ openid: 'o_sub', templateId: 'health_reminder' });
  // m_mass and m_plan only have their health butler as a WeCom contact.
  await seedMember('m_mass');
  await seedMember('m_plan');
  for (const ext of ['wm_m_mass', 'wm_m_plan']) await sandbox.addExternalContact({ userid: 'hb-1', externalUserId: ext });
  // m_none has no team yet: nobody can reach them.
  await seedMember('m_none', { team: {} });
});
afterAll(async () => {
  await stack?.close();
});

describe('reminders end to end', () => {
  let kfReminderId = '';

  it("lets the member's health butler create a reminder, idempotently, and refuses others and bad input", async () => {
    const body = { memberId: 'm_kf', kind: 'monitoring', title: '请测量并上传今日血压' };
    const created = await post('', body, { ...butler(), 'idempotency-key': 'e2e-kf-1' });
    expect(created.status).toBe(201);
    const view = (await created.json()) as { id: string; status: string; dueAtLocal: string; title: string };
    // The caller's key, in the caller's own namespace.
    expect(view).toMatchObject({ id: expect.stringMatching(/^api:staff:hb-1:[A-Za-z0-9_-]{22}$/), status: 'scheduled', dueAtLocal: '2026-03-02 10:00', title: '请测量并上传今日血压' });
    kfReminderId = view.id;

    const replay = await post('', body, { ...butler(), 'idempotency-key': 'e2e-kf-1' });
    expect(replay.status).toBe(200);
    expect(((await replay.json()) as { id: string }).id).toBe(kfReminderId);

    const stranger = await post('', body, bearer(stack.staffToken('doc-9', 'family_doctor')));
    expect(stranger.status).toBe(403);
    expect((await errorOf(stranger)).code).toBe('not_own_team');

    const bad = await post('', { memberId: 'm_kf', kind: 'nap', title: '', recurrence: { type: 'daily', time: '7am' } }, butler());
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).fields?.map((f) => f.field).sort()).toEqual(['kind', 'recurrence.time', 'title']);
  });

  it('records a mini-program subscription for the member behind the OPENID', async () => {
    const res = await fetch(`${stack.url}/_dev/call/reminder-cron`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dev-openid': 'o_sub' },
      body: JSON.stringify({ action: 'subscribe', data: { templateId: 'health_reminder' } }),
    });
    expect(await res.json()).toEqual({ ok: true, data: { accepted: true, templateId: 'health_reminder', remaining: 1 } });
    const stranger = await fetch(`${stack.url}/_dev/call/reminder-cron`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dev-openid': 'o_unknown' },
      body: JSON.stringify({ action: 'subscribe', data: { templateId: 'health_reminder' } }),
    });
    expect(await stranger.json()).toMatchObject({ ok: false, error: { code: 'openid_not_bound' } });
  });

  it('delivers due reminders through kf, subscription, mass task and app message when the timer fires', async () => {
    expect((await post('', { memberId: 'm_sub', kind: 'medication', title: '晚餐后服用二甲双胍' }, machine())).status).toBe(201);
    expect((await post('', { memberId: 'm_mass', kind: 'monitoring', title: '请测量空腹血糖' }, bearer(stack.staffToken('doc-1', 'family_doctor')))).status).toBe(201);
    expect((await post('', { memberId: 'm_none', kind: 'monitoring', title: '测体重' }, machine())).status).toBe(201);
    // The intake helper hands a member's plan to createFromPlan.
    const plan = await createReminderService(stack.deps).createFromPlan(
      'm_plan',
      [
        { kind: 'check_up', title: '年度体检提醒：预约今年的健康体检', recurrence: { type: 'every_n_weeks', n: 52, time: '10:00' }, startAtMs: T0, audience: 'member' },
        { kind: 'staff_follow_up', title: '高风险会员每周随访', recurrence: { type: 'weekly', days: [1], time: '10:00' }, audience: 'family_doctor' },
        { kind: 'exercise_task', title: '今日运动：快走30分钟', recurrence: { type: 'weekly', days: [1, 3, 5], time: '19:00' }, audience: 'member' },
      ],
      { idempotencyKeyPrefix: 'plan:m_plan:v1' },
    );
    expect(plan.created).toBe(3);

    const result = await fireTimer();
    expect(result.runs[0]?.sent).toBe(5);

    const kf = await sandbox.sent({ api: 'kf/send_msg' });
    expect(kf.map((s) => [s.touser, (s.body as { text: { content: string } }).text.content])).toEqual([[['kf_m_kf'], '请测量并上传今日血压']]);
    const sub = await sandbox.sent({ api: 'wechat/subscribe/send' });
    expect(sub.map((s) => [s.touser, s.body.template_id])).toEqual([[['o_sub'], 'health_reminder']]);
    const mass = await sandbox.sent({ api: 'externalcontact/add_msg_template' });
    expect(mass.map((s) => [s.body.sender, s.touser, (s.body as { text: { content: string } }).text.content, s.status]).sort()).toEqual([
      ['hb-1', ['wm_m_mass'], '请测量空腹血糖', 'pending_confirmation'],
      ['hb-1', ['wm_m_plan'], '年度体检提醒：预约今年的健康体检', 'pending_confirmation'],
    ]);
    const app = await sandbox.sent({ api: 'message/send' });
    expect(app.map((s) => [s.touser, (s.body as { text: { content: string } }).text.content])).toEqual([[['doc-1'], '【随访任务】高风险会员每周随访\n会员编号：m_plan']]);

    // The evening exercise task is not due yet; firing again sends nothing twice.
    await fireTimer();
    expect(await sandbox.sent()).toHaveLength(5);
  });

  it("shows the member's reminders with channel and reason, and lets staff cancel a pending one", async () => {
    const future = await post('', { memberId: 'm_kf', kind: 'follow_up_visit', title: '复诊提醒', startAt: '2026-03-03 09:00' }, butler());
    const futureId = ((await future.json()) as { id: string; dueAtLocal: string }).id;

    const list = await fetch(`${stack.url}/api/reminders/members/m_kf`, { headers: butler() });
    expect(list.status).toBe(200);
    const { reminders } = (await list.json()) as { reminders: { id: string; status: string; channel: string | null; channelReason: string | null; dueAtLocal: string }[] };
    expect(reminders.find((r) => r.id === kfReminderId)).toMatchObject({ status: 'sent', channel: 'kf', channelReason: expect.stringMatching(/^kf_window_open/) });
    expect(reminders.find((r) => r.id === futureId)).toMatchObject({ status: 'scheduled', dueAtLocal: '2026-03-03 09:00' });

    const cancel = await fetch(`${stack.url}/api/reminders/${futureId}`, { method: 'DELETE', headers: butler() });
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toMatchObject({ status: 'cancelled' });
    const again = await fetch(`${stack.url}/api/reminders/${futureId}`, { method: 'DELETE', headers: butler() });
    expect(again.status).toBe(409);
    const insurer = await fetch(`${stack.url}/api/reminders/members/m_kf`, { headers: bearer(stack.staffToken('ic-1', 'insurance_consultant')) });
    expect(insurer.status).toBe(403);
  });

  it('lists undeliverable reminders for ops only, without their text', async () => {
    const ops = await fetch(`${stack.url}/api/reminders/dead-letters`, { headers: bearer(stack.adminToken) });
    expect(ops.status).toBe(200);
    const { deadLetters } = (await ops.json()) as { deadLetters: Record<string, unknown>[] };
    expect(deadLetters).toMatchObject([{ memberId: 'm_none', reason: 'no_channel', code: 'no_health_butler' }]);
    expect(JSON.stringify(deadLetters)).not.toContain('测体重');
    expect((await fetch(`${stack.url}/api/reminders/dead-letters`, { headers: butler() })).status).toBe(403);
  });

  it('registers a policy expiry once and reminds member and insurance consultant ahead of it', async () => {
    const body = { memberId: 'm_mass', policyId: 'POL-778', expiresOn: '2026-04-30', productName: '百万医疗' };
    const first = await post('/policies', body, machine());
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ created: 6 });
    const again = await post('/policies', body, machine());
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: 0 });

    // 30 days ahead: 2026-03-31 09:00 Shanghai.
    clock.set(shanghaiInstant(2026, 3, 31, 9, 0));
    await sandbox.addExternalContact({ userid: 'ic-1', externalUserId: 'wm_m_mass' });
    await fireTimer();
    const mass = await sandbox.sent({ api: 'externalcontact/add_msg_template', touser: 'wm_m_mass' });
    expect((mass.at(-1)?.body as { text: { content: string } }).text.content).toContain('2026-04-30');
    const app = await sandbox.sent({ api: 'message/send', touser: 'ic-1' });
    expect((app[0]?.body as { text: { content: string } }).text.content).toContain('请联系会员办理续保');
  });

  it('holds a routine reminder during quiet hours and delivers it at 08:00', async () => {
    clock.set(shanghaiInstant(2026, 4, 1, 22, 0));
    await sandbox.kfCustomerMessage({ openKfId: KF, externalUserId: 'kf_m_kf', text: '晚上好' });
    await recordKfCustomerMessage(stack.deps.store, { memberId: 'm_kf', openKfId: KF, externalUserId: 'kf_m_kf', atMs: clock.nowMs() });
    const res = await post('', { memberId: 'm_kf', kind: 'medication', title: '睡前服药' }, butler());
    expect(((await res.json()) as { dueAtLocal: string }).dueAtLocal).toBe('2026-04-02 08:00');
    await fireTimer();
    expect((await sandbox.sent({ api: 'kf/send_msg' })).map((s) => (s.body as { text: { content: string } }).text.content)).not.toContain('睡前服药');
    clock.set(shanghaiInstant(2026, 4, 2, 8, 0));
    await fireTimer();
    expect((await sandbox.sent({ api: 'kf/send_msg' })).at(-1)).toMatchObject({ atMs: shanghaiInstant(2026, 4, 2, 8, 0), body: { text: { content: '睡前服药' } } });
  });

  it("escalates triage's unacknowledged emergency to the next doctor on call when the timer fires, once", async () => {
    const openedAtMs = shanghaiInstant(2026, 4, 2, 3, 0); // at night: escalations are not held
    const ticket: Ticket = {
      _id: 't_e2e_emergency_0000000',
      memberId: 'm_kf',
      memberKnown: true,
      role: 'family_doctor',
      assignee: 'doc-1',
      status: 'open',
      emergency: true,
      redFlags: ['chest_pain'],
      intent: 'health_consult' as Ticket['intent'],
      channel: 'kf' as Ticket['channel'],
      createdAtMs: openedAtMs,
      updatedAtMs: openedAtMs,
      lastMessageAtMs: openedAtMs,
      slaStartAtMs: openedAtMs,
      slaDueAtMs: openedAtMs + 5 * 60_000,
      emergencyAckMinutes: 5,
      onCallList: ['oncall-a', 'oncall-b'],
    };
    await stack.deps.store.collection<Ticket>(TICKETS).insert(ticket);
    clock.set(openedAtMs + 6 * 60_000);
    await fireTimer();
    await fireTimer();
    const cards = await sandbox.sent({ api: 'message/send', touser: 'oncall-b' });
    expect(cards).toHaveLength(1);
    const text = (cards[0]?.body as { text: { content: string } }).text.content;
    expect(text).toContain('【紧急】工单 t_e2e_emergency_0000000');
    expect(text).not.toContain('胸');
    expect(await sandbox.sent({ api: 'message/send', touser: 'oncall-a' })).toHaveLength(0);
  });
  it('lets a member schedule only their own routine reminders, and renewals only through their insurance consultant', async () => {
    const me = memberSession('m_sub');
    const mine = await post('', { memberId: 'm_sub', kind: 'medication', title: '午饭后服药', startAt: '2026-04-03 12:30' }, me);
    expect(mine.status).toBe(201);
    for (const [body, code] of [
      [{ memberId: 'm_sub', kind: 'monitoring', title: '请医生看看', audience: 'family_doctor' }, 'reminder_audience_not_permitted'],
      [{ memberId: 'm_sub', kind: 'sla_escalation', title: '催一下' }, 'reminder_kind_not_permitted'],
      [{ memberId: 'm_sub', kind: 'monitoring', title: '紧急', emergency: true }, 'reminder_emergency_not_permitted'],
    ] as const) {
      const res = await post('', body, me);
      expect({ status: res.status, code: (await errorOf(res)).code }).toEqual({ status: 403, code });
    }
    const policy = { memberId: 'm_sub', policyId: 'POL-SUB-1', expiresOn: '2026-12-31' };
    const byMember = await post('/policies', policy, me);
    expect({ status: byMember.status, code: (await errorOf(byMember)).code }).toEqual({ status: 403, code: 'role_not_permitted' });
    expect((await post('/policies', policy, bearer(stack.staffToken('ic-1', 'insurance_consultant')))).status).toBe(201);
  });

  it("escalates a ticket that became an emergency to the on-call doctors on the emergency's clock, after its routine escalation", async () => {
    await stack.deps.store.collection<StaffGrant>(STAFF_GRANTS).insert({ _id: 'sup-e2e', role: 'supervisor', grantedAtMs: T0, grantedBy: 'e2e' });
    const openedAtMs = shanghaiInstant(2026, 4, 2, 9, 0); // Thursday: the doctor's 2 working hours end at 11:00
    const id = 't_e2e_upgrade_0000000000';
    const tickets = stack.deps.store.collection<Ticket>(TICKETS);
    await tickets.insert(ticketDoc(id, 'm_mass', { emergency: false, openedAtMs, slaDueAtMs: shanghaiInstant(2026, 4, 2, 11, 0), onCallList: [] }));
    const cardsAbout = async (touser: string) =>
      (await sandbox.sent({ api: 'message/send', touser })).map((s) => (s.body as { text: { content: string } }).text.content).filter((t) => t.includes(id));

    clock.set(shanghaiInstant(2026, 4, 2, 11, 1));
    await fireTimer();
    expect(await cardsAbout('sup-e2e')).toEqual([expect.stringContaining(`工单 ${id} 已通知全部值班人员`)]);

    // A red flag at 11:30: triage restarts the SLA clock with the on-call list.
    const upgradedAtMs = shanghaiInstant(2026, 4, 2, 11, 30);
    await tickets.updateOne(
      { _id: id },
      { $set: { emergency: true, slaStartAtMs: upgradedAtMs, slaDueAtMs: upgradedAtMs + 5 * 60_000, onCallList: ['oncall-u1', 'oncall-u2'], updatedAtMs: upgradedAtMs } },
    );
    clock.set(upgradedAtMs + 6 * 60_000);
    await fireTimer();
    await fireTimer();
    expect(await cardsAbout('oncall-u2')).toEqual([expect.stringContaining(`【紧急】工单 ${id} 已 6 分钟无人确认（第 1 级升级）`)]);
    // The alerted doctor opens the ticket's workbench page from the message in one tap.
    expect(await cardsAbout('oncall-u2')).toEqual([expect.stringContaining(`打开工单：${stack.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/staff/tickets/${id}`)]);

    clock.set(upgradedAtMs + 11 * 60_000);
    await fireTimer();
    expect((await cardsAbout('sup-e2e')).at(-1)).toContain(`【紧急】工单 ${id} 已通知全部值班人员`);
  });

  it("keeps escalating when a member has created reminders under an escalation's key", async () => {
    const openedAtMs = shanghaiInstant(2026, 4, 2, 12, 0);
    const id = 't_e2e_squat_000000000000';
    await stack.deps.store.collection<Ticket>(TICKETS).insert(ticketDoc(id, 'm_sub', { emergency: true, openedAtMs, slaDueAtMs: openedAtMs + 5 * 60_000, onCallList: ['oncall-s1', 'oncall-s2'] }));
    clock.set(openedAtMs + 60_000);
    for (const key of [`sla:${id}:1`, `sla:${id}:${openedAtMs}:1`]) {
      const res = await post('', { memberId: 'm_sub', kind: 'monitoring', title: '占位' }, { ...memberSession('m_sub'), 'idempotency-key': key });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { id: string }).id).toMatch(/^api:member:m_sub:/);
    }
    clock.set(openedAtMs + 6 * 60_000);
    await fireTimer();
    const cards = await sandbox.sent({ api: 'message/send', touser: 'oncall-s2' });
    expect(cards.map((s) => (s.body as { text: { content: string } }).text.content)).toEqual([expect.stringContaining(`【紧急】工单 ${id}`)]);
  });
});
