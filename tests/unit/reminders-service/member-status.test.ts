import { beforeEach, describe, expect, it } from 'vitest';
import { reminderCronRoutes } from '../../../functions/reminder-cron/routes';
import { servicesOf } from '../../../functions/reminder-cron/wiring';
import { signToken } from '../../../shared/adapters/auth/tokens';
import type { ScheduleEntry } from '../../../shared/domain/schedule/recurrence';
import type { MemberStatus } from '../../../shared/services/members/member';
import { REMINDERS } from '../../../shared/services/reminders/reminder-doc';
import { POLICY_EXPIRIES } from '../../../shared/services/reminders/reminder-service';
import { harness as appHarness, seedMember } from '../privacy/support';
import { createHarness } from './harness';

const plan: ScheduleEntry[] = [{ kind: 'monitoring', title: '测血压', recurrence: { type: 'daily', time: '08:00' }, audience: 'member' }];

describe('no reminders for a member who is not active', () => {
  it.each<MemberStatus>(['consent_withdrawn', 'erased'])('create, createFromPlan and renewalReminders refuse a %s member with 409 member_not_active, storing nothing', async (status) => {
    const h = createHarness();
    await h.addMember('m1', { status });
    const refused = { status: 409, code: 'member_not_active' };
    await expect(h.service.create({ memberId: 'm1', kind: 'medication', title: '请按时服药' })).rejects.toMatchObject(refused);
    await expect(h.service.createFromPlan('m1', plan, { idempotencyKeyPrefix: 'plan:m1:v1' })).rejects.toMatchObject(refused);
    await expect(h.service.renewalReminders({ memberId: 'm1', policyId: 'P-1', expiresOn: '2026-06-30' })).rejects.toMatchObject(refused);
    expect(await h.store.collection(REMINDERS).count({})).toBe(0);
    expect(await h.store.collection(POLICY_EXPIRIES).count({})).toBe(0);
  });

  it('still escalates a ticket of a member who is not active to staff (safety first), and serves active members as before', async () => {
    const h = createHarness();
    await h.addMember('m1', { status: 'consent_withdrawn' });
    await h.addMember('m2');
    const escalation = await h.service.create({ memberId: 'm1', kind: 'sla_escalation', audience: 'staff', staffUserIds: ['oncall-1'], title: '工单无人确认', emergency: true });
    expect(escalation.created).toBe(true);
    expect((await h.service.createFromPlan('m2', plan, { idempotencyKeyPrefix: 'plan:m2:v1' })).created).toBe(1);
    expect((await h.service.renewalReminders({ memberId: 'm2', policyId: 'P-2', expiresOn: '2026-06-30' })).ids.length).toBeGreaterThan(0);
  });
});

describe('GET/DELETE /api/reminders/:id', () => {
  const A = 'm_rem_member_a';
  const B = 'm_rem_member_b';
  let app: ReturnType<typeof appHarness>;
  let bReminderId: string;

  beforeEach(async () => {
    app = appHarness();
    await seedMember(app.deps, A);
    await seedMember(app.deps, B, { team: { family_doctor: 'doc_b', health_butler: 'butler_b' } });
    bReminderId = (await servicesOf(app.deps).reminders.create({ memberId: B, kind: 'medication', title: '请按时服药' })).reminder._id;
  });

  const staff = (staffId: string) => signToken(app.deps.config.TOKEN_SIGNING_SECRET, { aud: 'staff-session', sub: staffId, role: 'family_doctor' }, 3600, app.clock.nowMs());
  const member = (memberId: string) => signToken(app.deps.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: memberId }, 3600, app.clock.nowMs());
  async function call(method: 'GET' | 'DELETE', id: string, headers: Record<string, string>) {
    const res = await reminderCronRoutes(app.deps).fetch(new Request(`http://reminders.test/api/reminders/${encodeURIComponent(id)}`, { method, headers }));
    const body = (await res.json()) as { error?: { code: string; message: string } };
    return { status: res.status, error: body.error };
  }

  it('answers an unknown id exactly like a reminder of a member the caller may not see, and audits it as a denial', async () => {
    for (const method of ['GET', 'DELETE'] as const) {
      for (const token of [staff('doc_a_not_b'), member(A)]) {
        const auth = { authorization: `Bearer ${token}` };
        const someoneElses = await call(method, bReminderId, auth);
        expect(someoneElses.status).toBe(403);
        expect(await call(method, 'rem_no_such_reminder', auth)).toEqual(someoneElses);
      }
    }
    const denials = await app.deps.audit.query({ actorId: 'doc_a_not_b' });
    expect(denials.map((e) => `${e.action}:${e.outcome}:${e.subjectMemberId ?? '-'}`).sort()).toEqual([
      'reminder.create:denied:-',
      'reminder.create:denied:-',
      `reminder.create:denied:${B}`,
      `reminder.create:denied:${B}`,
    ]);
    // Nothing was cancelled by the refused DELETEs.
    expect(await app.deps.store.collection(REMINDERS).get(bReminderId)).toMatchObject({ status: 'scheduled' });
  });

  it('still shows and cancels the reminder for whoever may see it; the machine learns an id is unknown', async () => {
    const doctor = { authorization: `Bearer ${staff('doc_b')}` };
    expect((await call('GET', bReminderId, doctor)).status).toBe(200);
    expect((await call('DELETE', bReminderId, doctor)).status).toBe(200);
    const machine = { 'x-internal-key': app.deps.config.INTERNAL_API_KEY };
    expect(await call('GET', 'rem_no_such_reminder', machine)).toMatchObject({ status: 404, error: { code: 'not_found' } });
  });
});
