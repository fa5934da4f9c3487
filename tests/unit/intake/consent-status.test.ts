import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main_handler } from '../../../functions/intake/index';
import { intakeRoutes } from '../../../functions/intake/routes';
import { setDeps } from '../../../shared/runtime/deps';
import { signMemberLink } from '../../../shared/services/welcome/member-link';
import { signToken } from '../../../shared/adapters/auth/tokens';
import type { PrivacyService } from '../../../shared/services/privacy/privacy-service';
import { servicesOf as intakeServicesOf } from '../../../functions/intake/wiring';
import { READINGS } from '../../../shared/services/intake/readings';
import { EXAM_REPORTS } from '../../../shared/services/intake/reports';
import { submitHealthForm } from '../../../shared/services/intake/submit-form';
import { MEMBERS, type Member } from '../../../shared/services/members/member';
import { seedMember, startTestEnv, type TestEnv } from './support';

let env: TestEnv;
let privacy: PrivacyService;
beforeEach(async () => {
  env = await startTestEnv();
  setDeps(env.deps);
  privacy = intakeServicesOf(env.deps).privacy;
});
afterEach(async () => {
  setDeps(undefined);
  await env.close();
});

type CallResult = { ok: boolean; data?: Record<string, unknown>; error?: { code: string } };
const from = { environment: JSON.stringify({}) };
const call = (action: string, data: unknown) => main_handler({ action, data }, from) as Promise<CallResult>;
/** A mini-program call from a WeChat account (the platform names its OPENID). */
const callFrom = (openId: string, action: string, data: unknown) => main_handler({ action, data }, { environment: JSON.stringify({ WX_OPENID: openId }) }) as Promise<CallResult>;
const sessionFor = (memberId: string) => signToken(env.deps.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: memberId }, 3600, env.clock.nowMs());
const linkFor = (memberId: string) => signMemberLink(env.deps.tokens, memberId, env.clock.nowMs());

const form = { age: 52, sex: 'male', heightCm: 172, weightKg: 80, smoking: 'never', drinking: 'never', exerciseDaysPerWeek: 2, familyHistory: [], conditions: ['hypertension'], consent: { healthDataProcessing: true, textVersion: 'health-data-v1' } };
const reading = (readingId: string) => ({ readingId, type: 'blood_pressure', systolic: 132, diastolic: 84, measuredAtMs: env.clock.nowMs() - 60_000, source: 'manual' });
const report = (reportId: string) => ({ reportId, fileRef: 'cloud://env-1.abc/reports/2025.pdf', examDate: '2025-02-20' });

