import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main_handler } from '../../../functions/intake/index';
import { intakeRoutes } from '../../../functions/intake/routes';
import { setDeps } from '../../../shared/runtime/deps';
import { signToken } from '../../../shared/adapters/auth/tokens';
import { signMemberLink } from '../../../shared/services/welcome/member-link';
import { MEMBER_WRITE_LIMITS } from '../../../shared/services/access/member-writes';
import { DENIAL_AUDIT } from '../../../shared/services/access/denial-audit';
import { AUDIT_COLLECTION } from '../../../shared/adapters/audit/store-audit-log';
import { seedMember, startTestEnv, type TestEnv } from './support';

/*
 * Red-team finding: a welcome-link token (forwardable, 21 days) grew the store without bound — 300
 * form posts in 8 s left 300 profile versions and 3,600 reminders — and every denial was audited and
 * kept 400 days, so denials grew it too.
 */

let env: TestEnv;
beforeEach(async () => {
  // The embedded store expires rate-limit windows by the real clock: keep the test clock on it.
  env = await startTestEnv(Math.ceil(Date.now() / 60_000) * 60_000);
  setDeps(env.deps);
});
afterEach(async () => {
  setDeps(undefined);
  await env.close();
});

const form = { age: 52, sex: 'male', heightCm: 172, weightKg: 80, smoking: 'never', drinking: 'never', exerciseDaysPerWeek: 2, familyHistory: [], conditions: [], consent: { healthDataProcessing: true, textVersion: 'health-data-v1' } };
const link = (memberId: string) => signMemberLink(env.deps.tokens, memberId, env.clock.nowMs());
const post = (app: { fetch(r: Request): Response | Promise<Response> }, path: string, headers: Record<string, string>, body: unknown = form) =>
  app.fetch(new Request(`http://intake.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-client-ip': '198.51.100.20', ...headers }, body: JSON.stringify(body) }));
const versions = (memberId: string) => env.deps.store.collection('profile_versions').count({ memberId });

describe('member writes', () => {
  it('stop at the per-member limit with 429 and Retry-After, over HTTP and callFunction alike; the next window takes them again', async () => {
    const m = await seedMember(env);
    const app = intakeRoutes(env.deps);
    const token = link(m._id);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < MEMBER_WRITE_LIMITS.perMemberPerMinute + 5; i++) {
      const res = await post(app, '/api/intake/forms', { authorization: `Bearer ${token}` });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(MEMBER_WRITE_LIMITS.perMemberPerMinute);
    expect(statuses.slice(MEMBER_WRITE_LIMITS.perMemberPerMinute).every((s) => s === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(await versions(m._id)).toBe(MEMBER_WRITE_LIMITS.perMemberPerMinute);

    // The same token in a mini-program call's data is the same member.
    const call = (await main_handler({ action: 'submitForm', data: { token, form } }, { environment: '{}' })) as { ok: boolean; error?: { code: string } };
    expect(call).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(await versions(m._id)).toBe(MEMBER_WRITE_LIMITS.perMemberPerMinute);

    env.clock.advance(60_000);
    expect((await post(app, '/api/intake/forms', { authorization: `Bearer ${token}` })).status).toBe(201);
  });

  it('stop at the per-address limit across members; staff writes and reads are not counted', async () => {
    const app = intakeRoutes(env.deps);
    const reading = { readingId: 'harvest-0001', type: 'weight', kg: 70, source: 'manual', measuredAtMs: env.clock.nowMs() - 60_000 };
    const members = Array.from({ length: Math.ceil(MEMBER_WRITE_LIMITS.perAddressPerMinute / MEMBER_WRITE_LIMITS.perMemberPerMinute) + 1 }, (_, i) => `m_harvested_${i}`);
    const statuses: number[] = [];
    for (let i = 0; statuses.length <= MEMBER_WRITE_LIMITS.perAddressPerMinute; i++) {
      const memberId = members[i % members.length] as string;
      statuses.push((await post(app, '/api/intake/readings', { authorization: `Bearer ${link(memberId)}` }, reading)).status);
    }
    // Unknown members: each write is refused (404) by the service — and still counted.
    expect(statuses.slice(0, MEMBER_WRITE_LIMITS.perAddressPerMinute).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // From another address the members write again; a doctor from the same address was never counted.
    expect((await post(app, '/api/intake/readings', { authorization: `Bearer ${link('m_harvested_0')}`, 'x-client-ip': '198.51.100.21' }, reading)).status).toBe(404);
    const doctor = signToken(env.deps.config.TOKEN_SIGNING_SECRET, { aud: 'staff-session', sub: 'doc_a', role: 'family_doctor' }, 3600, env.clock.nowMs());
    expect((await post(app, '/api/intake/readings?memberId=m_harvested_0', { authorization: `Bearer ${doctor}` }, reading)).status).toBe(403);
    const read = await app.fetch(new Request('http://intake.test/api/intake/profile', { headers: { authorization: `Bearer ${link('m_harvested_0')}`, 'x-client-ip': '198.51.100.20' } }));
    expect(read.status).toBe(404);
  });
});

describe('the audit of denials', () => {
  it('keeps repeated identical denials and an actor’s flood of denials bounded, still counting them', async () => {
    const app = intakeRoutes(env.deps);
    const get = (token: string, path: string) => app.fetch(new Request(`http://intake.test${path}`, { headers: { authorization: `Bearer ${token}` } }));
    const denied = (memberId: string) => env.deps.store.collection(AUDIT_COLLECTION).find({ 'actor.id': memberId, outcome: 'denied' });

    // The same refused read, 150 times: ten entries, then one at the 100th naming the count.
    const repeater = await seedMember(env);
    for (let i = 0; i < 150; i++) expect((await get(link(repeater._id), '/api/intake/members/m_someone_else/profile')).status).toBe(403);
    const same = await denied(repeater._id);
    expect(same.length).toBe(DENIAL_AUDIT.identicalPerHour + 1);
    expect(same.filter((e) => e.meta !== undefined).map((e) => (e.meta as { identicalThisHour: number }).identicalThisHour)).toEqual([100]);

    // Probing ids one by one: the actor's first thousand denials are on the trail, then nothing until the 10,000th.
    const prober = await seedMember(env);
    const token = link(prober._id);
    for (let i = 0; i < DENIAL_AUDIT.perActorPerHour + 50; i++) expect((await get(token, `/api/intake/members/m_probe_${i}/profile`)).status).toBe(403);
    expect((await denied(prober._id)).length).toBe(DENIAL_AUDIT.perActorPerHour);
  });
});
