import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { SandboxClient } from '../../dev/wecom-sandbox/inspect';
import { signToken } from '../../shared/adapters/auth/tokens';
import { KF_WINDOW_MS } from '../../shared/domain/reminders/policy';
import { memberIdForExternalUser } from '../../shared/services/members/member';
import { KF_SESSIONS, type KfSession } from '../../shared/services/reminders/kf-window';
import type { ReadingsPage } from '../../shared/services/intake/reading-range';
import type { TicketDetail, TicketSummary } from '../../shared/services/triage/views';
import { errorOf } from '../helpers/http';
import { addMember as addTeamMember, importTeam } from '../helpers/team';
import { kfCustomerWrites } from '../helpers/kf-customer';

/*
 * The staff workbench's view APIs over HTTP, as the /staff pages call them (docs: the W2 section
 * of the workbench contract): my queue, a ticket, the reply, the sidebar lookup, the trend readings.
 */

const OPEN_KF_ID = 'wkWorkbenchE2E';
const team = { family_doctor: 'wb-doc', health_butler: 'wb-butler', rights_consultant: 'wb-rights', insurance_consultant: 'wb-ins' } as const;

let stack: LocalStack;
let sandbox: SandboxClient;
let doc: string;
let rights: string;

const addMember = (externalUserId: string) => addTeamMember(stack, team, externalUserId);

/** The customer writes to 微信客服 and WeCom calls us back, as in production. */
async function customerWrites(externalUserId: string, text: string): Promise<void> {
  expect(await kfCustomerWrites(stack, sandbox, { openKfId: OPEN_KF_ID, externalUserId, text })).toBe(200);
}

async function api<T>(path: string, token: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${stack.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
  return { status: res.status, body: (await res.json()) as T };
}

const kfTexts = (ext: string): string[] =>
  stack.sandbox.state.sent.filter((s) => s.api === 'kf/send_msg' && s.touser.includes(ext)).map((s) => (s.body as { text: { content: string } }).text.content);

async function ticketOf(ext: string): Promise<string> {
  const mine = await api<{ tickets: TicketSummary[] }>('/api/triage/tickets?mine=1', doc);
  const memberId = memberIdForExternalUser(stack.config.WECOM_CORP_ID, ext);
  return mine.body.tickets.find((t) => t.memberId === memberId)?.id as string;
}

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' } });
  sandbox = new SandboxClient(stack.sandbox.url);
  await importTeam(stack, team, { family_doctor: '周医生', health_butler: '吴管家', rights_consultant: '郑顾问', insurance_consultant: '冯顾问' });
  doc = stack.staffToken(team.family_doctor, 'family_doctor');
  rights = stack.staffToken(team.rights_consultant, 'rights_consultant');
});
afterAll(async () => {
  await stack?.close();
});

describe('ticket views and the reply, over HTTP', () => {
  it('lists the doctor’s queue and opens the ticket with the conversation and the open kf window', async () => {
    const ext = 'wmWbQueue01';
    const memberId = await addMember(ext);
    await customerWrites(ext, '最近血压偏高，收缩压150左右\n还有点头晕');

    const mine = await api<{ tickets: TicketSummary[] }>('/api/triage/tickets?mine=1', doc);
    expect(mine.status).toBe(200);
    const queued = mine.body.tickets.find((t) => t.memberId === memberId);
    expect(queued).toMatchObject({ memberName: null, disposition: 'routine', role: 'family_doctor', status: 'open', summary: '最近血压偏高，收缩压150左右', redFlags: [] });

    const { status, body } = await api<TicketDetail>(`/api/triage/tickets/${queued?.id}`, doc);
    expect(status).toBe(200);
    expect(body.messages.map((m) => m.from)).toEqual(['member', 'butler']);
    expect(body.messages[1]?.text).toBe(kfTexts(ext)[0]);
    expect(body.replyChannel).toMatchObject({ kind: 'kf', remaining: 4 });
    expect(body).toMatchObject({ escalationLevel: 0, firstAidZh: [] });

    // The rights consultant serves the same member but may not read a medical ticket.
    const refused = await fetch(`${stack.url}/api/triage/tickets/${queued?.id}`, { headers: { authorization: `Bearer ${rights}` } });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('not_own_team');
  });

  it('sends the doctor’s reply through 微信客服 once per key, and names the bad field', async () => {
    const ext = 'wmWbReply01';
    await addMember(ext);
    await customerWrites(ext, '降压药漏吃了一次怎么办');
    const ticketId = await ticketOf(ext);
    const path = `/api/triage/tickets/${ticketId}/reply`;

    const empty = await api<{ error: { code: string; fields: { field: string }[] } }>(path, doc, { method: 'POST', body: JSON.stringify({}) });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields.map((f) => f.field).sort()).toEqual(['key', 'text']);
    const tooLong = await api<{ error: { fields: { field: string }[] } }>(path, doc, { method: 'POST', body: JSON.stringify({ text: '请'.repeat(700), key: 'wb-long-0001' }) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.fields.map((f) => f.field)).toEqual(['text']);

    const reply = { text: '不用补吃，下次按时吃就好。', key: 'wb-reply-0001' };
    const first = await api<{ sent: boolean; channel: string; duplicate: boolean }>(path, doc, { method: 'POST', body: JSON.stringify(reply) });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ sent: true, channel: 'kf', duplicate: false });
    const retry = await api<{ duplicate: boolean }>(path, doc, { method: 'POST', body: JSON.stringify(reply) });
    expect(retry.status).toBe(200);
    expect(retry.body.duplicate).toBe(true);
    expect(kfTexts(ext).filter((t) => t === reply.text)).toHaveLength(1);

    const rightsTry = await fetch(`${stack.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${rights}`, 'content-type': 'application/json' }, body: JSON.stringify({ text: '您好', key: 'wb-rights-001' }) });
    expect(rightsTry.status).toBe(403);

    const detail = await api<TicketDetail>(`/api/triage/tickets/${ticketId}`, doc);
    expect(detail.body.messages.at(-1)).toMatchObject({ from: 'staff', text: reply.text, staffId: team.family_doctor });
    expect(detail.body.status).toBe('acknowledged');
  });

  it('answers 409 reply_channel_closed with the Chinese reason once the 48 h window is over', async () => {
    const ext = 'wmWbClosed1';
    const memberId = await addMember(ext);
    await customerWrites(ext, '孩子晚上咳嗽得厉害');
    const ticketId = await ticketOf(ext);
    // The customer's last message is now 49 hours old.
    await stack.deps.store.collection<KfSession>(KF_SESSIONS).updateOne({ _id: memberId }, { $set: { lastCustomerMsgAtMs: Date.now() - KF_WINDOW_MS - 3_600_000 } });

    const res = await fetch(`${stack.url}/api/triage/tickets/${ticketId}/reply`, { method: 'POST', headers: { authorization: `Bearer ${doc}`, 'content-type': 'application/json' }, body: JSON.stringify({ text: '请带孩子来门诊。', key: 'wb-closed-001' }) });
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error).toMatchObject({ code: 'reply_channel_closed', replyChannel: { kind: 'none', reason: 'kf_window_expired' } });
    expect(error.message).toContain('企业微信');
    expect(kfTexts(ext)).toHaveLength(1);
    const detail = await api<TicketDetail>(`/api/triage/tickets/${ticketId}`, doc);
    expect(detail.body.replyChannel).toEqual({ kind: 'none', reason: 'kf_window_expired', why: error.message });
  });
});

