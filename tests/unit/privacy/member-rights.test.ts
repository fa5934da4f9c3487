import { beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/domain/access/principal';
import type { PrivacyService } from '../../../shared/services/privacy/privacy-service';
import { MEMBER_DATA_MAP } from '../../../shared/services/privacy/member-data-map';
import { RETRY_WINDOW_MS, REQUEST_VALIDITY_MS } from '../../../shared/services/privacy/requests';
import { MEMBERS, type Member } from '../../../shared/services/members/member';
import { servicesOf as intakeServicesOf } from '../../../functions/intake/wiring';
import { submitReading } from '../../../shared/services/intake/readings';
import { createGapAnalysisService } from '../../../shared/services/gap-analysis/gap-analysis-service';
import { awardPoints } from '../../../shared/services/points/member-points';
import type { AuditEntry } from '../../../shared/ports/audit-log';
import { AUDIT_COLLECTION } from '../../../shared/adapters/audit/store-audit-log';
import { createOutcomeEventLog } from '../../../shared/services/outcomes/outcome-events';
import { plainDump, GAP_INPUT, harness, seedMember, seedMemberData, TEAM, type Harness } from './support';

const A = 'm_privacy_member_a';
const B = 'm_privacy_member_b';
const self: Principal = { kind: 'member', memberId: A };
const ops: Principal = { kind: 'staff', staffId: 'ops_1', role: 'ops_admin' };
const doctor: Principal = { kind: 'staff', staffId: TEAM.family_doctor, role: 'family_doctor' };
const supervisor: Principal = { kind: 'staff', staffId: 'sup_1', role: 'supervisor' };
const ALL_COLLECTIONS = MEMBER_DATA_MAP.map((e) => e.collection);

let h: Harness;
let privacy: PrivacyService;
let sA: Awaited<ReturnType<typeof seedMemberData>>;
let sB: Awaited<ReturnType<typeof seedMemberData>>;

const denial = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'allowed';
  } catch (err) {
    const e = err as { status?: number; code?: string };
    return `${e.status} ${e.code}`;
  }
};

const auditOf = async (memberId: string): Promise<AuditEntry[]> => h.deps.audit.query({ memberId, limit: 1000 });

beforeEach(async () => {
  h = harness();
  privacy = intakeServicesOf(h.deps).privacy;
  await seedMember(h.deps, A);
  await seedMember(h.deps, B, { team: { family_doctor: 'doc_b', health_butler: 'butler_b', rights_consultant: 'rights_b', insurance_consultant: 'ins_b' } });
  sA = await seedMemberData(h.deps, A, 'AAA');
  sB = await seedMemberData(h.deps, B, 'BBB');
});

describe('export', () => {
  it('gives the member every record about them, decrypted, and nothing about anyone else', async () => {
    const result = await privacy.exportData(self, A, {});
    expect(result.delivered).toBe('member');
    if (result.delivered !== 'member') return;
    const text = JSON.stringify(result.export);
    for (const secret of Object.values(sA)) expect(text).toContain(secret);
    for (const secret of Object.values(sB)) expect(text).not.toContain(secret);
    expect(text).not.toContain('"_enc"');
    const names = result.export.collections.map((c) => c.collection);
    expect(names).toEqual(expect.arrayContaining(['members', 'profile_versions', 'plans', 'readings', 'exam_reports', 'reminders', 'triage_tickets', 'triage_messages', 'gap_reports', 'points_ledger_entries', 'points_redemptions']));
    const readings = result.export.collections.find((c) => c.collection === 'readings')?.documents ?? [];
    expect(readings[0]).toMatchObject({ value: { systolic: 150, diastolic: 95 }, note: sA.readingNote });
    expect(readings[0]).not.toHaveProperty('leaseUntilMs');

    const [entry] = (await auditOf(A)).filter((e) => e.action === 'member.export');
    expect(entry).toMatchObject({ outcome: 'done', actor: { kind: 'member', id: A }, meta: { deliveredTo: 'member' } });
  });

  it('is refused to the member’s own doctor, another member and ops without the member’s request', async () => {
    expect(await denial(privacy.exportData(doctor, A, {}))).toBe('403 role_not_permitted');
    expect(await denial(privacy.exportData({ kind: 'member', memberId: B }, A, {}))).toBe('403 not_self');
    expect(await denial(privacy.exportData(ops, A, {}))).toBe('403 no_verified_request');
  });
});

