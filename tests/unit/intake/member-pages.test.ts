import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { intakeRoutes } from '../../../functions/intake/routes';
import { signToken } from '../../../shared/adapters/auth/tokens';
import { HealthFormSubmissionSchema } from '../../../shared/domain/health/form';
import { fieldSpec, formFieldSpecs, type NumberFieldSpec } from '../../../shared/domain/health/form-fields';
import { submitHealthForm } from '../../../shared/services/intake/submit-form';
import { PROFILE_VERSIONS } from '../../../shared/services/intake/profile-store';
import { claimSubmission, submissionHash } from '../../../shared/services/intake/form-submissions';
import { MEMBERS, type Member } from '../../../shared/services/members/member';
import { REMINDERS } from '../../../shared/services/reminders/reminder-doc';
import { MEMBER_LINK_TTL_S } from '../../../shared/services/welcome/member-link';
import { memberActor, seedMember, startTestEnv, type TestEnv } from './support';

/*
 * What the member pages (web/member) need from intake: the old form address redirects to /m/form;
 * the ranges and Chinese messages come from the server's schema; a submission key makes a double tap
 * one profile version; the member report; and 「请健康管家发新链接」 for an expired link.
 */
let env: TestEnv;
beforeEach(async () => {
  env = await startTestEnv();
});
afterEach(async () => {
  await env.close();
});

