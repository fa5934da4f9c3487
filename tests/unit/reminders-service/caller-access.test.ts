import { beforeEach, describe, expect, it } from 'vitest';
import { reminderCronRoutes } from '../../../functions/reminder-cron/routes';
import { servicesOf } from '../../../functions/reminder-cron/wiring';
import { signToken } from '../../../shared/adapters/auth/tokens';
import type { StaffRole } from '../../../shared/domain/team/roles';
import { REMINDERS, type ReminderDoc } from '../../../shared/services/reminders/reminder-doc';
import { SLA_ESCALATIONS } from '../../../shared/services/reminders/sla';
import { TICKETS, type Ticket } from '../../../shared/services/triage/records';
import type { AppDeps } from '../../../shared/runtime/deps';
import { harness as appHarness, seedMember, TEAM } from '../privacy/support';
import { FakeWecom } from './harness';

const A = 'm_rules_member_a';
const B = 'm_rules_member_b';
const TEAM_B = { family_doctor: 'doc_b', health_butler: 'butler_b', rights_consultant: 'rights_b', insurance_consultant: 'ins_b' };

let app: ReturnType<typeof appHarness>;
let deps: AppDeps;
let wecom: FakeWecom;
beforeEach(async () => {
  app = appHarness();
  wecom = new FakeWecom(app.clock);
  deps = { ...app.deps, wecom: wecom.api };
  await seedMember(deps, A);
  await seedMember(deps, B, { team: TEAM_B });
});

const secret = () => deps.config.TOKEN_SIGNING_SECRET;
const member = (memberId: string) => ({ authorization: `Bearer ${signToken(secret(), { aud: 'mini-program', sub: memberId }, 3600, app.clock.nowMs())}` });
const staff = (staffId: string, role: StaffRole) => ({ authorization: `Bearer ${signToken(secret(), { aud: 'staff-session', sub: staffId, role }, 3600, app.clock.nowMs())}` });
const machine = () => ({ 'x-internal-key': deps.config.INTERNAL_API_KEY, 'x-caller': 'intake' });

