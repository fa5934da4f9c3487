import { beforeEach, describe, expect, it } from 'vitest';
import { createHttpApp, type HttpApp } from '../../../shared/http/app';
import { mountPrivacyRoutes, PRIVACY_RATE_LIMITS } from '../../../shared/http/privacy-routes';
import { servicesOf as intakeServicesOf } from '../../../functions/intake/wiring';
import { signToken } from '../../../shared/adapters/auth/tokens';
import { harness, seedMember, type Harness } from './support';

const A = 'm_routes_member_a';
const B = 'm_routes_member_b';
const NOBODY = 'm_nobody_has_this_id';

let h: Harness;
let app: HttpApp;

/** The member's own login (a mini-program session); the welcome link's token is limited to the form flow. */
const memberToken = (memberId: string) => signToken(h.deps.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: memberId }, 3600, h.clock.nowMs());
const linkToken = (memberId: string) => signToken(h.deps.config.TOKEN_SIGNING_SECRET, { aud: 'member-link', sub: memberId }, 3600, h.clock.nowMs());
const staffToken = (staffId: string, role: 'ops_admin' | 'supervisor' | 'family_doctor') =>
  signToken(h.deps.config.TOKEN_SIGNING_SECRET, { aud: 'staff-session', sub: staffId, role }, 3600, h.clock.nowMs());

