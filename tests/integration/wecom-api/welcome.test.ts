import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WecomErrcode } from '../../../shared/ports/wecom-api';
import { failure, startHarness, type Harness } from './harness';

describe('send_welcome_msg', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const mint = () => h.admin.mintWelcomeCode({ userid: 'doctor1', state: 'ch_flyer01' });

  it('delivers the welcome with its intake link to the new customer', async () => {
    const { welcomeCode, externalUserId } = await mint();

    await h.client().sendWelcomeMsg({
      welcomeCode,
      text: '您好，我是您的家庭医生助理',
      attachments: [{ msgtype: 'link', link: { title: '填写健康档案', url: 'https://example.test/intake?t=abc' } }],
    });

    const [sent] = await h.admin.sent({ api: 'externalcontact/send_welcome_msg', touser: externalUserId });
    expect(sent?.body).toMatchObject({
      welcome_code: welcomeCode,
      text: { content: '您好，我是您的家庭医生助理' },
      attachments: [{ msgtype: 'link', link: { title: '填写健康档案' } }],
    });
  });

  it('surfaces 41051 for a used code at once, without retrying', async () => {
    const { welcomeCode } = await mint();
    const api = h.client();
    await api.sendWelcomeMsg({ welcomeCode, text: '欢迎' });

    const error = await failure(api.sendWelcomeMsg({ welcomeCode, text: '欢迎' }));

    expect(error).toMatchObject({ errcode: WecomErrcode.welcomeCodeUsed, retryable: false, outcomeUnknown: false });
    expect((await h.admin.calls('externalcontact/send_welcome_msg')).map((c) => c.errcode)).toEqual([0, 41051]);
  });

  it('refuses a code older than 20 s with 41050', async () => {
    const { welcomeCode } = await mint();
    h.clock.advance(20_001);

    const error = await failure(h.client().sendWelcomeMsg({ welcomeCode, text: '欢迎' }));

    expect(error.errcode).toBe(WecomErrcode.welcomeCodeInvalid);
    expect(await h.admin.calls('externalcontact/send_welcome_msg')).toHaveLength(1);
  });

  it('accepts a code just inside the 20 s', async () => {
    const { welcomeCode } = await mint();
    h.clock.advance(19_000);

    await expect(h.client().sendWelcomeMsg({ welcomeCode, text: '欢迎' })).resolves.toBeUndefined();
  });

  it('does not retry after a timeout: the code may already be spent', async () => {
    const { welcomeCode, externalUserId } = await mint();
    await h.admin.injectFault({ path: 'externalcontact/send_welcome_msg', kind: 'delay', delayMs: 2000 });

    const error = await failure(h.client().sendWelcomeMsg({ welcomeCode, text: '欢迎' }));

    expect(error).toMatchObject({ kind: 'timeout', outcomeUnknown: true });
    expect(await h.admin.calls('externalcontact/send_welcome_msg')).toHaveLength(1);
    expect(await h.admin.sent({ api: 'externalcontact/send_welcome_msg', touser: externalUserId })).toHaveLength(1);
  });

  it('does not retry errcode -1 or a rate limit either', async () => {
    const { welcomeCode } = await mint();
    await h.admin.injectFault({ path: 'externalcontact/send_welcome_msg', kind: 'errcode', errcode: -1 });
    await h.admin.injectFault({ path: 'externalcontact/send_welcome_msg', kind: 'errcode', errcode: 45009 });
    const api = h.client();

    expect(await failure(api.sendWelcomeMsg({ welcomeCode, text: '欢迎' }))).toMatchObject({ errcode: -1, retryable: true });
    expect(await failure(api.sendWelcomeMsg({ welcomeCode, text: '欢迎' }))).toMatchObject({ errcode: 45009 });
    expect(await h.admin.calls('externalcontact/send_welcome_msg')).toHaveLength(2);
  });

  it('refreshes an expired token once and still sends within the window', async () => {
    const api = h.client();
    await api.getTagList(); // caches the 客户联系 token
    await h.admin.invalidateTokens('expired');
    const { welcomeCode } = await mint();

    await api.sendWelcomeMsg({ welcomeCode, text: '欢迎' });

    expect((await h.admin.calls('externalcontact/send_welcome_msg')).map((c) => c.errcode)).toEqual([42001, 0]);
  });
});
