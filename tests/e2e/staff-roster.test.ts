import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { signToken } from '../../shared/adapters/auth/tokens';
import { SandboxClient } from '../../dev/wecom-sandbox/inspect';
import { MEMBERS, type Member } from '../../shared/services/members/member';
import { assignTeam } from '../../shared/services/team/assign-team';

/*
 * Red-team finding: a deactivated staff member kept reading their members' health data for the rest
 * of the 8 h session, and stayed on those members' teams.
 */

let stack: LocalStack;
let sandbox: SandboxClient;
const M = 'm_roster_member';
const ALL = ['policy_delivery', 'claims_service', 'reactivation'];
const staffLine = (userId: string, role: string, active = true) => ({ userId, name: userId, role, scenes: ALL, active });
const FORM = { age: 61, sex: 'male', heightCm: 170, weightKg: 75, smoking: 'never', drinking: 'never', exerciseDaysPerWeek: 2, familyHistory: [], conditions: ['hypertension'], consent: { healthDataProcessing: true, textVersion: 'health-data-v1' } };

const send = async (method: string, path: string, token: string, body?: unknown) => {
  const res = await fetch(`${stack.url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { error?: { code: string } } };
};
/** Sign-in as production does it: WeCom OAuth code → staff session. */
async function signIn(userid: string): Promise<{ status: number; token?: string; code?: string }> {
  const { code } = await sandbox.mintOauthCode({ userid });
  const res = await fetch(`${stack.url}/api/auth/staff-session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  const json = (await res.json()) as { token?: string; error?: { code: string } };
  return { status: res.status, ...(json.token && { token: json.token }), ...(json.error && { code: json.error.code }) };
}
const roster = (staff: unknown[]) => send('PUT', '/api/team/staff', stack.adminToken, { staff });

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' } });
  sandbox = new SandboxClient(stack.sandbox.url);
  expect((await roster([staffLine('doc_a', 'family_doctor'), staffLine('butler_a', 'health_butler')])).status).toBe(200);
  const now = stack.deps.clock.nowMs();
  await stack.deps.store.collection<Member>(MEMBERS).insert({ _id: M, team: {}, status: 'active', scene: 'policy_delivery', joinedAtMs: now, updatedAtMs: now });
  await assignTeam(stack.deps, M, 'policy_delivery');
  const session = signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: M }, 3600, now);
  expect((await send('POST', '/api/intake/forms', session, FORM)).status).toBe(201);
  // doc_b joins the roster after M was assigned: the only other doctor.
  expect((await roster([staffLine('doc_b', 'family_doctor')])).status).toBe(200);
}, 30_000);
afterAll(async () => {
  await stack?.close();
});

describe('deactivating a staff member', () => {
  it('ends their sessions at once, hands their members to the least-loaded active colleague, and a reactivation does not revive old sessions', async () => {
    const signedIn = await signIn('doc_a');
    const token = signedIn.token as string;
    expect((await send('GET', `/api/intake/members/${M}/profile`, token)).status).toBe(200);

    const result = await roster([staffLine('doc_a', 'family_doctor', false)]);
    const after = await send('GET', `/api/intake/members/${M}/profile`, token);
    expect([after.status, after.json.error?.code]).toEqual([401, 'session_revoked']);
    expect(result.json).toMatchObject({ reassigned: 1 });
    expect((await stack.deps.store.collection<Member>(MEMBERS).get(M))?.team.family_doctor).toBe('doc_b');
    const loads = Object.fromEntries(((await send('GET', '/api/team/staff', stack.adminToken)).json.staff as { userId: string; load: number }[]).map((s) => [s.userId, s.load]));
    expect([loads.doc_a, loads.doc_b]).toEqual([0, 1]);
    expect(await signIn('doc_a')).toMatchObject({ status: 403, code: 'not_staff' });
    const successor = await signIn('doc_b');
    expect((await send('GET', `/api/intake/members/${M}/profile`, successor.token as string)).status).toBe(200);
    const denied = (await stack.deps.audit.query({ actorId: 'doc_a' })).filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => e.reason)).toContain('session_revoked');

    // Back on the roster: a new sign-in works, the session from before does not.
    await roster([staffLine('doc_a', 'family_doctor')]);
    expect((await send('GET', '/api/triage/tickets?mine=1', token)).status).toBe(401);
    const again = await signIn('doc_a');
    expect((await send('GET', '/api/triage/tickets?mine=1', again.token as string)).status).toBe(200);
  });
});