let seq = 0;
async function post(path: string, body: unknown, headers: Record<string, string>) {
  const requestId = `rules-${++seq}`;
  const res = await reminderCronRoutes(deps).fetch(
    new Request(`http://reminders.test/api/reminders${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...headers }, body: JSON.stringify(body) }),
  );
  const json = (await res.json()) as { id?: string; created?: number; error?: { code: string } };
  // The function echoes the request id it worked under (the platform's, when it assigns one).
  return { status: res.status, json, code: json.error?.code, requestId: res.headers.get('x-request-id') ?? requestId };
}

const reminders = () => deps.store.collection<ReminderDoc>(REMINDERS);

describe('idempotency keys from callers', () => {
  it("become ids in the caller's own namespace, so nobody can take an id the system will use", async () => {
    const key = 'sla:t_someone:1';
    const first = await post('', { memberId: A, kind: 'monitoring', title: '测血压' }, { ...member(A), 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(first.json.id).toMatch(/^api:member:m_rules_member_a:[A-Za-z0-9_-]{22}$/);
    expect(await reminders().get(key)).toBeNull();

    const replay = await post('', { memberId: A, kind: 'monitoring', title: '测血压' }, { ...member(A), 'idempotency-key': key });
    expect({ status: replay.status, id: replay.json.id }).toEqual({ status: 200, id: first.json.id });
    // The same key from someone else is their own reminder; a body key is namespaced the same way.
    const butler = await post('', { memberId: A, kind: 'monitoring', title: '测血压', idempotencyKey: key }, staff(TEAM.health_butler, 'health_butler'));
    expect(butler.status).toBe(201);
    expect(butler.json.id).toMatch(/^api:staff:butler_a:/);
  });

  it("a member squatting an escalation's key stops neither the minute run nor the escalation", async () => {
    const openedAtMs = app.clock.nowMs() - 6 * 60_000;
    const ticket: Ticket = {
      _id: 't_rules_emergency_00000',
      memberId: A,
      memberKnown: true,
      role: 'family_doctor',
      assignee: TEAM.family_doctor,
      status: 'open',
      emergency: true,
      redFlags: ['chest_pain'],
      intent: 'medical' as Ticket['intent'],
      channel: 'kf' as Ticket['channel'],
      createdAtMs: openedAtMs,
      updatedAtMs: openedAtMs,
      lastMessageAtMs: openedAtMs,
      slaStartAtMs: openedAtMs,
      slaDueAtMs: openedAtMs + 5 * 60_000,
      emergencyAckMinutes: 5,
      onCallList: ['oncall-1', 'oncall-2'],
    };
    await deps.store.collection<Ticket>(TICKETS).insert(ticket);
    for (const key of [`sla:${ticket._id}:1`, `sla:${ticket._id}:${openedAtMs}:1`]) {
      expect((await post('', { memberId: A, kind: 'monitoring', title: '占位' }, { ...member(A), 'idempotency-key': key })).status).toBe(201);
    }

    const report = await servicesOf(deps).reminders.runCron({ budgetMs: 10_000 });
    expect(report.escalated).toBe(1);
    const escalations = await reminders().find({ kind: 'sla_escalation' });
    expect(escalations.map((d) => [d.staffUserIds, d.status])).toEqual([[['oncall-2'], 'sent']]);
    expect(wecom.sent.flatMap((s) => (s.api === 'app' ? [s.input.touser] : []))).toEqual([['oncall-2']]);
    expect(await deps.store.collection(SLA_ESCALATIONS).get(ticket._id)).toMatchObject({ level: 1 });
  });
});

describe('what a member may schedule', () => {
  const own = { memberId: A, title: '提醒' };

  it('lets a member schedule their own routine reminders and nothing that pages staff, each refusal with its reason, audited', async () => {
    for (const kind of ['monitoring', 'medication', 'follow_up_visit', 'exercise_task', 'check_up', 'activity']) {
      expect({ kind, status: (await post('', { ...own, kind }, member(A))).status }).toEqual({ kind, status: 201 });
    }
    const before = await reminders().count({});
    const refusals = [
      [{ ...own, kind: 'monitoring', audience: 'family_doctor' }, 'reminder_audience_not_permitted'],
      [{ ...own, kind: 'staff_follow_up' }, 'reminder_kind_not_permitted'],
      [{ ...own, kind: 'sla_escalation' }, 'reminder_kind_not_permitted'],
      [{ ...own, kind: 'policy_renewal' }, 'reminder_kind_not_permitted'],
      [{ ...own, kind: 'medication', emergency: true }, 'reminder_emergency_not_permitted'],
      [{ ...own, kind: 'follow_up_visit', cadence: 'follow_up' }, 'reminder_cadence_not_permitted'],
      [{ ...own, memberId: B, kind: 'monitoring' }, 'not_self'],
    ] as const;
    for (const [body, code] of refusals) {
      const res = await post('', body, member(A));
      expect({ body, status: res.status, code: res.code }).toEqual({ body, status: 403, code });
      const audit = await deps.audit.query({ actorId: A, limit: 1000 });
      expect(audit.some((e) => e.requestId === res.requestId && e.outcome === 'denied' && e.reason === code)).toBe(true);
    }
    expect(await reminders().count({})).toBe(before);
  });

  it("leaves staff reminders, escalations and emergencies to the member's clinicians and the machine", async () => {
    const doctor = await post('', { ...own, kind: 'staff_follow_up', audience: 'family_doctor', emergency: true }, staff(TEAM.family_doctor, 'family_doctor'));
    expect(doctor.status).toBe(201);
    const system = await post('', { ...own, kind: 'sla_escalation', audience: 'health_butler', emergency: true }, machine());
    expect(system.status).toBe(201);
    const insurer = await post('', { ...own, kind: 'monitoring' }, staff(TEAM.insurance_consultant, 'insurance_consultant'));
    expect({ status: insurer.status, code: insurer.code }).toEqual({ status: 403, code: 'role_not_permitted' });
  });
});

describe('POST /api/reminders/policies (renewal reminders)', () => {
  const body = (memberId: string, policyId = 'POL-1') => ({ memberId, policyId, expiresOn: '2030-06-30', productName: '百万医疗' });

  it("is for the member's insurance consultant and the machine only", async () => {
    for (const [headers, code] of [
      [member(A), 'role_not_permitted'],
      [staff(TEAM.family_doctor, 'family_doctor'), 'role_not_permitted'],
      [staff(TEAM.health_butler, 'health_butler'), 'role_not_permitted'],
      [staff('sup_1', 'supervisor'), 'aggregate_only'],
      [staff(TEAM_B.insurance_consultant, 'insurance_consultant'), 'not_own_team'],
    ] as const) {
      const res = await post('/policies', body(A), headers);
      expect({ status: res.status, code: res.code }).toEqual({ status: 403, code });
      expect((await deps.audit.query({ memberId: A, limit: 1000 })).some((e) => e.requestId === res.requestId && e.outcome === 'denied')).toBe(true);
    }
    expect(await reminders().count({ kind: 'policy_renewal' })).toBe(0);
    // An unknown member is refused exactly like someone else's.
    expect((await post('/policies', body('m_nobody'), staff(TEAM.insurance_consultant, 'insurance_consultant'))).code).toBe('not_own_team');

    const insurer = await post('/policies', body(A), staff(TEAM.insurance_consultant, 'insurance_consultant'));
    expect(insurer.status).toBe(201);
    expect(insurer.json.created).toBe(6);
    expect((await deps.audit.query({ actorId: TEAM.insurance_consultant })).some((e) => e.requestId === insurer.requestId && e.outcome === 'allowed' && e.action === 'reminder.renewal')).toBe(true);
    expect((await post('/policies', body(B, 'POL-2'), machine())).status).toBe(201);
  });
});
