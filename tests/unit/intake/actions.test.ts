import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main_handler } from '../../../functions/intake/index';
import { setDeps } from '../../../shared/runtime/deps';
import { signMemberLink } from '../../../shared/services/welcome/member-link';
import { EXAM_REPORTS } from '../../../shared/services/intake/reports';
import { MEMBERS, type Member } from '../../../shared/services/members/member';
import { seedMember, startTestEnv, type TestEnv } from './support';

let env: TestEnv;
beforeEach(async () => {
  env = await startTestEnv();
  setDeps(env.deps);
});
afterEach(async () => {
  setDeps(undefined);
  await env.close();
});

const from = (openId?: string) => ({ environment: JSON.stringify(openId ? { WX_OPENID: openId, TCB_SOURCE: 'wx_client' } : {}) });
const call = (action: string, data: unknown, openId?: string) => main_handler({ action, data }, from(openId)) as Promise<{ ok: boolean; data?: Record<string, unknown>; error?: { code: string; fields?: { field: string }[] } }>;
const linkFor = (memberId: string) => signMemberLink(env.deps.config.TOKEN_SIGNING_SECRET, memberId, env.clock.nowMs());

const form = { age: 45, sex: 'female', heightCm: 162, weightKg: 60, smoking: 'never', drinking: 'never', exerciseDaysPerWeek: 4, familyHistory: [], conditions: [], consent: { healthDataProcessing: true, textVersion: 'health-data-v1' } };

describe('mini-program actions', () => {
  it('binds the caller’s OPENID with the link token, then knows the member by OPENID alone', async () => {
    const m = await seedMember(env);
    const unbound = await call('submitForm', { form }, 'o_member_1');
    expect(unbound).toMatchObject({ ok: false, error: { code: 'openid_not_bound' } });

    expect(await call('bindOpenId', { token: linkFor(m._id) }, 'o_member_1')).toEqual({ ok: true, data: { memberId: m._id } });
    const submitted = await call('submitForm', { form }, 'o_member_1');
    expect(submitted).toMatchObject({ ok: true, data: { memberId: m._id, version: 1 } });
    expect((await env.deps.store.collection<Member>(MEMBERS).get(m._id))?.openId).toBe('o_member_1');

    const profile = await call('getProfile', {}, 'o_member_1');
    expect(profile).toMatchObject({ ok: true, data: { memberId: m._id, current: { version: 1 } } });
  });

  it('will not bind one OPENID to a second member, nor bind without the platform’s OPENID', async () => {
    const a = await seedMember(env);
    const b = await seedMember(env);
    await call('bindOpenId', { token: linkFor(a._id) }, 'o_shared');
    expect(await call('bindOpenId', { token: linkFor(b._id) }, 'o_shared')).toMatchObject({ ok: false, error: { code: 'openid_bound' } });
    expect(await call('bindOpenId', { token: linkFor(b._id) })).toMatchObject({ ok: false, error: { code: 'openid_missing' } });
    expect(await call('bindOpenId', { token: 'forged.token' }, 'o_other')).toMatchObject({ ok: false, error: { code: 'token_malformed' } });
  });

  it('takes readings and exam reports with the link token, and reports field errors by name', async () => {
    const m = await seedMember(env, { scene: 'policy_delivery' });
    const token = linkFor(m._id);
    const reading = await call('submitReading', { token, reading: { readingId: 'steps-0001', type: 'steps', count: 8000, measuredAtMs: env.clock.nowMs(), source: 'device' } });
    expect(reading).toMatchObject({ ok: true, data: { readingId: 'steps-0001', redFlag: null } });

    const report = { reportId: 'exam-2025-01', fileRef: 'cloud://env-1.abc/reports/2025.pdf', examDate: '2025-02-20', institution: '美年大健康' };
    expect(await call('submitReport', { token, report })).toMatchObject({ ok: true, data: { duplicate: false } });
    expect(await call('submitReport', { token, report })).toMatchObject({ ok: true, data: { duplicate: true } });
    const raw = await env.deps.store.collection(EXAM_REPORTS).findOne({ memberId: m._id });
    expect(raw).toMatchObject({ examDate: '2025-02-20', fileRef: { _enc: 1 }, institution: { _enc: 1 } });
    const member = await env.deps.store.collection<Member>(MEMBERS).get(m._id);
    expect(member?.tags).toEqual(expect.arrayContaining([{ dimension: 'service_preference', code: 'check_up' }]));

    const bad = await call('submitReport', { token, report: { reportId: 'exam-2025-02', fileRef: 'http://insecure.example/x.pdf' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation_failed', fields: [{ field: 'fileRef' }] } });
    const noConsent = await call('submitForm', { token, form: { ...form, consent: undefined } });
    expect(noConsent).toMatchObject({ ok: false, error: { code: 'consent_required' } });
  });
});
