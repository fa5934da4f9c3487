import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { buildCallbackRequest, callbackUrl, type SandboxEvent } from '../../dev/wecom-sandbox/callback-builder';
import { SandboxClient } from '../../dev/wecom-sandbox/inspect';
import { signToken } from '../../shared/adapters/auth/tokens';
import { AUDIT_COLLECTION } from '../../shared/adapters/audit/store-audit-log';
import { ManualClock } from '../../shared/ports/clock';
import { MEMBERS, memberIdForExternalUser, type Member } from '../../shared/services/members/member';
import { ON_CALL_ALERTS, TICKETS, type Ticket } from '../../shared/services/triage/records';
import type { TicketDetail, TicketSummary } from '../../shared/services/triage/views';
import type { ProfileSummary } from '../../shared/services/intake/read-profile';
import { errorOf } from '../helpers/http';
import { importTeam } from '../helpers/team';

/*
 * Issue #17, the member view's name and the on-call queue, through the real edge:
 * - a customer adds a staff member (encrypted add_external_contact) → externalcontact/get → the name
 *   (staff remark of the one who added them, else the WeChat name), encrypted on the member; shown as
 *   `memberName` in the queue and the ticket and `name` in the profile summary, to the member's team
 *   only; gone after the privacy erasure;
 * - an emergency escalated to on-call doctors: each doctor alerted finds it in `mine=1` and may read,
 *   acknowledge and answer it; a doctor on the list not alerted yet, and any other doctor, may not.
 */

const OPEN_KF_ID = 'wkNamesE2E';
const team = { family_doctor: 'nm-doc', health_butler: 'nm-butler', rights_consultant: 'nm-rights', insurance_consultant: 'nm-ins' } as const;
const clock = new ManualClock(Date.now());

let stack: LocalStack;
let sandbox: SandboxClient;
const token = (staffId: string, role: Parameters<LocalStack['staffToken']>[1] = 'family_doctor') => stack.staffToken(staffId, role);

async function postCallback(path: '/wecom/welcome' | '/wecom/triage', event: SandboxEvent) {
  const cfg = stack.config;
  const req = buildCallbackRequest({ token: cfg.WECOM_CALLBACK_TOKEN, encodingAesKey: cfg.WECOM_CALLBACK_AES_KEY, corpId: cfg.WECOM_CORP_ID, event });
  const res = await fetch(`${stack.url}${callbackUrl(path, req.query)}`, { method: 'POST', body: req.body, headers: { 'content-type': 'text/xml' } });
  expect(res.status).toBe(200);
  return res;
}

/** The customer scans nm-ins's code (as `name`, with the remark nm-ins gave them) and WeCom tells the welcome function. */
async function join(input: { name: string; remark?: string; externalUserId?: string }): Promise<{ externalUserId: string; memberId: string }> {
  const minted = await sandbox.mintWelcomeCode({ userid: team.insurance_consultant, state: 'h1.pd.nm01', name: input.name, ...(input.remark && { remark: input.remark }), ...(input.externalUserId && { externalUserId: input.externalUserId }) });
  const res = await postCallback('/wecom/welcome', { kind: 'change_external_contact', corpId: stack.config.WECOM_CORP_ID, userId: team.insurance_consultant, externalUserId: minted.externalUserId, state: 'h1.pd.nm01', welcomeCode: minted.welcomeCode });
  expect(res.headers.get('x-callback-outcome')).toBe('processed');
  return { externalUserId: minted.externalUserId, memberId: memberIdForExternalUser(stack.config.WECOM_CORP_ID, minted.externalUserId) };
}

async function customerWrites(externalUserId: string, text: string): Promise<void> {
  const { token: syncToken } = await sandbox.kfCustomerMessage({ openKfId: OPEN_KF_ID, externalUserId, text });
  await postCallback('/wecom/triage', { kind: 'kf_msg_or_event', corpId: stack.config.WECOM_CORP_ID, token: syncToken, openKfId: OPEN_KF_ID });
}

