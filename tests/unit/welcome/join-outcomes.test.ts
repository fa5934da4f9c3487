import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEvent, parseXmlRecord, type ExternalChatEvent, type ExternalContactEvent } from '../../../shared/adapters/wecom/callback';
import { addExternalContactXml, changeExternalChatXml, changeExternalContactXml } from '../../../dev/wecom-sandbox/callback-builder';
import { handleWelcomeEvent } from '../../../shared/services/welcome/handle-event';
import { memberIdForExternalUser } from '../../../shared/services/members/member';
import { createOutcomeEventLog } from '../../../shared/services/outcomes/outcome-events';
import { importRoster } from '../../../shared/services/team/roster';
import { startTestEnv, type TestEnv } from '../intake/support';
import { servicesOf as welcomeServicesOf } from '../../../functions/welcome/wiring';

/* The welcome journey's outcome events (shared/services/welcome/join-outcomes.ts): each recorded once, whatever WeCom redelivers. */

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

const contact = (xml: string): ExternalContactEvent => {
  const e = parseEvent(parseXmlRecord(xml));
  if (e.kind !== 'change_external_contact') throw new Error('not a contact event');
  return e;
};
const chat = (detail: 'add_member' | 'del_member', ids: string[]): ExternalChatEvent => {
  const e = parseEvent(parseXmlRecord(changeExternalChatXml({ chatId: 'wrOutcomes', changeType: 'update', updateDetail: detail, joinScene: 0, memChangeList: ids })));
  if (e.kind !== 'change_external_chat') throw new Error('not a group event');
  return e;
};
const eventsOf = async (memberId: string) => (await createOutcomeEventLog(env.deps.store).ofMember(memberId)).map((e) => [e.type, e.key, e.data ?? null]);

describe('outcome events of the welcome journey', () => {
  it('a join is recorded once with its scene and campaign, the welcome once, however often the event comes', async () => {
    const minted = await env.admin.mintWelcomeCode({ userid: 'ins_a', state: 'h1.pd.ab12.spring' });
    const createTimeS = Math.floor(env.clock.nowMs() / 1000);
    const join = contact(addExternalContactXml({ corpId: env.deps.config.WECOM_CORP_ID, userId: 'ins_a', externalUserId: minted.externalUserId, state: 'h1.pd.ab12.spring', welcomeCode: minted.welcomeCode, createTimeS }));
    await handleWelcomeEvent(welcomeServicesOf(env.deps).events, join);
    await handleWelcomeEvent(welcomeServicesOf(env.deps).events, join);
    const memberId = memberIdForExternalUser(env.deps.config.WECOM_CORP_ID, minted.externalUserId);
    const key = String(createTimeS * 1000);
    expect(await eventsOf(memberId)).toEqual([
      ['joined', key, { via: 'contact', scene: 'policy_delivery', campaign: 'spring' }],
      ['welcomed', key, null],
    ]);

    // Deleting another team member's contact is not leaving; deleting the one they joined through is, once.
    const del = (userId: string, s: number) => contact(changeExternalContactXml({ corpId: env.deps.config.WECOM_CORP_ID, changeType: 'del_follow_user', userId, externalUserId: minted.externalUserId, createTimeS: s }));
    await handleWelcomeEvent(welcomeServicesOf(env.deps).events, del('butler_a', createTimeS + 60));
    expect((await eventsOf(memberId)).map(([t]) => t)).toEqual(['joined', 'welcomed']);
    await handleWelcomeEvent(welcomeServicesOf(env.deps).events, del('ins_a', createTimeS + 120));
    await handleWelcomeEvent(welcomeServicesOf(env.deps).events, del('ins_a', createTimeS + 120));
    expect((await eventsOf(memberId)).filter(([t]) => t === 'left')).toEqual([['left', `contact:ins_a:${createTimeS + 120}`, { how: 'contact_deleted' }]]);
  });

  it('a customer only in a group joins with the group and leaves with their last group; a member with a contact does not leave by leaving groups', async () => {
    const groupOnly = memberIdForExternalUser(env.deps.config.WECOM_CORP_ID, 'wmGroupOnly');
    await handleWelcomeEvent(welcomeServicesOf(env.deps).events, chat('add_member', ['wmGroupOnly', 'staff_x']));
    await handleWelcomeEvent(welcomeServicesOf(env.deps).events, chat('add_member', ['wmGroupOnly']));
    expect(await eventsOf(groupOnly)).toEqual([['joined', 'group:wrOutcomes', { via: 'group' }]]);
    await handleWelcomeEvent(welcomeServicesOf(env.deps).events, chat('del_member', ['wmGroupOnly']));
    expect((await eventsOf(groupOnly)).map(([t, , d]) => [t, d])).toEqual([['joined', { via: 'group' }], ['left', { how: 'groups_left' }]]);
    // Staff ids in the list are no members: nothing recorded for them.
    expect(await eventsOf(memberIdForExternalUser(env.deps.config.WECOM_CORP_ID, 'staff_x'))).toEqual([]);

    const minted = await env.admin.mintWelcomeCode({ userid: 'ins_a' });
    await handleWelcomeEvent(welcomeServicesOf(env.deps).events, contact(addExternalContactXml({ corpId: env.deps.config.WECOM_CORP_ID, userId: 'ins_a', externalUserId: minted.externalUserId, welcomeCode: minted.welcomeCode, createTimeS: Math.floor(env.clock.nowMs() / 1000) })));
    const member = memberIdForExternalUser(env.deps.config.WECOM_CORP_ID, minted.externalUserId);
    await handleWelcomeEvent(welcomeServicesOf(env.deps).events, chat('add_member', [minted.externalUserId]));
    await handleWelcomeEvent(welcomeServicesOf(env.deps).events, chat('del_member', [minted.externalUserId]));
    expect((await eventsOf(member)).map(([t]) => t).sort()).toEqual(['joined', 'joined', 'welcomed']);
  });
});
