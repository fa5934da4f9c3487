import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MEMBERS, type Member } from '../../../shared/services/members/member';
import { createMemberRepository } from '../../../shared/services/members/member-repository';
import { sendWelcomeOnce } from '../../../shared/services/welcome/welcome-send';
import { composeWelcome } from '../../../shared/services/welcome/welcome-message';
import { assignTeam } from '../../../shared/services/team/assign-team';
import { importRoster } from '../../../shared/services/team/roster';
import { seedMember, startTestEnv, type TestEnv } from '../intake/support';

let env: TestEnv;
beforeEach(async () => {
  env = await startTestEnv();
});
afterEach(async () => {
  await env.close();
});

const members = () => env.deps.store.collection<Member>(MEMBERS);
/** An erasure that landed while another step of the member's journey was still running. */
const eraseUnderneath = (memberId: string) => members().updateOne({ _id: memberId }, { $set: { status: 'erased', erasedAtMs: env.clock.nowMs() } });

describe('member life cycle: a step that loses a race with another leaves the member as that one left it', () => {
  it('a welcome outcome arriving after the erasure began is not written onto the tombstone', async () => {
    const member = await seedMember(env);
    const { welcomeCode } = await env.admin.mintWelcomeCode({ userid: 'staff_a', externalUserId: member.externalUserId });
    await eraseUnderneath(member._id);
    const content = composeWelcome({ scene: 'policy_delivery', teamNames: {}, formUrl: 'https://h.example.test/api/intake/form#t=x' });
    await sendWelcomeOnce(env.deps, { memberId: member._id, welcomeCode, content, receivedAtMs: env.clock.nowMs() });
    expect((await members().get(member._id))?.welcome).toBeUndefined();
  });

  it('a team assigned after the erasure began is not written onto the tombstone', async () => {
    await importRoster(env.deps.store, [{ userId: 'doc_1', name: '李医生', role: 'family_doctor', scenes: [] }], { nowMs: env.clock.nowMs() });
    const member = await seedMember(env);
    await eraseUnderneath(member._id);
    await assignTeam(env.deps, member._id, undefined);
    expect((await members().get(member._id))?.team).toEqual({});
  });

  it('a member who completed the form meanwhile is not marked low-cooperation', async () => {
    const member = await seedMember(env);
    await members().updateOne({ _id: member._id }, { $set: { formCompletedAtMs: env.clock.nowMs(), intakeStatus: 'completed' } });
    expect(await createMemberRepository(env.deps.store).intakeLowCooperation(member._id, env.clock.nowMs())).toBe(false);
    expect((await members().get(member._id))?.intakeStatus).toBe('completed');
  });

  it("a withdrawal's clean-up does not clear the tier of a member who consented again meanwhile", async () => {
    const member = await seedMember(env);
    await members().updateOne({ _id: member._id }, { $set: { tier: 'high', profileVersion: 2 } });
    expect(await createMemberRepository(env.deps.store).formDerivedCleared(member._id, env.clock.nowMs())).toBe(false);
    expect(await members().get(member._id)).toMatchObject({ tier: 'high', profileVersion: 2 });
  });

  it('status moves only from the state each transition starts from', async () => {
    const repo = createMemberRepository(env.deps.store);
    const { _id } = await seedMember(env);
    const now = env.clock.nowMs();
    expect(await repo.consentGiven(_id, now)).toBe(false);
    expect(await repo.consentWithdrawn(_id, now)).toBe(true);
    expect(await repo.consentWithdrawn(_id, now)).toBe(false);
    expect(await repo.consentGiven(_id, now)).toBe(true);
    expect(await repo.erased(_id, now)).toBe(true);
    expect(await repo.erased(_id, now)).toBe(false);
    expect(await repo.consentWithdrawn(_id, now)).toBe(false);
    // Until the data map has redacted it, the tombstone cannot start a new membership.
    expect(await repo.rejoined({ _id, team: {}, status: 'active', joinedAtMs: now, updatedAtMs: now })).toBe(false);
    expect((await members().get(_id))?.status).toBe('erased');
  });
});