describe('requests staff act on', () => {
  it('lets ops carry out the member’s own pending request, once it exists and matches', async () => {
    const { request, created } = await privacy.openRequest(self, A, 'export');
    expect(created).toBe(true);
    expect(request).toMatchObject({ memberId: A, type: 'export', status: 'pending' });
    // Asking again while pending is the same request.
    expect((await privacy.openRequest(self, A, 'export')).request.requestId).toBe(request.requestId);

    const receipt = await privacy.exportData(ops, A, { requestId: request.requestId });
    // Ops get a receipt, never the content.
    expect(receipt).toMatchObject({ delivered: 'member_on_request', memberId: A });
    expect(JSON.stringify(receipt)).not.toContain(sA.medications);
    expect((await privacy.listRequests(self, A))[0]).toMatchObject({ requestId: request.requestId, status: 'completed' });
  });

  it('refuses a request of another member, of another type, expired, or carried out long ago — like no request', async () => {
    const forB = (await privacy.openRequest({ kind: 'member', memberId: B }, B, 'erase')).request.requestId;
    const exportA = (await privacy.openRequest(self, A, 'export')).request.requestId;
    expect(await denial(privacy.erase(ops, A, { requestId: forB }))).toBe('403 no_verified_request');
    expect(await denial(privacy.erase(ops, A, { requestId: exportA }))).toBe('403 no_verified_request');
    expect(await denial(privacy.erase(ops, A, { requestId: 'pr_0000000000000000000000' }))).toBe('403 no_verified_request');
    // The member's request does not let other staff roles in.
    const eraseA = (await privacy.openRequest(self, A, 'erase')).request.requestId;
    expect(await denial(privacy.erase(doctor, A, { requestId: eraseA }))).toBe('403 role_not_permitted');

    h.clock.advance(REQUEST_VALIDITY_MS + 1);
    expect(await denial(privacy.erase(ops, A, { requestId: eraseA }))).toBe('403 no_verified_request');

    const fresh = (await privacy.openRequest(self, A, 'consent_withdraw')).request.requestId;
    expect(await denial(privacy.withdrawConsent(ops, A, { requestId: fresh }))).toBe('allowed');
    // A lost answer may be retried for a while; later the request verifies nothing.
    expect(await denial(privacy.withdrawConsent(ops, A, { requestId: fresh }))).toBe('allowed');
    h.clock.advance(RETRY_WINDOW_MS + 1);
    expect(await denial(privacy.withdrawConsent(ops, A, { requestId: fresh }))).toBe('403 no_verified_request');
  });

  it('can only be made by the member themself', async () => {
    expect(await denial(privacy.openRequest(ops, A, 'erase'))).toBe('403 no_verified_request');
    expect(await denial(privacy.openRequest(doctor, A, 'export'))).toBe('403 role_not_permitted');
    expect(await denial(privacy.openRequest({ kind: 'member', memberId: B }, A, 'erase'))).toBe('403 not_self');
    await privacy.openRequest(self, A, 'erase');
    const queue = await privacy.requestQueue(ops, { status: 'pending', limit: 50 });
    expect(queue.map((r) => [r.memberId, r.type])).toEqual([[A, 'erase']]);
    expect(await denial(privacy.requestQueue(self, { limit: 50 }))).toBe('403 not_self');
  });
});

