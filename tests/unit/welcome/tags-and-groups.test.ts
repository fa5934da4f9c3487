import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveTags } from '../../../shared/domain/health/tags';
import { MEMBERS, memberIdForExternalUser, type Member } from '../../../shared/services/members/member';
import { createTagSync } from '../../../shared/services/members/tag-sync';
import { handleGroupChange, GROUP_MEMBERSHIPS } from '../../../shared/services/welcome/group-membership';
import { parseEvent, parseXmlRecord, type ExternalChatEvent } from '../../../shared/adapters/wecom/callback';
import { changeExternalChatXml } from '../../../dev/wecom-sandbox/callback-builder';
import { seedMember, startTestEnv, type TestEnv } from '../intake/support';

let env: TestEnv;
beforeEach(async () => {
  env = await startTestEnv();
});
afterEach(async () => {
  await env.close();
});

const tagNames = (member: Member) => {
  const ids = env.sandbox.state.contacts.get(member.externalUserId as string)?.follows.get(member.addedBy as string)?.tagIds ?? new Set();
  return env.sandbox.state.tagGroups.flatMap((g) => g.tags.filter((t) => ids.has(t.id)).map((t) => `${g.groupName}/${t.name}`)).sort();
};

describe('WeCom tag mirroring', () => {
  it('creates missing corp tags once, then adds and removes only what changed', async () => {
    const member = await seedMember(env, { scene: 'claims_service' });
    const sync = createTagSync(env.deps);
    await sync.apply(member._id, deriveTags({ scene: 'claims_service' }));
    expect(tagNames(member)).toEqual(['保险需求/理赔关怀', '服务偏好/康复指导']);

    await sync.apply(member._id, deriveTags({ scene: 'claims_service', risk: { tier: 'high', score: 8, factors: [] } }));
    // The underwriting hint is derived from health data: kept in our store, never on the WeCom contact.
    expect(tagNames(member)).toEqual(['保险需求/理赔关怀', '服务偏好/康复指导', '风险等级/高风险']);
    await sync.apply(member._id, deriveTags({ scene: 'claims_service', risk: { tier: 'low', score: 0, factors: [] } }));
    expect(tagNames(member)).toEqual(['保险需求/理赔关怀', '服务偏好/康复指导', '风险等级/低风险']);

    const stored = await env.deps.store.collection<Member>(MEMBERS).get(member._id);
    expect(stored?.tags).toEqual([
      { dimension: 'risk_level', code: 'low' },
      { dimension: 'service_preference', code: 'rehab_guidance' },
      { dimension: 'insurance_need', code: 'claims_support' },
    ]);
    // Each name was created once (one add_corp_tag per group and apply); cached ids serve later applies.
    const library = env.sandbox.state.tagGroups.flatMap((g) => g.tags.map((t) => `${g.groupName}/${t.name}`));
    expect(library).toHaveLength(4);
    expect(new Set(library).size).toBe(4);
    const listCalls = (await env.admin.calls('externalcontact/get_corp_tag_list')).length;
    await createTagSync(env.deps).apply(member._id, deriveTags({ scene: 'claims_service', risk: { tier: 'high', score: 8, factors: [] } }));
    expect((await env.admin.calls('externalcontact/get_corp_tag_list')).length).toBe(listCalls);
  });

  it('leaves tags that staff set by hand alone', async () => {
    const member = await seedMember(env, { scene: 'policy_delivery' });
    const [manual] = (await env.deps.wecom.addCorpTag({ groupName: '客户来源', tags: [{ name: '朋友推荐' }] })).tags;
    await env.deps.wecom.markTag({ userid: 'staff_a', externalUserId: member.externalUserId as string, addTag: [manual?.id as string] });
    const sync = createTagSync(env.deps);
    await sync.apply(member._id, deriveTags({ scene: 'policy_delivery', risk: { tier: 'medium', score: 3, factors: [] } }));
    await sync.apply(member._id, deriveTags({ scene: 'policy_delivery' }));
    expect(tagNames(member)).toEqual(['保险需求/新保单客户', '客户来源/朋友推荐']);
  });
});

describe('group membership', () => {
  const event = (detail: 'add_member' | 'del_member', list?: string[]): ExternalChatEvent => {
    const xml = changeExternalChatXml({ chatId: 'wrChat01', changeType: 'update', updateDetail: detail, joinScene: 0, ...(list && { memChangeList: list }) });
    const parsed = parseEvent(parseXmlRecord(xml));
    if (parsed.kind !== 'change_external_chat') throw new Error('fixture is not a group change');
    return parsed;
  };

  it('records who joined and left, on the member too, and tolerates replays', async () => {
    const member = await seedMember(env);
    const memberId = memberIdForExternalUser(env.deps.config.WECOM_CORP_ID, member.externalUserId as string);
    await env.deps.store.collection(MEMBERS).deleteOne({ _id: member._id });
    await env.deps.store.collection<Member>(MEMBERS).insert({ ...member, _id: memberId });

    await handleGroupChange(env.deps, event('add_member', [member.externalUserId as string, 'wmStranger']));
    await handleGroupChange(env.deps, event('add_member', [member.externalUserId as string]));
    expect((await env.deps.store.collection<Member>(MEMBERS).get(memberId))?.groups).toEqual(['wrChat01']);
    expect(await env.deps.store.collection(GROUP_MEMBERSHIPS).count({ chatId: 'wrChat01' })).toBe(2);

    await handleGroupChange(env.deps, event('del_member', [member.externalUserId as string]));
    expect((await env.deps.store.collection<Member>(MEMBERS).get(memberId))?.groups).toEqual([]);
    expect(await env.deps.store.collection(GROUP_MEMBERSHIPS).get(`wrChat01:${member.externalUserId}`)).toMatchObject({ leftAtMs: expect.any(Number) });
  });

  it('records nothing for an event without a member list', async () => {
    expect(await handleGroupChange(env.deps, event('add_member'))).toEqual({ recorded: 0 });
    expect(await env.deps.store.collection(GROUP_MEMBERSHIPS).count({})).toBe(0);
  });
});
