import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MEMBERS, type Member } from '../../../shared/services/members/member';
import { sendWelcomeOnce, WELCOME_SENDS } from '../../../shared/services/welcome/welcome-send';
import { composeWelcome } from '../../../shared/services/welcome/welcome-message';
import { seedMember, startTestEnv, type TestEnv } from '../intake/support';

let env: TestEnv;
beforeEach(async () => {
  env = await startTestEnv();
});
afterEach(async () => {
  await env.close();
});

const content = composeWelcome({ scene: 'policy_delivery', teamNames: { family_doctor: '李医生' }, formUrl: 'https://h.example.test/api/intake/form#t=x' });

async function setup() {
  const member = await seedMember(env);
  const { welcomeCode } = await env.admin.mintWelcomeCode({ userid: 'staff_a', externalUserId: member.externalUserId });
  const send = () => sendWelcomeOnce(env.deps, { memberId: member._id, welcomeCode, content, receivedAtMs: env.clock.nowMs() });
  const calls = async () => (await env.admin.calls('externalcontact/send_welcome_msg')).map((c) => c.errcode);
  return { member, welcomeCode, send, calls };
}

describe('welcome send (single-use code, 20 s)', () => {
  it('sends once and answers later attempts from the record without calling WeCom', async () => {
    const { member, send, calls } = await setup();
    expect(await send()).toBe('sent');
    expect(await send()).toBe('sent');
    expect(await calls()).toEqual([0]);
    expect((await env.deps.store.collection<Member>(MEMBERS).get(member._id))?.welcome?.status).toBe('sent');
  });

  it('records a code already used elsewhere (41051) as final, without retrying', async () => {
    const { welcomeCode, send, calls } = await setup();
    await env.deps.wecom.sendWelcomeMsg({ welcomeCode, text: '控制台欢迎语' });
    expect(await send()).toBe('code_used');
    expect(await send()).toBe('code_used');
    expect(await calls()).toEqual([0, 41051]);
  });

  it('records an expired code (41050) as final', async () => {
    const { send, calls } = await setup();
    env.clock.advance(21_000);
    expect(await send()).toBe('code_expired');
    expect(await calls()).toEqual([41050]);
  });

  it('retries what WeCom lets us retry (system busy, 41096) inside the window', async () => {
    const { send, calls } = await setup();
    await env.admin.injectFault({ path: 'externalcontact/send_welcome_msg', kind: 'errcode', errcode: -1 });
    await env.admin.injectFault({ path: 'externalcontact/send_welcome_msg', kind: 'errcode', errcode: 41096 });
    expect(await send()).toBe('sent');
    expect(await calls()).toEqual([-1, 41096, 0]);
  });

  it('does not retry once the 20 s are nearly spent', async () => {
    const { member, welcomeCode, calls } = await setup();
    await env.admin.injectFault({ path: 'externalcontact/send_welcome_msg', kind: 'errcode', errcode: -1 });
    const status = await sendWelcomeOnce(env.deps, { memberId: member._id, welcomeCode, content, receivedAtMs: env.clock.nowMs() - 18_500 });
    expect(status).toBe('failed');
    expect(await calls()).toEqual([-1]);
    const record = await env.deps.store.collection(WELCOME_SENDS).findOne({ memberId: member._id });
    expect(record).toMatchObject({ status: 'failed', attempts: 1, errcode: -1 });
    expect(JSON.stringify(record)).not.toContain(welcomeCode);
  });
});
