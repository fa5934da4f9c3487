import { describe, expect, it } from 'vitest';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import { createStoreAuditLog } from '../../../shared/adapters/audit/store-audit-log';
import { createMemberRepository } from '../../../shared/services/members/member-repository';
import { createAuthorize } from '../../../shared/services/access/authorize';
import { createStaffSessionCheck } from '../../../shared/services/identity/session-check';
import { principalFromHeaders } from '../../../shared/http/principal';
import { signToken } from '../../../shared/adapters/auth/tokens';
import { ACTIONS, POLICY, type Action } from '../../../shared/domain/access/policy';
import type { Principal } from '../../../shared/domain/access/principal';
import { ManualClock } from '../../../shared/ports/clock';
import type { Member } from '../../../shared/services/members/member';

/*
 * The welcome link's token rides in a WeCom link card for 21 days and can be forwarded: whoever holds
 * it may fill in the member's health form (and see the profile it produces), nothing else.
 */

const SECRET = 's'.repeat(40);
const NOW = Date.UTC(2026, 10, 23, 2, 0, 0);
/** The form flow, and the behaviour score shown beside the report (derived from what health.read already shows). */
const FORM_FLOW: Action[] = ['health.write', 'readings.write', 'profile.read', 'health.read', 'tier.read', 'reminder.own', 'plan_task.done', 'score.read'];
/** What a member may do about themselves at all (the policy grants `self`). */
const MEMBER_ACTIONS = ACTIONS.filter((a) => (POLICY[a].grants as { member?: string }).member === 'self');

async function setup() {
  const store = createEmbeddedStore({ inMemory: true });
  const audit = createStoreAuditLog(store, { clock: new ManualClock(NOW) });
  const member: Member = { _id: 'm_1', team: { family_doctor: 'doc-1' }, status: 'active', joinedAtMs: NOW, updatedAtMs: NOW };
  await store.collection<Member>('members').insert(member);
  return { audit, authorize: createAuthorize({ members: createMemberRepository(store), audit, store, clock: new ManualClock(NOW), staffSessions: createStaffSessionCheck(store) }) };
}

const headerOf = (token: string) => (name: string) => (name.toLowerCase() === 'authorization' ? `Bearer ${token}` : undefined);
const fromToken = (aud: 'member-link' | 'mini-program') =>
  principalFromHeaders(headerOf(signToken(SECRET, { aud, sub: 'm_1' }, 3600, NOW)), { signingSecret: SECRET, internalKey: 'i'.repeat(32), nowMs: () => NOW });

const outcome = (p: Promise<void>) => p.then(() => 'allowed', (e: { status: number; code: string }) => `${e.status} ${e.code}`);

describe('a member known by the welcome-link token', () => {
  it('is marked as such, unlike a mini-program session', () => {
    expect(fromToken('member-link')).toEqual({ kind: 'member', memberId: 'm_1', credential: 'member-link' });
    expect(fromToken('mini-program')).toEqual({ kind: 'member', memberId: 'm_1', credential: 'mini-program' });
  });

  it('may do the form flow on their own record and nothing else: every other member action is 403 link_token_limited, audited', async () => {
    const { authorize, audit } = await setup();
    const link = fromToken('member-link');
    expect(MEMBER_ACTIONS).toEqual(expect.arrayContaining([...FORM_FLOW, 'member.export', 'member.delete', 'consent.withdraw', 'reminder.create', 'rights.redeem', 'points.read', 'gap.read', 'ticket.read', 'audit.read', 'consent.optional']));

    const results = Object.fromEntries(await Promise.all(ACTIONS.map(async (a) => [a, await outcome(authorize(link, a, 'm_1', { requestId: `r-${a}` }))] as const)));
    const expected = Object.fromEntries(ACTIONS.map((a) => [a, FORM_FLOW.includes(a) ? 'allowed' : '403 link_token_limited']));
    expect(results).toEqual(expected);

    const denials = (await audit.query({ memberId: 'm_1', limit: 200 })).filter((e) => e.outcome === 'denied');
    expect(denials.map((e) => e.action).sort()).toEqual(ACTIONS.filter((a) => !FORM_FLOW.includes(a)).sort());
    expect(denials.every((e) => e.reason === 'link_token_limited' && e.actor.kind === 'member' && e.actor.id === 'm_1' && e.requestId === `r-${e.action}`)).toBe(true);
  });

  it('still acts on nobody else’s record through the form flow', async () => {
    const { authorize } = await setup();
    expect(await outcome(authorize({ kind: 'member', memberId: 'm_2', credential: 'member-link' }, 'health.write', 'm_1'))).toBe('403 not_self');
  });

  it('leaves mini-program sessions and OPENID-identified members their full member rights', async () => {
    const { authorize } = await setup();
    const full: Principal[] = [fromToken('mini-program'), { kind: 'member', memberId: 'm_1', credential: 'openid' }];
    for (const p of full) {
      const results = await Promise.all(MEMBER_ACTIONS.map((a) => outcome(authorize(p, a, 'm_1'))));
      expect(results).toEqual(MEMBER_ACTIONS.map(() => 'allowed'));
    }
  });
});