function call(method: string, path: string, token?: string, body?: unknown, ip = '203.0.113.7') {
  return app.fetch(
    new Request(`http://privacy.test${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-client-ip': ip, ...(token && { authorization: `Bearer ${token}` }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    }),
  );
}

beforeEach(async () => {
  h = harness();
  app = createHttpApp('intake', h.deps.log);
  mountPrivacyRoutes(app, h.deps, intakeServicesOf(h.deps).privacy);
  await seedMember(h.deps, A);
  await seedMember(h.deps, B);
});

describe('privacy routes', () => {
  it('serve the health check and the withdrawal notice', async () => {
    expect((await call('GET', '/api/privacy/healthz')).status).toBe(200);
    const texts = (await (await call('GET', '/api/privacy/texts')).json()) as { withdrawalNotice: { version: string; textZh: string } };
    expect(texts.withdrawalNotice.version).toBe('withdraw-v1');
    expect(texts.withdrawalNotice.textZh).toContain('撤回同意后');
  });

  it('answer an unknown member exactly like someone else’s member, for every member route', async () => {
    const tokens = { member: memberToken(A), ops: staffToken('ops_1', 'ops_admin') };
    const routes: [string, string, unknown?][] = [
      ['GET', '/export'],
      ['POST', '/erase', { confirm: true }],
      ['POST', '/consent/withdraw', {}],
      ['POST', '/requests', { type: 'erase' }],
      ['GET', '/requests'],
    ];
    for (const token of Object.values(tokens)) {
      for (const [method, suffix, body] of routes) {
        if (token === tokens.ops && suffix === '/requests' && method === 'GET') continue; // ops may read any member's requests
        const other = await call(method, `/api/privacy/members/${B}${suffix}`, token, body);
        const unknown = await call(method, `/api/privacy/members/${NOBODY}${suffix}`, token, body);
        expect(other.status).toBe(403);
        expect({ route: suffix, status: unknown.status, body: await unknown.json() }).toEqual({ route: suffix, status: 403, body: await other.json() });
      }
    }
    // What ops may read reveals nothing either: no requests for both.
    const ops = tokens.ops;
    expect(await (await call('GET', `/api/privacy/members/${NOBODY}/requests`, ops)).json()).toEqual({ memberId: NOBODY, requests: [] });
    expect(await (await call('GET', `/api/privacy/members/${B}/requests`, ops)).json()).toEqual({ memberId: B, requests: [] });
  });

  it('want an explicit confirmation before erasing and a real credential always', async () => {
    const res = await call('POST', `/api/privacy/members/${A}/erase`, memberToken(A), {});
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field)).toEqual(['confirm']);
    expect((await h.deps.members.get(A))?.status).toBe('active');
    expect((await call('GET', `/api/privacy/members/${A}/export`)).status).toBe(401);
    expect((await call('GET', `/api/privacy/members/${A}/export`, 'not-a-token')).status).toBe(401);
  });

  it('refuse every member right to the forwardable welcome-link token (403 link_token_limited, audited), changing nothing', async () => {
    const link = linkToken(A);
    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/privacy/members/${A}/export`],
      ['POST', `/api/privacy/members/${A}/erase`, { confirm: true }],
      ['POST', `/api/privacy/members/${A}/consent/withdraw`, {}],
      ['POST', `/api/privacy/members/${A}/requests`, { type: 'export' }],
      ['GET', `/api/privacy/members/${A}/requests`],
      ['GET', '/api/privacy/audit'],
    ];
    for (const [method, path, body] of attempts) {
      const res = await call(method, path, link, body);
      expect({ path, method, status: res.status, code: ((await res.json()) as { error?: { code: string } }).error?.code }).toEqual({ path, method, status: 403, code: 'link_token_limited' });
    }
    expect((await h.deps.members.get(A))?.status).toBe('active');
    const denials = await h.deps.audit.query({ memberId: A });
    expect(denials.filter((e) => e.outcome === 'denied' && e.reason === 'link_token_limited').map((e) => e.action).sort()).toEqual(
      ['audit.read', 'audit.read', 'consent.withdraw', 'member.delete', 'member.export', 'member.export'].sort(),
    );
    // The same member's own session exercises the same right.
    expect((await call('GET', `/api/privacy/members/${A}/export`, memberToken(A))).status).toBe(200);
  });

  it('deliver the member’s export to the member only, uncached', async () => {
    const res = await call('GET', `/api/privacy/members/${A}/export`, memberToken(A));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(((await res.json()) as { memberId: string }).memberId).toBe(A);
  });

  it('count one caller however the credential is written or renewed: padding Authorization or a fresh token lifts no limit', async () => {
    const headerFor = (i: number) => {
      const token = i % 3 === 0 ? memberToken(A) : signToken(h.deps.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: A, jti: `session-${i}` }, 3600, h.clock.nowMs());
      return `Bearer ${' '.repeat(i % 5)}${token}${' '.repeat(i)}`;
    };
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await app.fetch(new Request(`http://privacy.test/api/privacy/members/${A}/export`, { headers: { authorization: headerFor(i), 'x-client-ip': `203.0.113.${i}` } }));
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(PRIVACY_RATE_LIMITS.heavyPerCaller);
    expect(statuses.slice(PRIVACY_RATE_LIMITS.heavyPerCaller).every((s) => s === 429)).toBe(true);
  });

  it('limit the heavy operations per caller, and everything per client address', async () => {
    const token = memberToken(A);
    for (let i = 0; i < PRIVACY_RATE_LIMITS.heavyPerCaller; i++) expect((await call('GET', `/api/privacy/members/${A}/export`, token)).status).toBe(200);
    const limited = await call('GET', `/api/privacy/members/${A}/export`, token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another member at the same address still gets through; the light routes too.
    expect((await call('GET', `/api/privacy/members/${B}/export`, memberToken(B))).status).toBe(200);
    expect((await call('GET', '/api/privacy/audit', token)).status).toBe(200);
    h.clock.advance(PRIVACY_RATE_LIMITS.windowS * 1000);
    expect((await call('GET', `/api/privacy/members/${A}/export`, token)).status).toBe(200);

    // Rotating credentials does not lift the address limit (a probe for member ids would rotate them).
    h.clock.advance(PRIVACY_RATE_LIMITS.windowS * 1000);
    const statuses: number[] = [];
    for (let i = 0; i <= PRIVACY_RATE_LIMITS.perAddress; i++) statuses.push((await call('GET', `/api/privacy/members/m_probe_${i}/export`, `forged-${i}`, undefined, '198.51.100.9')).status);
    expect(statuses.slice(0, PRIVACY_RATE_LIMITS.perAddress).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
