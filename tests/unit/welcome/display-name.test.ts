import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeExternalChatXml } from '../../../dev/wecom-sandbox/callback-builder';
import { parseEvent, parseXmlRecord } from '../../../shared/adapters/wecom/callback';
import type { LogFields, Logger } from '../../../shared/ports/logger';
import { DISPLAY_NAME_PATHS, openDisplayName, pickDisplayName, refreshDisplayName } from '../../../shared/services/members/display-name';
import { createMemberRepository } from '../../../shared/services/members/member-repository';
import { MEMBERS, memberIdForExternalUser, type Member } from '../../../shared/services/members/member';
import { handleGroupChange } from '../../../shared/services/welcome/group-membership';
import { seedMember, startTestEnv, type TestEnv } from '../intake/support';

let env: TestEnv;
beforeEach(async () => {
  env = await startTestEnv();
});
afterEach(async () => {
  await env.close();
});

/** Every line logged, as the logger would get it. */
function capturingLog(): Logger & { lines: { level: string; msg: string; fields?: LogFields }[] } {
  const lines: { level: string; msg: string; fields?: LogFields }[] = [];
  const at = (level: string) => (msg: string, fields?: LogFields) => void lines.push({ level, msg, ...(fields && { fields }) });
  const log = { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => log };
  return log;
}

const follow = (userid: string, remark?: string) => ({ userid, createdAtMs: 0, tags: [], ...(remark !== undefined && { remark }) });

describe('pickDisplayName', () => {
  it('prefers the remark of the staff member who added the customer, else the WeChat name', () => {
    const contact = { name: ' 张建国 ', followUsers: [follow('other', '老张'), follow('adder', '  张叔\n保单 ')] };
    expect(pickDisplayName(contact, 'adder')).toBe('张叔 保单');
    // Another staff member's remark is theirs, not the name the member goes by here.
    expect(pickDisplayName(contact, 'nobody')).toBe('张建国');
    expect(pickDisplayName({ name: '张建国', followUsers: [follow('adder', '')] }, 'adder')).toBe('张建国');
    expect(pickDisplayName({ name: '', followUsers: [] }, undefined)).toBeNull();
    expect(Array.from(pickDisplayName({ name: '名'.repeat(100), followUsers: [] }, undefined) ?? '')).toHaveLength(64);
  });
});

describe('refreshDisplayName', () => {
  it('stores the name encrypted and bound to the member; a second call fetches nothing', async () => {
    const m = await seedMember(env, { staff: 'staff_a' });
    await env.admin.addExternalContact({ userid: 'staff_a', externalUserId: m.externalUserId as string, name: '李秀兰', remark: '李阿姨' });
    expect(await refreshDisplayName(env.deps, m._id)).toBe('stored');
    const stored = (await env.deps.members.get(m._id)) as Member;
    expect(openDisplayName(env.deps.cipher, stored)).toBe('李阿姨');
    // Moved onto another member's document, the ciphertext does not open.
    expect(openDisplayName(env.deps.cipher, { _id: 'm_other', displayName: stored.displayName })).toBeNull();

    const calls = (await env.admin.calls('externalcontact/get')).length;
    expect(await refreshDisplayName(env.deps, m._id)).toBe('kept');
    expect(await env.admin.calls('externalcontact/get')).toHaveLength(calls);
  });

  it('does not put an older name back over one stored while its fetch was under way', async () => {
    const m = await seedMember(env, { staff: 'staff_a' });
    const members = createMemberRepository(env.deps.store);
    // A join's fetch read the member with no name yet…
    const readByJoin = (await members.get(m._id)) as Member;
    // …meanwhile an edit event stored the staff remark…
    await env.admin.addExternalContact({ userid: 'staff_a', externalUserId: m.externalUserId as string, name: '李秀兰', remark: '李阿姨' });
    expect(await refreshDisplayName(env.deps, m._id, { force: true })).toBe('stored');
    // …and the join's older answer (the WeChat name) arrives last: it is not written.
    const older = env.deps.cipher.encryptFields({ displayName: '李秀兰' }, DISPLAY_NAME_PATHS, m._id) as unknown as { displayName: Member['displayName'] };
    expect(await members.displayNameFetched(m._id, m.externalUserId as string, older.displayName as never, env.clock.nowMs(), readByJoin.displayNameAtMs)).toBe(false);
    expect(openDisplayName(env.deps.cipher, (await members.get(m._id)) as Member)).toBe('李阿姨');
  });

  it('never throws and never logs the name when WeCom fails or limits the call', async () => {
    const m = await seedMember(env, { staff: 'staff_a' });
    await env.admin.addExternalContact({ userid: 'staff_a', externalUserId: m.externalUserId as string, name: '王芳' });
    const log = capturingLog();
    await env.admin.injectFault({ path: 'externalcontact/get', kind: 'errcode', errcode: 45009 });
    expect(await refreshDisplayName({ ...env.deps, log }, m._id)).toBe('failed');
    expect(log.lines).toEqual([{ level: 'warn', msg: 'member display name not fetched', fields: { memberId: m._id, error: 45009 } }]);
    expect(((await env.deps.members.get(m._id)) as Member).displayName).toBeUndefined();

    expect(await refreshDisplayName({ ...env.deps, log }, m._id)).toBe('stored');
    expect(JSON.stringify(log.lines)).not.toContain('王芳');
  });

  it('writes nothing onto an erased member, nor for a contact WeCom does not know', async () => {
    const m = await seedMember(env, { staff: 'staff_a' });
    await env.deps.store.collection<Member>(MEMBERS).updateOne({ _id: m._id }, { $set: { status: 'erased' } });
    expect(await refreshDisplayName(env.deps, m._id)).toBe('not_member');
    expect(((await env.deps.members.get(m._id)) as Member).displayName).toBeUndefined();

    const now = env.clock.nowMs();
    await env.deps.store.collection<Member>(MEMBERS).insert({ _id: 'm_ghost', externalUserId: 'wmGhost', team: {}, status: 'active', joinedAtMs: now, updatedAtMs: now });
    expect(await refreshDisplayName(env.deps, 'm_ghost')).toBe('failed'); // 84061: not an external contact
  });

  it('is tried again when a member without a name joins a customer group', async () => {
    const { externalUserId } = await env.admin.addExternalContact({ userid: 'staff_a', name: '赵敏' });
    const m = await seedMember(env, { staff: 'staff_a', memberId: memberIdForExternalUser(env.deps.config.WECOM_CORP_ID, externalUserId) });
    await env.deps.store.collection<Member>(MEMBERS).updateOne({ _id: m._id }, { $set: { externalUserId } });
    const event = parseEvent(parseXmlRecord(changeExternalChatXml({ chatId: 'wrNames01', changeType: 'update', updateDetail: 'add_member', joinScene: 0, memChangeList: [externalUserId, 'staff_a'] })));
    if (event.kind !== 'change_external_chat') throw new Error('not a chat event');
    await handleGroupChange(env.deps, event);
    expect(openDisplayName(env.deps.cipher, (await env.deps.members.get(m._id)) as Member)).toBe('赵敏');
  });
});
