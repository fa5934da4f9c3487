import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { ManualClock } from '../../shared/ports/clock';
import { memberIdForExternalUser, MEMBERS, type Member } from '../../shared/services/members/member';
import { createOutcomeEventLog } from '../../shared/services/outcomes/outcome-events';
import { provisionalSubject } from '../../shared/services/outcomes/partner';
import { recordJoined } from '../../shared/services/welcome/join-outcomes';
import { errorOf } from '../helpers/http';

let stack: LocalStack;
// 2026-05-20 10:00 Shanghai.
const clock = new ManualClock(Date.parse('2026-05-20T10:00:00+08:00'));
const DAY_MS = 86_400_000;

const machine = () => ({ 'content-type': 'application/json', 'x-internal-key': stack.config.INTERNAL_API_KEY });
const staff = (id: string, role: Parameters<LocalStack['staffToken']>[1]) => ({ 'content-type': 'application/json', authorization: `Bearer ${stack.staffToken(id, role)}` });
const post = (path: string, body: unknown, headers: Record<string, string>) => fetch(`${stack.url}/api/outcomes${path}`, { method: 'POST', headers, body: JSON.stringify(body) });

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' }, clock });
});
afterAll(async () => {
  await stack?.close();
});

describe('the policy system reports invitations and purchases', () => {
  it('records an invitation once by its id, and refuses staff and malformed reports', async () => {
    const body = { invitationId: 'INV-1', customerRef: 'C-1', invitedAtMs: clock.nowMs(), scene: 'policy_delivery', externalUserId: 'wmPartner1' };
    const first = await post('/partner/invitations', body, machine());
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ recorded: true, matched: true });
    const again = await post('/partner/invitations', body, machine());
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const memberId = memberIdForExternalUser(stack.config.WECOM_CORP_ID, 'wmPartner1');
    expect((await createOutcomeEventLog(stack.deps.store).ofMember(memberId)).map((e) => [e.type, e.key])).toEqual([['invited', 'INV-1']]);

    const byStaff = await post('/partner/invitations', { ...body, invitationId: 'INV-2' }, staff('ops-1', 'ops_admin'));
    expect(byStaff.status).toBe(403);
    const bad = await post('/partner/invitations', { ...body, invitedAtMs: 'yesterday' }, machine());
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).fields?.map((f) => f.field)).toContain('invitedAtMs');
    const future = await post('/partner/policies', { policyId: 'POL-F', customerRef: 'C-1', boughtAtMs: clock.nowMs() + DAY_MS }, machine());
    expect(future.status).toBe(400);
    expect((await errorOf(future)).fields?.map((f) => f.field)).toEqual(['boughtAtMs']);
  });

  it('keeps what it reports by reference only, and moves it to the member once the external_userid is known', async () => {
    await post('/partner/invitations', { invitationId: 'INV-9', customerRef: 'C-9', invitedAtMs: clock.nowMs() }, machine());
    const buy = await post('/partner/policies', { policyId: 'POL-9', customerRef: 'C-9', boughtAtMs: clock.nowMs() }, machine());
    expect(await buy.json()).toEqual({ recorded: true, matched: false });
    const log = createOutcomeEventLog(stack.deps.store);
    expect(await log.ofMember(provisionalSubject('C-9'))).toHaveLength(2);

    const link = await post('/partner/customers', { customerRef: 'C-9', externalUserId: 'wmPartner9' }, machine());
    expect(link.status).toBe(200);
    const memberId = memberIdForExternalUser(stack.config.WECOM_CORP_ID, 'wmPartner9');
    expect((await log.ofMember(memberId)).map((e) => e.type).sort()).toEqual(['invited', 'policy_bought']);
    expect(await log.ofMember(provisionalSubject('C-9'))).toEqual([]);
    // Later reports by the same reference land on the member.
    const later = await post('/partner/policies', { policyId: 'POL-10', customerRef: 'C-9', boughtAtMs: clock.nowMs() }, machine());
    expect(await later.json()).toEqual({ recorded: true, matched: true });
  });
});