const FORM = { age: 62, sex: 'female', heightCm: 158, weightKg: 66, systolic: 150, diastolic: 95, smoking: 'never', drinking: 'never', exerciseDaysPerWeek: 1, familyHistory: [], conditions: [], consent: { healthDataProcessing: true, textVersion: 'health-data-v1' } };
const app = () => intakeRoutes(env.deps);
const call = (path: string, init: RequestInit = {}) => app().fetch(new Request(`http://intake.test${path}`, init));
const link = (memberId: string, atMs = env.clock.nowMs()) => signToken(env.deps.config.TOKEN_SIGNING_SECRET, { aud: 'member-link', sub: memberId }, MEMBER_LINK_TTL_S, atMs);
const post = (path: string, body: unknown, headers: Record<string, string> = {}) => call(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('the form fields the page shows', () => {
  it('reads every range from the schema the server validates with', () => {
    const age = fieldSpec('age') as NumberFieldSpec;
    expect(age).toMatchObject({ min: 18, max: 100, integer: true, required: true, unit: '岁' });
    expect(fieldSpec('fastingGlucose')).toMatchObject({ min: 1, max: 35, integer: false, required: false, unit: 'mmol/L' });
    // Each bound the page states is the one the schema enforces.
    for (const s of formFieldSpecs()) {
      if (s.kind !== 'number') continue;
      // Blood pressure is one reading: each number is tried with the other at its own far bound.
      const base = { ...FORM, systolic: s.name === 'diastolic' ? 260 : undefined, diastolic: s.name === 'systolic' ? 30 : undefined };
      const at = (v: number) => HealthFormSubmissionSchema.safeParse({ ...base, [s.name]: v }).success;
      expect(at(s.min), `${s.name} min`).toBe(true);
      expect(at(s.max), `${s.name} max`).toBe(true);
      expect(at(s.min - 1), `${s.name} below`).toBe(false);
      expect(at(s.max + 1), `${s.name} above`).toBe(false);
    }
  });
});

describe('intake routes for the member pages', () => {
  it('redirects the old form address to /m/form (the browser keeps the #t= fragment)', async () => {
    const res = await call('/api/intake/form');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/m/form');
  });

  it('answers a bad form with a Chinese message per field naming the allowed range', async () => {
    const m = await seedMember(env);
    const res = await post('/api/intake/forms', { ...FORM, age: 12, heightCm: 1.58, systolic: 80, diastolic: 90 }, { authorization: `Bearer ${link(m._id)}` });
    expect(res.status).toBe(400);
    const fields = ((await res.json()) as { error: { fields: { field: string; message: string; messageZh: string }[] } }).error.fields;
    const zh = Object.fromEntries(fields.map((f) => [f.field, f.messageZh]));
    expect(zh.age).toBe('年龄：请填写 18–100 之间的整数（岁）');
    expect(zh.heightCm).toBe('身高：请填写 100–230 之间的数字，可带小数（厘米）');
    expect(zh.systolic).toContain('收缩压（高压）应高于舒张压（低压）');
    // The English message stays for other callers.
    expect(fields.find((f) => f.field === 'age')?.message).toMatch(/>=18|18/);
  });

  it('stores one profile version for a submission key sent twice at once, and again later', async () => {
    const m = await seedMember(env, { team: { health_butler: 'butler_a' } });
    const headers = { authorization: `Bearer ${link(m._id)}`, 'idempotency-key': 'form-2f1c9d8e-double-tap' };
    const [a, b] = await Promise.all([post('/api/intake/forms', FORM, headers), post('/api/intake/forms', FORM, headers)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const [ra, rb] = (await Promise.all([a.json(), b.json()])) as { version: number; tier: string }[];
    expect(ra?.version).toBe(1);
    expect(rb).toMatchObject({ version: 1, tier: ra?.tier });
    const again = (await (await post('/api/intake/forms', FORM, headers)).json()) as { version: number };
    expect(again.version).toBe(1);
    expect(await env.deps.store.collection(PROFILE_VERSIONS).count({ memberId: m._id })).toBe(1);
    // A new key is a new submission.
    const next = (await (await post('/api/intake/forms', FORM, { ...headers, 'idempotency-key': 'form-other-key-123' })).json()) as { version: number };
    expect(next.version).toBe(2);
    // A key the shared rule refuses (shared/idempotency-key.ts) is a 400 the member reads in Chinese, and stores nothing.
    const bad = await post('/api/intake/forms', FORM, { ...headers, 'idempotency-key': 'bad key!' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'validation_failed', fields: [{ messageZh: '提交编号无效，请刷新页面后重试' }] } });
    expect(await env.deps.store.collection(PROFILE_VERSIONS).count({ memberId: m._id })).toBe(2);
  });

  it('refuses a submission key sent again with other answers, so a corrected value is never answered with the old report', async () => {
    const m = await seedMember(env, { team: { health_butler: 'butler_a' } });
    const headers = { authorization: `Bearer ${link(m._id)}`, 'idempotency-key': 'form-corrected-after-timeout' };
    const clickedAt = env.clock.nowMs();
    expect((await post('/api/intake/forms', { ...FORM, consent: { ...FORM.consent, acceptedAtMs: clickedAt } }, headers)).status).toBe(201);
    // The same answers with a renewed consent click time are the same submission.
    const resent = await post('/api/intake/forms', { ...FORM, consent: { ...FORM.consent, acceptedAtMs: clickedAt + 5_000 } }, headers);
    expect(resent.status).toBe(201);
    const corrected = await post('/api/intake/forms', { ...FORM, weightKg: FORM.weightKg + 3 }, headers);
    expect(corrected.status).toBe(409);
    const error = ((await corrected.json()) as { error: { code: string; fields: { field: string; messageZh: string }[] } }).error;
    expect(error.code).toBe('idempotency_key_reused');
    expect(error.fields[0]?.messageZh).toContain('重新点「提交」');
    expect(await env.deps.store.collection(PROFILE_VERSIONS).count({ memberId: m._id })).toBe(1);
  });

  it('lets a retry take over a claim its first request abandoned, instead of refusing it for a week', async () => {
    const m = await seedMember(env, { team: { health_butler: 'butler_a' } });
    const key = 'form-first-request-died';
    // The first request claimed the key and died before storing anything (its function timed out).
    const dead = await claimSubmission(env.deps.store, m._id, key, submissionHash(FORM), env.clock.nowMs());
    expect(dead.first).toBe(true);
    env.clock.advance(60_000);
    const res = await post('/api/intake/forms', FORM, { authorization: `Bearer ${link(m._id)}`, 'idempotency-key': key });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { version: number }).version).toBe(1);
    // The abandoned request cannot overwrite the retry's outcome when it wakes up.
    if (dead.first) await dead.release();
    const again = await post('/api/intake/forms', FORM, { authorization: `Bearer ${link(m._id)}`, 'idempotency-key': key });
    expect(((await again.json()) as { version: number }).version).toBe(1);
  });

  it('assembles the member report from the stored assessment and plan, for the member only', async () => {
    const m = await seedMember(env, { team: { family_doctor: 'doc_a', health_butler: 'butler_a' } });
    const empty = (await (await call('/api/intake/report', { headers: { authorization: `Bearer ${link(m._id)}` } })).json()) as { report: unknown };
    expect(empty.report).toBeNull();
    const submitted = await submitHealthForm(env.intake, m._id, { ...FORM, systolic: 185, diastolic: 100 }, memberActor(m._id));
    const res = await call('/api/intake/report', { headers: { authorization: `Bearer ${link(m._id)}` } });
    expect(res.status).toBe(200);
    const { report, team, boundary } = (await res.json()) as {
      report: { tier: string; score: number; factors: { code: string; changeable: boolean; text: string }[]; actNow: { code: string; urgent: boolean }[]; week: { day: number; items: unknown[] }[] };
      team: { role: string; duty: string }[];
      boundary: string;
    };
    expect(report.tier).toBe(submitted.tier);
    expect(report.score).toBe(submitted.score);
    expect(report.factors.map((f) => f.code)).toEqual(submitted.factors.map((f) => f.code));
    expect(report.factors.find((f) => f.code === 'age')).toMatchObject({ changeable: false, text: '年龄 60 岁及以上' });
    expect(report.factors.find((f) => f.code === 'blood_pressure')?.changeable).toBe(true);
    expect(report.actNow[0]).toMatchObject({ code: 'bp_crisis', urgent: true });
    expect(report.week).toHaveLength(7);
    expect(team.map((t) => t.role)).toEqual(['family_doctor', 'health_butler']);
    expect(boundary).toContain('不是诊断');
    const other = await seedMember(env);
    expect((await call('/api/intake/report', { headers: { authorization: `Bearer ${link(other._id)}` } })).status).toBe(200);
    expect(((await (await call('/api/intake/report', { headers: { authorization: `Bearer ${link(other._id)}` } })).json()) as { memberId: string }).memberId).toBe(other._id);
  });

  it('takes an expired but authentic link for 「请健康管家发新链接」 only, and refuses a garbled one', async () => {
    const m = await seedMember(env, { team: { health_butler: 'butler_a' } });
    // The welcome link, sent at the join, has lapsed an hour ago.
    const old = link(m._id, env.clock.nowMs());
    env.clock.advance((MEMBER_LINK_TTL_S + 3600) * 1000);
    // Expired for everything else.
    const report = await call('/api/intake/report', { headers: { authorization: `Bearer ${old}` } });
    expect(report.status).toBe(401);
    expect(((await report.json()) as { error: { code: string } }).error.code).toBe('token_expired');

    const asked = await post('/api/intake/link-requests', { token: old }, { 'x-client-ip': '203.0.113.9' });
    expect(asked.status).toBe(202);
    expect(await asked.json()).toEqual({ accepted: true });
    const tasks = await env.deps.store.collection(REMINDERS).find({ memberId: m._id, audience: 'health_butler' });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'staff_follow_up', status: 'scheduled' });
    // Twice the same day: still one task.
    expect((await post('/api/intake/link-requests', { token: old }, { 'x-client-ip': '203.0.113.9' })).status).toBe(202);
    expect(await env.deps.store.collection(REMINDERS).count({ memberId: m._id, audience: 'health_butler' })).toBe(1);

    const [payload] = old.split('.');
    const forged = `${payload}.${'A'.repeat(43)}`;
    const garbled = await post('/api/intake/link-requests', { token: forged }, { 'x-client-ip': '203.0.113.9' });
    expect(garbled.status).toBe(400);
    expect(((await garbled.json()) as { error: { code: string } }).error.code).toBe('link_invalid');
    // Per member: three a day.
    expect((await post('/api/intake/link-requests', { token: old }, { 'x-client-ip': '203.0.113.10' })).status).toBe(202);
    expect((await post('/api/intake/link-requests', { token: old }, { 'x-client-ip': '203.0.113.11' })).status).toBe(429);
  });

  it('refuses for 「请健康管家发新链接」 a link that lapsed over half a year ago, or one from before the member joined again', async () => {
    const m = await seedMember(env, { team: { health_butler: 'butler_a' } });
    const ancient = link(m._id, env.clock.nowMs());
    env.clock.advance((MEMBER_LINK_TTL_S + 181 * 86_400) * 1000);
    const tooOld = await post('/api/intake/link-requests', { token: ancient }, { 'x-client-ip': '203.0.113.20' });
    expect(tooOld.status).toBe(400);
    expect(((await tooOld.json()) as { error: { code: string; fields: { field: string }[] } }).error).toMatchObject({ code: 'link_invalid', fields: [{ field: 'token' }] });

    // Erased and joined again under the same member id: the old membership's link speaks for no one.
    const before = link(m._id, env.clock.nowMs());
    env.clock.advance(3_600_000);
    await env.deps.store.collection<Member>(MEMBERS).updateOne({ _id: m._id }, { $set: { joinedAtMs: env.clock.nowMs() } });
    env.clock.advance((MEMBER_LINK_TTL_S + 60) * 1000);
    expect((await post('/api/intake/link-requests', { token: before }, { 'x-client-ip': '203.0.113.21' })).status).toBe(400);
    expect(await env.deps.store.collection(REMINDERS).count({ memberId: m._id, audience: 'health_butler' })).toBe(0);
  });
});
