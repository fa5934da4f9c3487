import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main_handler } from '../../../functions/intake/index';
import { intakeRoutes } from '../../../functions/intake/routes';
import { signToken } from '../../../shared/adapters/auth/tokens';
import { setDeps } from '../../../shared/runtime/deps';
import { signMemberLink } from '../../../shared/services/welcome/member-link';
import { READINGS } from '../../../shared/services/intake/readings';
import { EXAM_REPORTS } from '../../../shared/services/intake/reports';
import { PROFILE_VERSIONS } from '../../../shared/services/intake/profile-store';
import { MEMBERS, type Member } from '../../../shared/services/members/member';
import { seedMember, startTestEnv, type TestEnv } from './support';

/*
 * PIPL art. 29: health data needs the member's own separate consent. Nothing is recorded about a
 * member who never gave it, and a clinician's tick in the form's consent box is not the member's.
 */

let env: TestEnv;
beforeEach(async () => {
  env = await startTestEnv();
  setDeps(env.deps);
});
afterEach(async () => {
  setDeps(undefined);
  await env.close();
});

const TEAM = { family_doctor: 'doc_a', health_butler: 'butler_a' };
const form = (over: Record<string, unknown> = {}) => ({
  age: 61, sex: 'male', heightCm: 170, weightKg: 78, smoking: 'never', drinking: 'never', exerciseDaysPerWeek: 2, familyHistory: [], conditions: ['hypertension'],
  consent: { healthDataProcessing: true, textVersion: 'health-data-v1' }, ...over,
});
const reading = (readingId: string) => ({ readingId, type: 'blood_pressure', systolic: 136, diastolic: 86, measuredAtMs: env.clock.nowMs() - 60_000, source: 'manual' });
const report = (reportId: string) => ({ reportId, fileRef: 'cloud://env-1.abc/reports/2025.pdf' });

const linkFor = (memberId: string) => signMemberLink(env.deps.tokens, memberId, env.clock.nowMs());
const sessionFor = (memberId: string) => signToken(env.deps.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: memberId }, 3600, env.clock.nowMs());
const doctor = () => signToken(env.deps.config.TOKEN_SIGNING_SECRET, { aud: 'staff-session', sub: 'doc_a', role: 'family_doctor' }, 3600, env.clock.nowMs());