describe('the sidebar lookup', () => {
  it('resolves the chat’s customer to the member for their team, and answers everyone else as for an unknown contact', async () => {
    const ext = 'wmWbSidebar';
    const memberId = await addMember(ext);
    const found = await api<{ memberId: string }>(`/api/intake/members/by-external/${ext}`, rights);
    expect(found).toEqual({ status: 200, body: { memberId } });

    const stranger = stack.staffToken('wb-other-doc', 'family_doctor');
    const notTheirs = await fetch(`${stack.url}/api/intake/members/by-external/${ext}`, { headers: { authorization: `Bearer ${stranger}` } });
    const unknown = await fetch(`${stack.url}/api/intake/members/by-external/wmNobodyHere`, { headers: { authorization: `Bearer ${doc}` } });
    expect([notTheirs.status, unknown.status]).toEqual([403, 403]);
    expect([(await errorOf(notTheirs)).code, (await errorOf(unknown)).code]).toEqual(['not_own_team', 'not_own_team']);
  });
});

describe('readings for the trend chart', () => {
  it('gives the doctor the window with bands and red flags, and refuses the rights consultant', async () => {
    const memberId = await addMember('wmWbReadings');
    const me = signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: memberId }, 3600, Date.now());
    const asMember = (path: string, body: unknown) => api<unknown>(path, me, { method: 'POST', body: JSON.stringify(body) });
    const form = { age: 61, sex: 'male', heightCm: 170, weightKg: 75, smoking: 'never', drinking: 'never', exerciseDaysPerWeek: 2, familyHistory: [], conditions: ['hypertension'], consent: { healthDataProcessing: true, textVersion: 'health-data-v1' } };
    expect((await asMember('/api/intake/forms', form)).status).toBe(201);
    const day = 86_400_000;
    expect((await asMember('/api/intake/readings', { readingId: 'wb-bp-000001', type: 'blood_pressure', systolic: 182, diastolic: 100, source: 'device', measuredAtMs: Date.now() - 2 * day })).status).toBe(201);
    expect((await asMember('/api/intake/readings', { readingId: 'wb-bp-000002', type: 'blood_pressure', systolic: 135, diastolic: 86, source: 'device', measuredAtMs: Date.now() - 20 * day })).status).toBe(201);

    const week = await api<ReadingsPage>(`/api/intake/members/${memberId}/readings?days=7`, doc);
    expect(week.status).toBe(200);
    expect(week.body.readings.map((r) => [r.readingId, r.redFlag])).toEqual([['wb-bp-000001', 'bp_crisis']]);
    expect(week.body.bands.bloodPressure.redFlag).toEqual({ systolicAtLeast: 180, diastolicAtLeast: 110 });
    expect(week.body.bands.bloodPressure.bands.map((b) => b.systolicFrom)).toEqual([0, 120, 130, 140]);
    const month = await api<ReadingsPage>(`/api/intake/members/${memberId}/readings?days=30`, doc);
    expect(month.body.readings.map((r) => r.readingId)).toEqual(['wb-bp-000001', 'wb-bp-000002']);

    // The red-flag card links to the member page with this reading highlighted.
    const cards = stack.sandbox.state.sent.filter((s) => s.api === 'message/send' && s.touser.includes(team.family_doctor)).map((s) => (s.body as { textcard?: { title: string; url: string } }).textcard);
    expect(cards.filter((c) => c?.title === '会员读数红色预警').map((c) => c?.url)).toEqual([`${stack.url}/staff/members/${memberId}?reading=wb-bp-000001`]);

    const bad = await api<{ error: { fields: { field: string }[] } }>(`/api/intake/members/${memberId}/readings?days=14`, doc);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f) => f.field)).toEqual(['days']);
    const refused = await fetch(`${stack.url}/api/intake/members/${memberId}/readings?days=7`, { headers: { authorization: `Bearer ${rights}` } });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('role_not_permitted');
  });
});
