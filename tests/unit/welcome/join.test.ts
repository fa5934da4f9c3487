import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEvent, parseXmlRecord, type ExternalContactEvent } from '../../../shared/adapters/wecom/callback';
import { addExternalContactXml } from '../../../dev/wecom-sandbox/callback-builder';
import { handleJoin } from '../../../shared/services/welcome/join';
import { MEMBERS, memberIdForExternalUser, type Member } from '../../../shared/services/members/member';
import { importRoster, listRoster } from '../../../shared/services/team/roster';
import { INTAKE_FOLLOW_UPS } from '../../../shared/services/intake/follow-ups';
import { startTestEnv, type TestEnv } from '../intake/support';
import { servicesOf as welcomeServicesOf } from '../../../functions/welcome/wiring';

let env: TestEnv;
beforeEach(async () => {
  env = await startTestEnv();
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

async function joinEvent(input: { userid: string; state?: string; externalUserId?: string; withCode?: boolean }): Promise<ExternalContactEvent> {
  const minted = await env.admin.mintWelcomeCode({ userid: input.userid, ...(input.state && { state: input.state }), ...(input.externalUserId && { externalUserId: input.externalUserId }) });
  const xml = addExternalContactXml({
    corpId: env.deps.config.WECOM_CORP_ID,
    userId: input.userid,
    externalUserId: minted.externalUserId,
    ...(input.state && { state: input.state }),
    ...(input.withCode !== false && { welcomeCode: minted.welcomeCode }),
    createTimeS: Math.floor(env.clock.nowMs() / 1000),
  });
  const event = parseEvent(parseXmlRecord(xml));
  if (event.kind !== 'change_external_contact') throw new Error('not a contact event');
  return event;
}

const welcomes = async () => (await env.admin.calls('externalcontact/send_welcome_msg')).length;

describe('join (add_external_contact)', () => {
  it('a replay of the same event sends nothing more and moves no load', async () => {
    const event = await joinEvent({ userid: 'ins_a', state: 'h1.cs.zz01' });
    const first = await handleJoin(welcomeServicesOf(env.deps).events, event);
    expect(first).toMatchObject({ created: true, scene: 'claims_service', welcome: 'sent' });
    const again = await handleJoin(welcomeServicesOf(env.deps).events, event);
    expect(again).toMatchObject({ created: false, welcome: 'sent' });
    expect(await welcomes()).toBe(1);
    expect((await listRoster(env.deps.store)).map((s) => s.load)).toEqual([1, 1, 1, 1]);
    expect(await env.deps.store.collection(INTAKE_FOLLOW_UPS).get(first.memberId)).toMatchObject({ status: 'pending', nudgesSent: 0 });
  });

  it('keeps the first scene and referrer when the customer adds a second staff member', async () => {
    const first = await joinEvent({ userid: 'ins_a', state: 'h1.pd.ab12' });
    await handleJoin(welcomeServicesOf(env.deps).events, first);
    const second = await joinEvent({ userid: 'butler_a', state: 'h1.ra.cd34', externalUserId: first.externalUserId });
    const result = await handleJoin(welcomeServicesOf(env.deps).events, second);
    expect(result).toMatchObject({ created: false, scene: 'policy_delivery' });
    const member = await env.deps.store.collection<Member>(MEMBERS).get(memberIdForExternalUser(env.deps.config.WECOM_CORP_ID, first.externalUserId));
    expect(member).toMatchObject({ addedBy: 'ins_a', scene: 'policy_delivery', team: { family_doctor: 'doc_a' } });
  });

  it('joins with an unknown scene and no welcome code (welcome configured in the console)', async () => {
    const event = await joinEvent({ userid: 'ins_a', state: 'from-poster-7', withCode: false });
    const result = await handleJoin(welcomeServicesOf(env.deps).events, event);
    expect(result).toMatchObject({ scene: null, welcome: 'no_code' });
    expect(await welcomes()).toBe(0);
    const member = await env.deps.store.collection<Member>(MEMBERS).get(result.memberId);
    expect(member?.scene).toBeUndefined();
    expect(member?.team.family_doctor).toBe('doc_a');
    expect(member?.welcome?.status).toBe('no_code');
  });
});