describe('the ops dashboard', () => {
  /** 12 members from policy delivery and 3 from claims service joined yesterday; the timer has run. */
  beforeAll(async () => {
    const joinedAtMs = clock.nowMs() - DAY_MS;
    for (let i = 0; i < 15; i++) {
      const scene = i < 12 ? 'policy_delivery' : 'claims_service';
      const member: Member = { _id: `m_dash_${i}`, scene, team: { health_butler: 'hb-1' }, status: 'active', intakeStatus: 'pending', joinedAtMs, updatedAtMs: joinedAtMs };
      await stack.deps.store.collection<Member>(MEMBERS).insert(member);
      await recordJoined(stack.deps.store, member, 'contact');
      if (i % 2 === 0) await createOutcomeEventLog(stack.deps.store).record({ type: 'form_completed', memberId: member._id, key: '1', atMs: joinedAtMs + 3_600_000 });
    }
    const run = await fetch(`${stack.url}/_dev/timers/outcomes`, { method: 'POST' });
    expect(run.status).toBe(200);
  });

  it('shows supervisors and ops the metrics against their targets, never a cell under 10 members', async () => {
    for (const [id, role] of [['ops-1', 'ops_admin'], ['sup-1', 'supervisor']] as const) {
      const res = await fetch(`${stack.url}/api/outcomes/dashboard`, { headers: staff(id, role) });
      expect(res.status).toBe(200);
      const text = await res.text();
      const body = JSON.parse(text) as { overall: { metrics: Record<string, { numerator: number; denominator: number; target: number }> }; byScene: { value: string; members: number }[] };
      expect(body.overall.metrics.profile_completion).toMatchObject({ numerator: 8, denominator: 15, target: 0.7 });
      // The 3 claims-service members would be 其他 alone (3 < 10), readable as 15 − 12: they are merged into the
      // one scene shown, which is then shown as 其他; neither name appears.
      expect(body.byScene).toEqual([expect.objectContaining({ value: '其他', members: 15 })]);
      expect(text).not.toContain('claims_service');
      expect(text).not.toContain('policy_delivery');
    }
  });

  it('refuses the 4R team and asks for valid dates', async () => {
    expect((await fetch(`${stack.url}/api/outcomes/dashboard`, { headers: staff('hb-1', 'health_butler') })).status).toBe(403);
    expect((await fetch(`${stack.url}/api/outcomes/dashboard`)).status).toBe(401);
    // The ops CLI's CSV export reads the same report with the machine key.
    expect((await fetch(`${stack.url}/api/outcomes/dashboard`, { headers: machine() })).status).toBe(200);
    const bad = await fetch(`${stack.url}/api/outcomes/dashboard?from=2026-02-30`, { headers: staff('ops-1', 'ops_admin') });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).fields?.map((f) => f.field)).toEqual(['from']);
  });
});

describe('a gap report discussed with the member', () => {
  it('is recorded once when the insurance consultant marks it, and only by the member\'s own consultant', async () => {
    const nowMs = clock.nowMs();
    const member: Member = { _id: 'm_gap_talk', team: { insurance_consultant: 'ic-1', family_doctor: 'doc-1' }, tier: 'medium', status: 'active', intakeStatus: 'completed', joinedAtMs: nowMs, updatedAtMs: nowMs };
    await stack.deps.store.collection<Member>(MEMBERS).insert(member);
    const input = { memberId: member._id, age: 35, annualIncome: 300_000, debts: 0, liquidAssets: 100_000, dependants: { children: 1, parents: 0, spouse: true }, socialInsurance: true, policies: [] };
    const created = await fetch(`${stack.url}/api/gap-analysis`, { method: 'POST', headers: staff('ic-1', 'insurance_consultant'), body: JSON.stringify(input) });
    expect(created.status).toBe(201);
    const { reportId } = (await created.json()) as { reportId: string };
    const mark = (h: Record<string, string>) => fetch(`${stack.url}/api/gap-analysis/reports/${reportId}/discussed`, { method: 'POST', headers: h, body: '{}' });

    expect((await mark(staff('doc-1', 'family_doctor'))).status).toBe(403);
    expect((await mark(staff('ic-2', 'insurance_consultant'))).status).toBe(403);
    const first = await mark(staff('ic-1', 'insurance_consultant'));
    expect(first.status).toBe(201);
    const again = await mark(staff('ic-1', 'insurance_consultant'));
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const events = await createOutcomeEventLog(stack.deps.store).ofMember(member._id, ['gap_discussed']);
    expect(events.map((e) => e.key)).toEqual([reportId]);
  });
});
