import { describe, expect, it } from 'vitest';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import { createStoreAuditLog } from '../../../shared/adapters/audit/store-audit-log';
import { createMemberRepository } from '../../../shared/services/members/member-repository';
import { createAuthorize } from '../../../shared/services/access/authorize';
import { createStaffSessionCheck } from '../../../shared/services/identity/session-check';
import { principalFromHeaders } from '../../../shared/http/principal';
import { signToken } from '../../../shared/adapters/auth/tokens';
import { createHttpApp } from '../../../shared/http/app';
import { rateLimit } from '../../../shared/http/rate-limit';
import { ManualClock } from '../../../shared/ports/clock';
import type { Member } from '../../../shared/services/members/member';
import type { Logger } from '../../../shared/ports/logger';
import { errorOf } from '../../helpers/http';

const SECRET = 's'.repeat(40);
const INTERNAL = 'i'.repeat(32);
const NOW = Date.UTC(2026, 10, 23, 2, 0, 0);

async function setup() {
  const store = createEmbeddedStore({ inMemory: true });
  const clock = new ManualClock(NOW);
  const audit = createStoreAuditLog(store, { clock });
  const members = createMemberRepository(store);
  const member: Member = { _id: 'm_1', team: { family_doctor: 'doc-1', insurance_consultant: 'ic-1' }, status: 'active', joinedAtMs: NOW, updatedAtMs: NOW };
  await store.collection<Member>('members').insert(member);
  return { store, clock, audit, authorize: createAuthorize({ members, audit, store, clock, staffSessions: createStaffSessionCheck(store) }) };
}

const headers = (h: Record<string, string>) => (name: string) => h[name.toLowerCase()];
const secrets = { signingSecret: SECRET, internalKey: INTERNAL, nowMs: () => NOW };

describe('principal from headers', () => {
  it('recognises a staff session, a member link token and the internal key', () => {
    const staff = signToken(SECRET, { aud: 'staff-session', sub: 'doc-1', role: 'family_doctor' }, 3600, NOW);
    const link = signToken(SECRET, { aud: 'member-link', sub: 'm_1' }, 3600, NOW);
    expect(principalFromHeaders(headers({ authorization: `Bearer ${staff}` }), secrets)).toEqual({ kind: 'staff', staffId: 'doc-1', role: 'family_doctor', rosterVersion: 0 });
    expect(principalFromHeaders(headers({ authorization: `Bearer ${link}` }), secrets)).toEqual({ kind: 'member', memberId: 'm_1', credential: 'member-link' });
    expect(principalFromHeaders(headers({ 'x-internal-key': INTERNAL }), secrets)).toMatchObject({ kind: 'machine' });
  });

  it('refuses missing, forged and expired credentials with 401 codes', () => {
    const expired = signToken(SECRET, { aud: 'member-link', sub: 'm_1' }, 60, NOW - 3600_000);
    const forged = signToken('x'.repeat(40), { aud: 'staff-session', sub: 'doc-1', role: 'ops_admin' }, 3600, NOW);
    const attempt = (h: Record<string, string>) => {
      try {
        principalFromHeaders(headers(h), secrets);
        return 'accepted';
      } catch (err) {
        return `${(err as { status: number }).status} ${(err as { code: string }).code}`;
      }
    };
    expect(attempt({})).toBe('401 unauthorized');
    expect(attempt({ authorization: `Bearer ${expired}` })).toBe('401 token_expired');
    expect(attempt({ authorization: `Bearer ${forged}` })).toBe('401 token_bad_signature');
    expect(attempt({ 'x-internal-key': 'wrong' })).toBe('401 bad_internal_key');
  });
});

describe('authorize', () => {
  it('lets the member’s own doctor read health data and audits the read', async () => {
    const { authorize, audit } = await setup();
    await authorize({ kind: 'staff', staffId: 'doc-1', role: 'family_doctor' }, 'health.read', 'm_1', { requestId: 'r1' });
    const entries = await audit.query({ memberId: 'm_1' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'health.read', outcome: 'allowed', actor: { id: 'doc-1', role: 'family_doctor' }, requestId: 'r1' });
  });

  it('refuses another doctor and an insurance consultant asking for health data, auditing each denial', async () => {
    const { authorize, audit } = await setup();
    await expect(authorize({ kind: 'staff', staffId: 'doc-2', role: 'family_doctor' }, 'health.read', 'm_1')).rejects.toMatchObject({ status: 403, code: 'not_own_team' });
    await expect(authorize({ kind: 'staff', staffId: 'ic-1', role: 'insurance_consultant' }, 'health.read', 'm_1')).rejects.toMatchObject({ status: 403, code: 'role_not_permitted' });
    expect((await audit.query({ memberId: 'm_1' })).map((e) => e.outcome)).toEqual(['denied', 'denied']);
  });

  it('answers an unknown member exactly like a member the caller does not serve', async () => {
    const { authorize } = await setup();
    const refusal = (memberId: string) =>
      authorize({ kind: 'staff', staffId: 'doc-2', role: 'family_doctor' }, 'health.read', memberId).then(
        () => 'allowed',
        (e: { status: number; code: string; message: string }) => `${e.status} ${e.code} ${e.message}`,
      );
    expect(await refusal('m_nope')).toBe(await refusal('m_1'));
    expect(await refusal('m_1')).toMatch(/^403 not_own_team/);
  });

  it('lets the on-call doctors alerted about a resource act on it, in its role only', async () => {
    const { authorize } = await setup();
    const onCall = { kind: 'staff', staffId: 'doc-oncall', role: 'family_doctor' } as const;
    await expect(authorize(onCall, 'ticket.ack', 'm_1', { assignedRole: 'family_doctor', coServing: ['doc-oncall'] })).resolves.toBeUndefined();
    await expect(authorize(onCall, 'ticket.ack', 'm_1', { assignedRole: 'family_doctor' })).rejects.toMatchObject({ code: 'not_own_team' });
    const ic = { kind: 'staff', staffId: 'ic-9', role: 'insurance_consultant' } as const;
    await expect(authorize(ic, 'ticket.read', 'm_1', { assignedRole: 'family_doctor', coServing: ['ic-9'] })).rejects.toMatchObject({ status: 403 });
  });

  it('lets a member read only their own record', async () => {
    const { authorize } = await setup();
    await expect(authorize({ kind: 'member', memberId: 'm_1' }, 'health.read', 'm_1')).resolves.toBeUndefined();
    await expect(authorize({ kind: 'member', memberId: 'm_2' }, 'health.read', 'm_1')).rejects.toMatchObject({ status: 403 });
  });
});

describe('rate limit', () => {
  const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

  it('answers 429 with Retry-After past the limit, per client, and resets in the next window', async () => {
    // TTL expiry follows the real clock, so the window must be near real time.
    const { store } = await setup();
    const clock = new ManualClock(Math.floor(Date.now() / 60_000) * 60_000 + 1000);
    const app = createHttpApp('t', silent);
    app.use('/public/*', rateLimit({ store, clock, name: 'public', limit: 3, windowS: 60 }));
    app.get('/public/ping', (c) => c.text('pong'));
    const call = (ip: string) => app.fetch(new Request('http://x/public/ping', { headers: { 'x-client-ip': ip } }));
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await call('1.1.1.1')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await call('1.1.1.1');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await errorOf(limited)).code).toBe('rate_limited');
    expect((await call('2.2.2.2')).status).toBe(200);
    clock.advance(60_000);
    expect((await call('1.1.1.1')).status).toBe(200);
  });
});