async function http(path: string, token: string, body: unknown): Promise<{ status: number; code?: string }> {
  const res = await intakeRoutes(env.deps).fetch(
    new Request(`http://intake.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) }),
  );
  const json = (await res.json()) as { error?: { code: string } };
  return { status: res.status, ...(json.error && { code: json.error.code }) };
}

const stored = async (memberId: string) => ({
  readings: await env.deps.store.collection(READINGS).count({ memberId }),
  reports: await env.deps.store.collection(EXAM_REPORTS).count({ memberId }),
});
const memberOf = async (id: string) => (await env.deps.store.collection<Member>(MEMBERS).get(id)) as Member;

describe('health records from a member who withdrew consent or was erased', () => {
  it('refuses readings and exam reports after a withdrawal with 409 member_not_active (status consent_withdrawn), over HTTP and callFunction, storing nothing', async () => {
    const m = await seedMember(env);
    const token = linkFor(m._id);
    await privacy.withdrawConsent({ kind: 'member', memberId: m._id }, m._id, {});

    expect(await http('/api/intake/readings', token, reading('bp-http-0001'))).toEqual({ status: 409, code: 'member_not_active' });
    expect(await http('/api/intake/reports', token, report('exam-http-01'))).toEqual({ status: 409, code: 'member_not_active' });
    expect(await call('submitReading', { token, reading: reading('bp-call-0001') })).toMatchObject({ ok: false, error: { code: 'member_not_active' } });
    expect(await call('submitReport', { token, report: report('exam-call-01') })).toMatchObject({ ok: false, error: { code: 'member_not_active' } });
    expect(await stored(m._id)).toEqual({ readings: 0, reports: 0 });
  });

  it('refuses readings, reports and the form of an erased member like an unknown one (404), storing nothing', async () => {
    const m = await seedMember(env);
    const token = linkFor(m._id);
    await privacy.erase({ kind: 'member', memberId: m._id }, m._id, {});

    expect(await http('/api/intake/readings', token, reading('bp-http-0002'))).toEqual({ status: 404, code: 'not_found' });
    expect(await http('/api/intake/reports', token, report('exam-http-02'))).toEqual({ status: 404, code: 'not_found' });
    expect(await call('submitReading', { token, reading: reading('bp-call-0002') })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call('submitForm', { token, form })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await stored(m._id)).toEqual({ readings: 0, reports: 0 });
    expect(await env.deps.store.collection('consent_events').count({ memberId: m._id, kind: 'given' })).toBe(0);
    expect((await memberOf(m._id)).status).toBe('erased');
  });
});

describe('the health form after a withdrawal', () => {
  it('renews the consent from the member’s own login: active again, the renewal recorded and audited, readings taken again', async () => {
    const m = await seedMember(env);
    await env.deps.members.bindOpenId(m._id, 'o_renewing_member', env.clock.nowMs());
    const withdrawn = await privacy.withdrawConsent({ kind: 'member', memberId: m._id }, m._id, {});
    env.clock.advance(3_600_000);
    const token = sessionFor(m._id);

    const submitted = await callFrom('o_renewing_member', 'submitForm', { form });
    // Active again before the plan is handed to the reminders (which refuse members not active).
    expect(submitted).toMatchObject({ ok: true, data: { memberId: m._id, planScheduled: true } });
    expect((await memberOf(m._id)).status).toBe('active');
    const events = await env.deps.store.collection('consent_events').find({ memberId: m._id }, { sort: { atMs: 1 } });
    expect(events.map((e) => [e.kind, e.atMs, e.consentTextVersion])).toEqual([
      ['withdrawn', withdrawn.withdrawnAtMs, null],
      ['given', env.clock.nowMs(), 'health-data-v1'],
    ]);
    expect(events[1]).toMatchObject({ actor: { kind: 'member', id: m._id } });
    const audit = await env.deps.audit.query({ memberId: m._id });
    expect(audit.filter((a) => a.action === 'consent.given')).toEqual([expect.objectContaining({ outcome: 'done', meta: { textVersion: 'health-data-v1', withdrawnAtMs: withdrawn.withdrawnAtMs } })]);

    // A retried submission is just another profile version: one renewal on record.
    expect(await http('/api/intake/forms', token, form)).toEqual({ status: 201 });
    expect(await env.deps.store.collection('consent_events').count({ memberId: m._id, kind: 'given' })).toBe(1);

    expect(await http('/api/intake/readings', token, reading('bp-http-0003'))).toEqual({ status: 201 });
    expect(await stored(m._id)).toEqual({ readings: 1, reports: 0 });
  });

  it('does not take a renewed consent through the forwardable welcome link, over HTTP or callFunction: 409, still withdrawn', async () => {
    const m = await seedMember(env);
    const link = linkFor(m._id);
    await privacy.withdrawConsent({ kind: 'member', memberId: m._id }, m._id, {});
    env.clock.advance(3_600_000);

    expect(await http('/api/intake/forms', link, form)).toEqual({ status: 409, code: 'member_not_active' });
    expect(await call('submitForm', { token: link, form })).toMatchObject({ ok: false, error: { code: 'member_not_active' } });
    // Whoever the card was forwarded to, with a mini-program account of their own.
    expect(await callFrom('o_someone_else', 'submitForm', { token: link, form })).toMatchObject({ ok: false, error: { code: 'member_not_active' } });
    // Even if the withdrawal lands after the gate let the link through, the form does not renew it.
    const late = await submitHealthForm(env.intake, m._id, form, { kind: 'member', id: m._id }, { ownLogin: false }).catch((e: unknown) => e);
    expect(late).toMatchObject({ status: 409, code: 'member_not_active' });

    expect((await memberOf(m._id)).status).toBe('consent_withdrawn');
    expect(await env.deps.store.collection('profile_versions').count({ memberId: m._id })).toBe(0);
    expect(await env.deps.store.collection('consent_events').count({ memberId: m._id, kind: 'given' })).toBe(0);
    const denials = (await env.deps.audit.query({ memberId: m._id })).filter((e) => e.outcome === 'denied');
    expect(denials.map((e) => [e.action, e.reason])).toEqual([
      ['health.write', 'consent_withdrawn'],
      ['health.write', 'consent_withdrawn'],
      ['health.write', 'consent_withdrawn'],
    ]);
  });

  it('does not let a clinician renew the consent for the member', async () => {
    const m = await seedMember(env, { team: { family_doctor: 'doc_a' } });
    await privacy.withdrawConsent({ kind: 'member', memberId: m._id }, m._id, {});
    const err = await submitHealthForm(env.intake, m._id, form, { kind: 'staff', id: 'doc_a', role: 'family_doctor' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 409, code: 'member_not_active', details: { status: 'consent_withdrawn' } });
    expect((await memberOf(m._id)).status).toBe('consent_withdrawn');
    expect(await env.deps.store.collection('profile_versions').count({ memberId: m._id })).toBe(0);
  });
});
