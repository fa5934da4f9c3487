import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEvent, parseXmlRecord, type ExternalContactEvent } from '../../../shared/adapters/wecom/callback';
import { addExternalContactXml } from '../../../dev/wecom-sandbox/callback-builder';
import { handleJoin } from '../../../shared/services/welcome/join';
import { MEMBERS, type Member } from '../../../shared/services/members/member';
import { importRoster } from '../../../shared/services/team/roster';
import { TEAM_ASSIGNMENTS } from '../../../shared/services/team/assign-team';
import { INTAKE_FOLLOW_UPS } from '../../../shared/services/intake/follow-ups';
import type { PrivacyService } from '../../../shared/services/privacy/privacy-service';
import { servicesOf as intakeServicesOf } from '../../../functions/intake/wiring';
import { startTestEnv, type TestEnv } from '../intake/support';
import { servicesOf as welcomeServicesOf } from '../../../functions/welcome/wiring';

let env: TestEnv;
let privacy: PrivacyService;
beforeEach(async () => {
  env = await startTestEnv();
  privacy = intakeServicesOf(env.deps).privacy;
  const all = ['policy_delivery', 'claims_service', 'reactivation'] as const;
  await importRoster(env.deps.store, [
    { userId: 'doc_a', name: '甲医生', role: 'family_doctor', scenes: [...all] },
    { userId: 'butler_a', name: '甲管家', role: 'health_butler', scenes: [...all] },
    { userId: 'rights_a', name: '甲权益', role: 'rights_consultant', scenes: [...all] },
    { userId: 'ins_a', name: '甲保险', role: 'insurance_consultant', scenes: [...all] },
  ], { nowMs: env.clock.nowMs() });
});
afterEach(async () => {
  await env.close();
});

async function joinEvent(input: { userid: string; state: string; externalUserId?: string }): Promise<ExternalContactEvent> {
  const minted = await env.admin.mintWelcomeCode({ userid: input.userid, state: input.state, ...(input.externalUserId && { externalUserId: input.externalUserId }) });
  const xml = addExternalContactXml({
    corpId: env.deps.config.WECOM_CORP_ID,
    userId: input.userid,
    externalUserId: minted.externalUserId,
    state: input.state,
    welcomeCode: minted.welcomeCode,
    createTimeS: Math.floor(env.clock.nowMs() / 1000),
  });
  const event = parseEvent(parseXmlRecord(xml));
  if (event.kind !== 'change_external_contact') throw new Error('not a contact event');
  return event;
}

const welcomes = async () => (await env.admin.calls('externalcontact/send_welcome_msg')).length;
const memberOf = async (id: string) => (await env.deps.store.collection<Member>(MEMBERS).get(id)) as Member;
const DAY = 86_400_000;

describe('a former member adds a staff member again', () => {
  it('after an erasure: a new membership — active, joined now, a fresh team, welcomed', async () => {
    const first = await joinEvent({ userid: 'ins_a', state: 'h1.pd.ab12' });
    const { memberId } = await handleJoin(welcomeServicesOf(env.deps).events, first);
    expect(await privacy.erase({ kind: 'member', memberId }, memberId, {})).toMatchObject({ complete: true });
    expect(await env.deps.store.collection(TEAM_ASSIGNMENTS).count({ memberId })).toBe(0);

    env.clock.advance(30 * DAY);
    const again = await joinEvent({ userid: 'butler_a', state: 'h1.cs.zz01', externalUserId: first.externalUserId });
    const result = await handleJoin(welcomeServicesOf(env.deps).events, again);
    expect(result).toMatchObject({ memberId, created: true, scene: 'claims_service', welcome: 'sent' });
    expect(await welcomes()).toBe(2);

    const member = await memberOf(memberId);
    expect(member).toMatchObject({
      status: 'active',
      joinedAtMs: again.createTimeS * 1000,
      externalUserId: first.externalUserId,
      addedBy: 'butler_a',
      scene: 'claims_service',
      intakeStatus: 'pending',
      team: { family_doctor: 'doc_a', health_butler: 'butler_a', rights_consultant: 'rights_a', insurance_consultant: 'ins_a' },
    });
    expect(member).not.toHaveProperty('erasedAtMs');
    expect(member).not.toHaveProperty('redactedAtMs');
    const assignments = await env.deps.store.collection(TEAM_ASSIGNMENTS).find({ memberId });
    expect(assignments).toHaveLength(4);
    expect(assignments.every((a) => a.assignedAtMs === env.clock.nowMs())).toBe(true);
    expect(await env.deps.store.collection(INTAKE_FOLLOW_UPS).get(memberId)).toMatchObject({ status: 'pending', joinedAtMs: again.createTimeS * 1000 });

    // A replay of the same join event starts nothing more.
    expect(await handleJoin(welcomeServicesOf(env.deps).events, again)).toMatchObject({ created: false, welcome: 'sent' });
    expect(await welcomes()).toBe(2);
    expect((await memberOf(memberId)).joinedAtMs).toBe(again.createTimeS * 1000);
  });

  it('while the erasure is still unfinished: refused, so the callback inbox retries it later', async () => {
    const first = await joinEvent({ userid: 'ins_a', state: 'h1.pd.ab12' });
    const { memberId } = await handleJoin(welcomeServicesOf(env.deps).events, first);
    await env.deps.store.collection<Member>(MEMBERS).updateOne({ _id: memberId }, { $set: { status: 'erased', erasedAtMs: env.clock.nowMs() } });
    const again = await joinEvent({ userid: 'butler_a', state: 'h1.cs.zz01', externalUserId: first.externalUserId });
    await expect(handleJoin(welcomeServicesOf(env.deps).events, again)).rejects.toMatchObject({ code: 'member_erasure_in_progress' });
    expect((await memberOf(memberId)).status).toBe('erased');
    expect(await welcomes()).toBe(1);
  });

  it('after a consent withdrawal: still withdrawn (they consent again on the form), welcomed, membership kept', async () => {
    const first = await joinEvent({ userid: 'ins_a', state: 'h1.pd.ab12' });
    const { memberId } = await handleJoin(welcomeServicesOf(env.deps).events, first);
    const joined = await memberOf(memberId);
    await privacy.withdrawConsent({ kind: 'member', memberId }, memberId, {});

    env.clock.advance(DAY);
    const again = await joinEvent({ userid: 'butler_a', state: 'h1.cs.zz01', externalUserId: first.externalUserId });
    expect(await handleJoin(welcomeServicesOf(env.deps).events, again)).toMatchObject({ memberId, created: false, scene: 'policy_delivery', welcome: 'sent' });
    expect(await welcomes()).toBe(2);
    expect(await memberOf(memberId)).toMatchObject({ status: 'consent_withdrawn', joinedAtMs: joined.joinedAtMs, addedBy: 'ins_a', team: joined.team });
  });
});
