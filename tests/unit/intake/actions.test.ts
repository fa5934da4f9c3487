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
const linkFor = (memberId: string) => signMemberLink(env.deps.tokens, memberId, env.clock.nowMs());

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

  it('will not bind a second OPENID to a member already bound: a forwarded link does not add someone else’s account', async () => {
    const m = await seedMember(env);
    const link = linkFor(m._id);
    expect(await call('bindOpenId', { token: link }, 'o_owner')).toEqual({ ok: true, data: { memberId: m._id } });
    expect(await call('bindOpenId', { token: link }, 'o_forwarded_to')).toMatchObject({ ok: false, error: { code: 'member_already_bound' } });
    // Nothing changed: the newcomer is not the member, the owner still is; binding the owner again is harmless.
    expect(await call('getProfile', {}, 'o_forwarded_to')).toMatchObject({ ok: false, error: { code: 'openid_not_bound' } });
    expect(await env.deps.members.findByOpenId('o_forwarded_to')).toBeNull();
    expect((await env.deps.store.collection<Member>(MEMBERS).get(m._id))?.openId).toBe('o_owner');
    expect(await call('bindOpenId', { token: link }, 'o_owner')).toEqual({ ok: true, data: { memberId: m._id } });
    expect((await call('getProfile', {}, 'o_owner')).ok).toBe(true);
  });

  it('binds one of two accounts racing for the same unbound member, never both', async () => {
    const m = await seedMember(env);
    const link = linkFor(m._id);
    const results = await Promise.all(['o_race_1', 'o_race_2', 'o_race_3'].map((o) => call('bindOpenId', { token: link }, o)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => r.error?.code)).toEqual(['member_already_bound', 'member_already_bound']);
    const bound = (await env.deps.store.collection<Member>(MEMBERS).get(m._id))?.openId;
    const found = await Promise.all(['o_race_1', 'o_race_2', 'o_race_3'].map(async (o) => (await env.deps.members.findByOpenId(o))?._id ?? null));
    expect(found.filter((id) => id !== null)).toEqual([m._id]);
    expect(await env.deps.members.findByOpenId(bound as string)).toMatchObject({ _id: m._id });
  });

  it('takes readings and exam reports with the link token, and reports field errors by name', async () => {
    const m = await seedMember(env, { scene: 'policy_delivery' });
    const token = linkFor(m._id);
    // Health records need the member's own consent first: the form, through the same link.
    expect(await call('submitReading', { token, reading: { readingId: 'steps-0000', type: 'steps', count: 10, measuredAtMs: env.clock.nowMs(), source: 'device' } })).toMatchObject({ ok: false, error: { code: 'consent_required' } });
    expect(await call('submitForm', { token, form })).toMatchObject({ ok: true, data: { version: 1 } });
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