describe('consent withdrawal', () => {
  it('records the withdrawal, stops reminders and processing, and deletes what the consent was for', async () => {
    const scheduledBefore = await h.deps.store.collection('reminders').count({ memberId: A, status: 'scheduled' });
    expect(scheduledBefore).toBeGreaterThan(0);
    const now = h.clock.nowMs();
    const r = await privacy.withdrawConsent(self, A, {});
    expect(r).toMatchObject({ memberId: A, status: 'consent_withdrawn', withdrawnAtMs: now, consentTextVersion: 'health-data-v1', noticeTextVersion: 'withdraw-v1', remindersCancelled: scheduledBefore });
    expect(r.healthRecordsErased).toBeGreaterThan(0);
    expect((await h.deps.members.get(A))?.status).toBe('consent_withdrawn');

    const store = h.deps.store;
    expect(await store.collection('readings').count({ memberId: A })).toBe(0);
    expect(await store.collection('reminders').count({ memberId: A })).toBe(0);
    expect(await store.collection('plans').get(A)).toBeNull();
    // The consent record stays as proof; the answers are gone.
    const version = await store.collection('profile_versions').findOne({ memberId: A });
    expect(version).toMatchObject({ consent: { textVersion: 'health-data-v1', healthDataProcessing: true } });
    expect(version).not.toHaveProperty('form');
    const member = (await h.deps.members.get(A)) as Member;
    expect(member.tier).toBeUndefined();
    expect(member.tags?.some((t) => t.dimension === 'health_status' || t.dimension === 'risk_level')).toBe(false);
    // Not part of the health consent: the conversation record and the points account stay.
    expect(await store.collection('triage_messages').count({ memberId: A })).toBe(1);
    // 50 for completing the form + 5 for the reading the member uploaded + 10 for the 10:00 monitoring task
    // that reading completed (support.ts starts the clock at 10:00 Shanghai) + the 20 adjustment.
    const history = await intakeServicesOf(h.deps).points.history(A);
    expect(history.entries.filter((e) => e.status === 'applied').map((e) => [e.reason, e.amount])).toEqual([
      ['redeem:free_checkup', 0],
      ['会员反映血糖仪故障补偿AAA', 20],
      ['plan_task_completed', 10],
      ['reading_uploaded', 5],
      ['form_completed', 50],
    ]);
    expect((await intakeServicesOf(h.deps).points.balance(A)).balance).toBe(85);
    // B is untouched.
    expect(await store.collection('readings').count({ memberId: B })).toBe(1);

    // Processing stops in the capabilities that check the status.
    const gap = createGapAnalysisService(h.deps).analyze({ kind: 'machine', id: 't' }, { ...GAP_INPUT, memberId: A } as never);
    expect(await denial(gap)).toBe('409 member_not_active');
    expect(await denial(awardPoints({ points: intakeServicesOf(h.deps).points, members: h.deps.members }, { memberId: A, rule: 'reading_uploaded', sourceRef: 'r', idempotencyKey: 'after-withdrawal' }))).toBe('409 member_not_active');

    const events = await store.collection('consent_events').find({ memberId: A });
    expect(events).toEqual([expect.objectContaining({ kind: 'withdrawn', atMs: now, consentTextVersion: 'health-data-v1', noticeTextVersion: 'withdraw-v1', actor: { kind: 'member', id: A } })]);
    expect((await auditOf(A)).some((e) => e.action === 'consent.withdraw' && e.outcome === 'done')).toBe(true);
  });

  it('is idempotent and refuses a notice version we never published', async () => {
    const first = await privacy.withdrawConsent(self, A, {});
    h.clock.advance(60_000);
    const again = await privacy.withdrawConsent(self, A, {});
    expect(again).toMatchObject({ withdrawnAtMs: first.withdrawnAtMs, remindersCancelled: 0, healthRecordsErased: 0 });
    expect(await h.deps.store.collection('consent_events').count({ memberId: A })).toBe(1);
    // The member counts as having left the programme once (retention, shared/domain/outcomes/metrics.ts).
    const left = await createOutcomeEventLog(h.deps.store).ofMember(A, ['left']);
    expect(left.map((e) => [e.key, e.atMs, e.data])).toEqual([[`withdrawn:${first.withdrawnAtMs}`, first.withdrawnAtMs, { how: 'consent_withdrawn' }]]);
    expect(await denial(privacy.withdrawConsent(self, A, { textVersion: 'withdraw-v0' }))).toBe('422 unknown_text_version');
  });
});