async function api<T>(path: string, bearer: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${stack.url}${path}`, { ...init, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...init.headers } });
  return { status: res.status, body: (await res.json()) as T };
}
const queue = async (bearer: string) => (await api<{ tickets: TicketSummary[] }>('/api/triage/tickets?mine=1', bearer)).body.tickets;
const ticketOf = async (memberId: string) => (await stack.deps.store.collection<Ticket>(TICKETS).findOne({ memberId })) as Ticket;
const fireSlaTimer = async () => expect((await fetch(`${stack.url}/_dev/timers/reminder-cron`, { method: 'POST' })).status).toBe(200);

beforeAll(async () => {
  stack = await startLocalStack({ clock, env: { LOG_LEVEL: 'silent' } });
  sandbox = new SandboxClient(stack.sandbox.url);
  await importTeam(
    stack,
    team,
    { family_doctor: '周医生', health_butler: '吴管家', rights_consultant: '郑顾问', insurance_consultant: '冯顾问' },
    [
      // Doctors of another scene: never on these members' team.
      { userId: 'nm-doc-other', name: '陈医生', role: 'family_doctor', scenes: ['claims_service'] },
      { userId: 'nm-oncall-a', name: '值班甲', role: 'family_doctor', scenes: ['claims_service'], onCall: true },
      { userId: 'nm-oncall-b', name: '值班乙', role: 'family_doctor', scenes: ['claims_service'], onCall: true },
      { userId: 'nm-oncall-c', name: '值班丙', role: 'family_doctor', scenes: ['claims_service'], onCall: true },
    ],
    clock.nowMs(),
  );
}, 30_000);
afterAll(async () => {
  await stack?.close();
});

describe('the member’s display name', () => {
  it('is fetched at the join (the adding staff member’s remark first), stored encrypted, and shown to the team in the queue, the ticket and the summary', async () => {
    const { externalUserId, memberId } = await join({ name: '张建国', remark: '张叔 保单0412' });
    const member = (await stack.deps.members.get(memberId)) as Member;
    expect(member.team).toEqual(team);
    // Encrypted at rest, bound to the member: no clear name in the document.
    expect(member.displayName).toMatchObject({ _enc: 1 });
    expect(JSON.stringify(member)).not.toContain('张');
    expect(await sandbox.calls('externalcontact/get')).toHaveLength(1);

    await customerWrites(externalUserId, '最近血压偏高，要不要调药？');
    const doc = token(team.family_doctor);
    const queued = (await queue(doc)).find((t) => t.memberId === memberId);
    expect(queued).toMatchObject({ memberName: '张叔 保单0412', role: 'family_doctor' });
    const detail = await api<TicketDetail>(`/api/triage/tickets/${queued?.id}`, doc);
    expect(detail.status).toBe(200);
    expect(detail.body.memberName).toBe('张叔 保单0412');

    // The summary, for the insurance consultant of the member's team; audited as profile.read.
    const summary = await api<ProfileSummary>(`/api/intake/members/${memberId}/profile?view=summary`, token(team.insurance_consultant, 'insurance_consultant'));
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ memberId, name: '张叔 保单0412' });
    const audit = await stack.deps.store.collection(AUDIT_COLLECTION).find({ subjectMemberId: memberId, action: 'profile.read', outcome: 'allowed' });
    expect(audit.map((a) => (a.actor as { id: string }).id)).toEqual(expect.arrayContaining([team.family_doctor, team.insurance_consultant]));

    // A replay of the same join fetches nothing again.
    await join({ name: '张建国', externalUserId });
    expect(await sandbox.calls('externalcontact/get')).toHaveLength(1);
  });

  it('is the WeChat name without a remark, and not for staff outside the member’s team', async () => {
    const { memberId } = await join({ name: '李秀兰' });
    const summary = await api<ProfileSummary>(`/api/intake/members/${memberId}/profile?view=summary`, token(team.family_doctor));
    expect(summary.body.name).toBe('李秀兰');

    const other = await api<{ error: { code: string } }>(`/api/intake/members/${memberId}/profile?view=summary`, token('nm-doc-other'));
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('not_own_team');
    expect(JSON.stringify(other.body)).not.toContain('李');
  });

  it('does not fail the join when WeCom refuses the fetch (rate limited): the name comes with the next contact event', async () => {
    await sandbox.injectFault({ path: 'externalcontact/get', kind: 'errcode', errcode: 45009 });
    const { externalUserId, memberId } = await join({ name: '王芳' });
    const member = (await stack.deps.members.get(memberId)) as Member;
    expect(member).toMatchObject({ status: 'active', team });
    expect(member.displayName).toBeUndefined();
    expect((await sandbox.sent({ api: 'externalcontact/send_welcome_msg', touser: externalUserId })).length).toBe(1);
    const doc = token(team.family_doctor);
    expect((await api<ProfileSummary>(`/api/intake/members/${memberId}/profile?view=summary`, doc)).body.name).toBeNull();

    // The staff member sets a remark afterwards: WeCom sends edit_external_contact, and the name is fetched.
    await sandbox.addExternalContact({ userid: team.insurance_consultant, externalUserId, remark: '王阿姨' });
    await postCallback('/wecom/welcome', { kind: 'change_external_contact', corpId: stack.config.WECOM_CORP_ID, changeType: 'edit_external_contact', userId: team.insurance_consultant, externalUserId });
    expect((await api<ProfileSummary>(`/api/intake/members/${memberId}/profile?view=summary`, doc)).body.name).toBe('王阿姨');
  });

  it('is in the member’s export, and gone after the privacy erasure', async () => {
    const { memberId } = await join({ name: '赵敏', remark: '赵女士' });
    const session = signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: memberId }, 3600, clock.nowMs());
    const exported = await api<{ collections: { collection: string; documents: Record<string, unknown>[] }[] }>(`/api/privacy/members/${memberId}/export`, session);
    expect(exported.status).toBe(200);
    const memberDoc = exported.body.collections.find((c) => c.collection === MEMBERS)?.documents[0];
    expect(memberDoc?.displayName).toBe('赵女士');

    const erased = await api<{ status: string; complete: boolean }>(`/api/privacy/members/${memberId}/erase`, session, { method: 'POST', body: JSON.stringify({ confirm: true }) });
    expect(erased.body).toMatchObject({ status: 'erased', complete: true });
    const tombstone = (await stack.deps.store.collection<Member>(MEMBERS).get(memberId)) as Member;
    expect(tombstone.displayName).toBeUndefined();
    expect(tombstone.displayNameAtMs).toBeUndefined();
    // The team is gone with the membership: their former doctor is refused like any outsider.
    const after = await fetch(`${stack.url}/api/intake/members/${memberId}/profile?view=summary`, { headers: { authorization: `Bearer ${token(team.family_doctor)}` } });
    expect(after.status).toBe(403);
    expect(await after.text()).not.toContain('赵');
  });
});

describe('an emergency escalated to on-call doctors', () => {
  it('is in the queue of each doctor alerted, who may read, acknowledge and answer it; doctors not alerted are refused', async () => {
    const { externalUserId, memberId } = await join({ name: '孙立', remark: '孙先生' });
    await customerWrites(externalUserId, '我爸胸口疼得厉害，一直出冷汗，怎么办');
    const ticket = await ticketOf(memberId);
    expect(ticket).toMatchObject({ emergency: true, assignee: team.family_doctor, onCallList: ['nm-oncall-a', 'nm-oncall-b', 'nm-oncall-c'] });

    // The on-call card went to oncall-a: the ticket is in their queue (without the name: not their member).
    const a = token('nm-oncall-a');
    expect((await queue(a)).find((t) => t.id === ticket._id)).toMatchObject({ emergency: true, memberName: null, assignee: team.family_doctor });
    // oncall-b is on the list but not alerted yet: not in their queue, and refused.
    const b = token('nm-oncall-b');
    expect((await queue(b)).map((t) => t.id)).not.toContain(ticket._id);
    const early = await fetch(`${stack.url}/api/triage/tickets/${ticket._id}`, { headers: { authorization: `Bearer ${b}` } });
    expect(early.status).toBe(403);
    expect((await errorOf(early)).code).toBe('not_own_team');

    // Five minutes without acknowledgement: the SLA cron escalates to oncall-b.
    clock.set(ticket.slaDueAtMs + 1000);
    await fireSlaTimer();
    expect(await stack.deps.store.collection(ON_CALL_ALERTS).find({ ticketId: ticket._id }, { sort: { level: 1 } })).toMatchObject([
      { staffId: 'nm-oncall-a', level: 0, memberId },
      { staffId: 'nm-oncall-b', level: 1, memberId },
    ]);
    const inQueue = (await queue(b)).find((t) => t.id === ticket._id);
    expect(inQueue).toMatchObject({ emergency: true, status: 'open', memberName: null });
    const detail = await api<TicketDetail>(`/api/triage/tickets/${ticket._id}`, b);
    expect(detail.status).toBe(200);
    expect(detail.body.memberName).toBeNull();
    expect(detail.body.escalationLevel).toBe(1);

    // Neither oncall-c (not alerted) nor another doctor may act on it.
    for (const who of ['nm-oncall-c', 'nm-doc-other']) {
      const t = token(who);
      expect((await queue(t)).map((x) => x.id)).not.toContain(ticket._id);
      for (const [path, body] of [['', undefined], ['/ack', {}], ['/reply', { text: '我是值班医生', key: `nm-${who}-0001` }]] as const) {
        const res = await api<{ error: { code: string } }>(`/api/triage/tickets/${ticket._id}${path}`, t, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
        expect({ who, path, status: res.status, code: res.body.error.code }).toEqual({ who, path, status: 403, code: 'not_own_team' });
      }
    }

    // oncall-b answers the customer (kf window open) and acknowledges, as the assignee could.
    const reply = await api<{ sent: boolean; duplicate: boolean }>(`/api/triage/tickets/${ticket._id}/reply`, b, { method: 'POST', body: JSON.stringify({ text: '我是值班医生，请立即拨打120。', key: 'nm-oncall-b-0001' }) });
    expect(reply).toMatchObject({ status: 200, body: { sent: true, duplicate: false } });
    const acked = await api<TicketSummary>(`/api/triage/tickets/${ticket._id}/ack`, b, { method: 'POST' });
    expect(acked.status).toBe(200);
    expect((await ticketOf(memberId)).acknowledgedBy).toBe('nm-oncall-b');
    // The member's own doctor still sees it with the name.
    expect((await queue(token(team.family_doctor))).find((t) => t.id === ticket._id)).toMatchObject({ memberName: '孙先生', status: 'acknowledged' });
  });
});