async function post(path: string, token: string, body: unknown): Promise<{ status: number; code?: string; json: Record<string, unknown> }> {
  const res = await intakeRoutes(env.deps).fetch(
    new Request(`http://intake.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) }),
  );
  const json = (await res.json()) as Record<string, unknown> & { error?: { code: string } };
  return { status: res.status, ...(json.error && { code: json.error.code }), json };
}
const call = (action: string, data: unknown) => main_handler({ action, data }, { environment: JSON.stringify({}) }) as Promise<{ ok: boolean; error?: { code: string } }>;

const stored = async (memberId: string) => ({
  versions: await env.deps.store.collection(PROFILE_VERSIONS).count({ memberId }),
  readings: await env.deps.store.collection(READINGS).count({ memberId }),
  reports: await env.deps.store.collection(EXAM_REPORTS).count({ memberId }),
});

describe('health records of a member who never consented', () => {
  it('refuses the member’s own readings and exam reports with 409 consent_required, over HTTP and callFunction, storing nothing', async () => {
    const m = await seedMember(env, { team: TEAM });
    for (const token of [linkFor(m._id), sessionFor(m._id)]) {
      expect(await post('/api/intake/readings', token, reading('bp-rd-0001'))).toMatchObject({ status: 409, code: 'consent_required' });
      expect(await post('/api/intake/reports', token, report('exam-rp-0001'))).toMatchObject({ status: 409, code: 'consent_required' });
      expect(await call('submitReading', { token, reading: reading('bp-rd-0002') })).toMatchObject({ ok: false, error: { code: 'consent_required' } });
      expect(await call('submitReport', { token, report: report('exam-rp-0002') })).toMatchObject({ ok: false, error: { code: 'consent_required' } });
    }
    expect(await stored(m._id)).toEqual({ versions: 0, readings: 0, reports: 0 });

    // Once the member submits the form with consent, the same records are taken.
    expect(await post('/api/intake/forms', linkFor(m._id), form())).toMatchObject({ status: 201 });
    expect(await post('/api/intake/readings', linkFor(m._id), reading('bp-rd-0001'))).toMatchObject({ status: 201 });
    expect(await call('submitReport', { token: sessionFor(m._id), report: report('exam-rp-0002') })).toMatchObject({ ok: true });
    expect(await stored(m._id)).toEqual({ versions: 1, readings: 1, reports: 1 });
  });

  it('does not take the member’s consent from a clinician: form, reading and report for a member who never consented are refused', async () => {
    const m = await seedMember(env, { team: TEAM });
    expect(await post(`/api/intake/forms?memberId=${m._id}`, doctor(), form())).toMatchObject({ status: 409, code: 'consent_required' });
    expect(await post(`/api/intake/readings?memberId=${m._id}`, doctor(), reading('bp-doc-01'))).toMatchObject({ status: 409, code: 'consent_required' });
    expect(await post(`/api/intake/reports?memberId=${m._id}`, doctor(), report('exam-doc-01'))).toMatchObject({ status: 409, code: 'consent_required' });
    expect(await stored(m._id)).toEqual({ versions: 0, readings: 0, reports: 0 });
    const member = (await env.deps.store.collection<Member>(MEMBERS).get(m._id)) as Member;
    expect(member.intakeStatus).toBe('pending');
    expect(member.tier).toBeUndefined();
    expect((await env.deps.audit.query({ memberId: m._id })).filter((e) => e.action === 'health.consent')).toEqual([]);
  });

  it('takes a clinician’s form once the member consented, recording the member’s consent, not the clinician’s tick', async () => {
    const m = await seedMember(env, { team: TEAM });
    expect(await post('/api/intake/forms', sessionFor(m._id), form())).toMatchObject({ status: 201 });
    const memberConsentAtMs = env.clock.nowMs();
    env.clock.advance(86_400_000);

    const byDoctor = await post(`/api/intake/forms?memberId=${m._id}`, doctor(), form({ weightKg: 74, consent: { healthDataProcessing: true, textVersion: 'health-data-v1', acceptedAtMs: env.clock.nowMs() } }));
    expect(byDoctor).toMatchObject({ status: 201, json: { version: 2 } });
    const second = await env.deps.store.collection(PROFILE_VERSIONS).get(`${m._id}:2`);
    expect(second).toMatchObject({ submittedBy: { kind: 'staff', id: 'doc_a' } });
    expect(second?.consent).toEqual({ healthDataProcessing: true, textVersion: 'health-data-v1', recordedAtMs: memberConsentAtMs });
    const consents = (await env.deps.audit.query({ memberId: m._id })).filter((e) => e.action === 'health.consent');
    expect(consents.map((e) => e.actor)).toEqual([{ kind: 'member', id: m._id }]);

    expect(await post(`/api/intake/readings?memberId=${m._id}`, doctor(), reading('bp-doc-02'))).toMatchObject({ status: 201 });
    expect(await stored(m._id)).toEqual({ versions: 2, readings: 1, reports: 0 });
  });

  it('does not count a form a clinician entered as consent, however it got stored', async () => {
    const m = await seedMember(env, { team: TEAM });
    // A version entered by staff (before this rule, or migrated): it carries a consent block, but not the member's.
    await env.deps.store.collection(PROFILE_VERSIONS).insert({
      _id: `${m._id}:1`, memberId: m._id, version: 1, submittedAtMs: env.clock.nowMs(), submittedBy: { kind: 'staff', id: 'doc_a', role: 'family_doctor' },
      consent: { healthDataProcessing: true, textVersion: 'health-data-v1', recordedAtMs: env.clock.nowMs() }, tier: 'medium', form: {}, assessment: {},
    });
    expect(await post('/api/intake/readings', sessionFor(m._id), reading('bp-rd-0003'))).toMatchObject({ status: 409, code: 'consent_required' });
    expect(await post(`/api/intake/forms?memberId=${m._id}`, doctor(), form())).toMatchObject({ status: 409, code: 'consent_required' });
  });
});