describe('erasure', () => {
  it('leaves none of the member’s free text, health values or contact ids, keeps tombstones and the audit trail', async () => {
    const balanceBefore = (await intakeServicesOf(h.deps).points.balance(A)).balance;
    const before = await plainDump(h.deps, ALL_COLLECTIONS);
    for (const secret of Object.values(sA)) expect(before).toContain(secret);
    const r = await privacy.erase(self, A, {});
    expect(r).toMatchObject({ memberId: A, status: 'erased', changed: true, complete: true });

    const dump = await plainDump(h.deps, ALL_COLLECTIONS);
    expect(dump).not.toContain('[unopened]');
    for (const secret of Object.values(sA)) expect(dump).not.toContain(secret);
    for (const secret of Object.values(sB)) expect(dump).toContain(secret);

    const store = h.deps.store;
    const member = await store.collection(MEMBERS).get(A);
    expect(Object.keys(member ?? {}).sort()).toEqual(['_id', 'erasedAtMs', 'joinedAtMs', 'redactedAtMs', 'status', 'team', 'updatedAtMs']);
    for (const c of ['profiles', 'plans', 'readings', 'exam_reports', 'reminders', 'gap_reports', 'member_bindings']) {
      expect(await store.collection(c).count(c === 'profiles' || c === 'plans' ? { _id: A } : { memberId: A })).toBe(0);
    }
    // Tombstones: the ticket (closed, so the SLA cron stops), its messages without text, the ledger still adding up.
    const ticket = await store.collection('triage_tickets').findOne({ memberId: A });
    expect(ticket).toMatchObject({ status: 'closed', resolution: 'member_erased', redFlags: [] });
    const message = await store.collection('triage_messages').findOne({ memberId: A });
    expect(message).not.toHaveProperty('text');
    expect(message).not.toHaveProperty('classification');
    expect((await intakeServicesOf(h.deps).points.balance(A)).balance).toBe(balanceBefore);

    const trail = await auditOf(A);
    expect(trail.find((e) => e.action === 'member.delete')).toMatchObject({ outcome: 'done', actor: { kind: 'member', id: A } });
    expect(trail.some((e) => e.action === 'health.consent')).toBe(true);

    // Everything refuses the id now.
    const reading = submitReading(intakeServicesOf(h.deps).intake, A, { readingId: 'after-erasure-1', type: 'weight', kg: 70, source: 'manual', measuredAtMs: h.clock.nowMs() }, { kind: 'member', id: A });
    expect(await denial(reading)).toBe('404 not_found');
    expect(await denial(h.deps.authorize({ kind: 'staff', staffId: TEAM.family_doctor, role: 'family_doctor' }, 'health.read', A))).toBe('403 not_own_team');
  });

  it('is idempotent and keeps one audit entry per call', async () => {
    await privacy.erase(self, A, {});
    const again = await privacy.erase(self, A, {});
    expect(again.changed).toBe(false);
    expect(again.collections.reduce((n, c) => n + c.deleted + c.redacted, 0)).toBe(0);
    expect((await auditOf(A)).filter((e) => e.action === 'member.delete')).toHaveLength(2);
  });

  it('removes the tags this system put on the WeCom contact, and finishes on retry when WeCom was down', async () => {
    await h.deps.store.collection(MEMBERS).updateOne({ _id: A }, { $set: { addedBy: 'ins_a', externalUserId: 'wm_a', wecomTagIds: ['tag_hypertension', 'tag_high'] } });
    h.wecom.failMarkTag = true;
    const partial = await privacy.erase(self, A, {});
    expect(partial.complete).toBe(false);
    expect(await h.deps.store.collection('readings').count({ memberId: A })).toBe(0);
    expect((await h.deps.members.get(A))?.externalUserId).toBe('wm_a');

    h.wecom.failMarkTag = false;
    const done = await privacy.erase(self, A, {});
    expect(done.complete).toBe(true);
    expect(h.wecom.marks).toEqual([{ userid: 'ins_a', externalUserId: 'wm_a', addTag: [], removeTag: ['tag_hypertension', 'tag_high'] }]);
    expect(await h.deps.members.get(A)).not.toHaveProperty('externalUserId');
  });
});

describe('audit trail and statistics', () => {
  it('shows a member the entries about them with staff by role only; ops everything; supervisors nothing', async () => {
    await h.deps.authorize(doctor, 'health.read', A);
    const mine = await privacy.auditTrail(self, { limit: 50 });
    const access = mine.entries.find((e) => e.action === 'health.read');
    expect(access).toEqual(expect.objectContaining({ outcome: 'allowed', by: { kind: 'staff', role: 'family_doctor' } }));
    expect(JSON.stringify(mine)).not.toContain(TEAM.family_doctor);
    expect(await denial(privacy.auditTrail(self, { memberId: B, limit: 50 }))).toBe('403 not_self');
    expect(await denial(privacy.auditTrail(self, { actorId: 'doc_a', limit: 50 }))).toBe('400 validation_failed');

    const forOps = await privacy.auditTrail(ops, { actorId: TEAM.family_doctor, limit: 50 });
    expect(forOps.entries.some((e) => 'actor' in e && e.actor.id === TEAM.family_doctor && e.subjectMemberId === A)).toBe(true);
    expect(await denial(privacy.auditTrail(supervisor, { memberId: A, limit: 50 }))).toBe('403 aggregate_only');
    // Reading the trail is itself on the trail.
    const reads = await h.deps.store.collection(AUDIT_COLLECTION).find({ action: 'audit.read', 'actor.id': 'ops_1' });
    expect(reads).toHaveLength(1);
  });

  it('gives supervisors and ops counts only', async () => {
    await privacy.openRequest(self, A, 'export');
    await privacy.withdrawConsent({ kind: 'member', memberId: B }, B, {});
    const stats = await privacy.stats(supervisor);
    expect(stats.members).toEqual({ active: 1, consent_withdrawn: 1, erased: 0 });
    expect(stats.requests.export).toEqual({ pending: 1, completed: 0 });
    expect(JSON.stringify(stats)).not.toContain(A);
    expect(await denial(privacy.stats(self))).toBe('403 role_not_permitted');
    expect(await denial(privacy.stats(doctor))).toBe('403 role_not_permitted');
  });
});

describe('the audit of denials', () => {
  it('records every refusal with its reason, naming the member by id only', async () => {
    await denial(privacy.exportData(ops, A, {}));
    await denial(privacy.erase({ kind: 'member', memberId: B }, A, {}));
    const denied = (await auditOf(A)).filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => [e.action, e.reason])).toEqual(
      expect.arrayContaining([
        ['member.export', 'no_verified_request'],
        ['member.delete', 'not_self'],
      ]),
    );
  });
});
