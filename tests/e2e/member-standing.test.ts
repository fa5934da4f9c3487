import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { signToken } from '../../shared/adapters/auth/tokens';
import { MEMBERS, type Member } from '../../shared/services/members/member';
import type { Filter } from '../../shared/ports/document-store';

/*
 * Red-team finding: an erased member redeemed points with their old mini-program token (201, points
 * spent, new records about an erased person). Erasure promises every capability refuses the id: the
 * member's standing is checked by the one gate every route passes (authorize), not route by route.
 */

let stack: LocalStack;
const M = 'm_standing_erased';
const OPENID = 'o_standing_erased';
const FORM = { age: 48, sex: 'female', heightCm: 160, weightKg: 60, smoking: 'never', drinking: 'never', exerciseDaysPerWeek: 3, familyHistory: [], conditions: ['hypertension'], consent: { healthDataProcessing: true, textVersion: 'health-data-v1' } };
const GAP_INPUT = { age: 40, annualIncome: 200_000, debts: 0, liquidAssets: 100_000, dependants: { children: 1, parents: 0, spouse: true }, socialInsurance: true, policies: [] };

let session = '';
const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: `Bearer ${session}` }) => {
  const res = await fetch(`${stack.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as { error?: { code: string } } & Record<string, unknown> };
};
const count = (collection: string, filter: Filter = { memberId: M }) => stack.deps.store.collection(collection).count(filter);

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' } });
  const now = stack.deps.clock.nowMs();
  await stack.deps.store.collection<Member>(MEMBERS).insert({ _id: M, team: { rights_consultant: 'rc-1' }, status: 'active', intakeStatus: 'pending', joinedAtMs: now, updatedAtMs: now });
  await stack.deps.members.bindOpenId(M, OPENID, now);
  session = signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: M }, 3600, now);
  expect((await send('POST', '/api/intake/forms', FORM)).status).toBe(201); // 50 points for the form
  const activity = await send('POST', '/api/points/activities', { activityId: 'standing-lecture', title: '讲座', kind: 'lecture', startsAtMs: now + 3600_000, endsAtMs: now + 7200_000, capacity: 10 }, { authorization: `Bearer ${stack.staffToken('rc-1', 'rights_consultant')}` });
  expect(activity.status).toBe(201);
  expect((await send('GET', '/api/points/balance')).json.balance).toBe(50);
}, 30_000);
afterAll(async () => {
  await stack?.close();
});

describe('an erased member’s old session', () => {
  it('is refused by every capability like an unknown member (404), and nothing new is written about them', async () => {
    const erased = await send('POST', `/api/privacy/members/${M}/erase`, { confirm: true });
    expect(erased.json).toMatchObject({ status: 'erased', complete: true });
    const before = { ledger: await count('points_ledger_entries', { streamId: M }), redemptions: await count('points_redemptions'), reminders: await count('reminders'), gap: await count('gap_reports'), readings: await count('readings'), versions: await count('profile_versions') };

    const attempts: [string, string, unknown?][] = [
      ['POST', '/api/points/redemptions', { rightId: 'lecture_seat', idempotencyKey: 'after-erasure-0001' }],
      ['POST', '/api/points/activities/standing-lecture/signups', {}],
      ['GET', '/api/points/balance'],
      ['GET', '/api/points/history'],
      ['POST', '/api/intake/forms', FORM],
      ['POST', '/api/intake/readings', { readingId: 'after-erasure-r1', type: 'weight', kg: 60, source: 'manual', measuredAtMs: stack.deps.clock.nowMs() - 60_000 }],
      ['GET', '/api/intake/profile'],
      ['POST', '/api/reminders', { memberId: M, kind: 'monitoring', title: '请测量血压' }],
      ['POST', '/api/gap-analysis', { ...GAP_INPUT, memberId: M }],
      ['GET', `/api/gap-analysis/members/${M}/reports`],
      ['GET', '/api/triage/tickets?mine=1'],
    ];
    const answers = await Promise.all(attempts.map(async ([method, path, body]) => `${method} ${path} → ${(await send(method, path, body)).status}`));
    expect(answers).toEqual(attempts.map(([method, path]) => `${method} ${path} → 404`));

    const after = { ledger: await count('points_ledger_entries', { streamId: M }), redemptions: await count('points_redemptions'), reminders: await count('reminders'), gap: await count('gap_reports'), readings: await count('readings'), versions: await count('profile_versions') };
    expect(after).toEqual(before);
    // The mini-program account was unbound by the erasure.
    const call = await fetch(`${stack.url}/_dev/call/points`, { method: 'POST', headers: { 'x-dev-openid': OPENID }, body: JSON.stringify({ action: 'redeem', data: { rightId: 'lecture_seat', idempotencyKey: 'after-erasure-0002' } }) });
    expect(await call.json()).toMatchObject({ ok: false, error: { code: 'openid_not_bound' } });

    // What the member keeps: what is left about them, the trail, and finishing the erasure.
    expect((await send('GET', `/api/privacy/members/${M}/export`)).status).toBe(200);
    expect((await send('GET', '/api/privacy/audit')).status).toBe(200);
    expect((await send('POST', `/api/privacy/members/${M}/erase`, { confirm: true })).json).toMatchObject({ status: 'erased', changed: false });
    const refusals = (await stack.deps.audit.query({ memberId: M, limit: 500 })).filter((e) => e.outcome === 'denied' && e.reason === 'member_erased');
    expect(refusals.length).toBe(attempts.length);
  });
});
