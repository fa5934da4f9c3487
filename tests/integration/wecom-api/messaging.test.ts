import { afterEach, describe, expect, it } from 'vitest';
import { WecomErrcode } from '../../../shared/ports/wecom-api';
import { failure, startHarness, textTo, type Harness } from './harness';

describe('app messages, subscribe messages and OAuth', () => {
  let h: Harness;
  afterEach(() => h.close());

  describe('message/send', () => {
    it('delivers text, textcard and markdown to staff with the app agentid', async () => {
      h = await startHarness();
      const api = h.client();
      await api.sendAppMessage({ touser: ['doctor1', 'butler1'], msgtype: 'text', text: { content: '新的分诊请求' } });
      await api.sendAppMessage({
        touser: 'doctor1',
        msgtype: 'textcard',
        textcard: { title: '分诊：胸闷', description: '<div class="highlight">紧急</div>', url: 'https://example.test/triage/1', btntxt: '处理' },
      });
      await api.sendAppMessage({ totag: '12', msgtype: 'markdown', markdown: { content: '**今日随访** 3 人' } });

      const toDoctor = await h.admin.sent({ api: 'message/send', touser: 'doctor1' });
      expect(toDoctor.map((s) => s.body.msgtype)).toEqual(['text', 'textcard']);
      expect(toDoctor[0]?.body).toMatchObject({ touser: 'doctor1|butler1', agentid: 1000002 });
      expect((await h.admin.sent({ api: 'message/send' }))[2]?.body).toMatchObject({ totag: '12', markdown: { content: '**今日随访** 3 人' } });
    });

    it('refuses text over 2048 bytes with 45002 and does not retry', async () => {
      h = await startHarness();
      const error = await failure(h.client().sendAppMessage(textTo('doctor1', '血'.repeat(683)))); // 2049 bytes

      expect(error).toMatchObject({ errcode: WecomErrcode.contentTooLarge, retryable: false });
      expect(await h.admin.calls('message/send')).toHaveLength(1);
    });

    it('reports unknown members and fails with 81013 when nobody is valid', async () => {
      h = await startHarness({ members: ['doctor1'] });
      const api = h.client();

      await expect(api.sendAppMessage({ ...textTo('doctor1'), touser: ['doctor1', 'ghost'] })).resolves.toMatchObject({ invalidUsers: ['ghost'] });
      expect((await failure(api.sendAppMessage(textTo('ghost')))).errcode).toBe(WecomErrcode.allRecipientsInvalid);
    });

    it('silently drops messages beyond the per-member minute limit, as WeCom does', async () => {
      h = await startHarness({ limits: { appMessagePerUserPerMinute: 2 } });
      const api = h.client();
      for (let i = 0; i < 3; i++) await api.sendAppMessage(textTo('doctor1', `提醒${i}`));

      const sent = await h.admin.sent({ api: 'message/send' });
      expect(sent.map((s) => s.droppedUsers ?? [])).toEqual([[], [], ['doctor1']]);
    });
  });

  describe('mini-program subscribe message', () => {
    const send = (h: Harness) =>
      h.client().sendSubscribeMessage({ touser: 'oOpenid01', templateId: 'TPL_BP', page: 'pages/bp/index', data: { thing1: '测量血压', time2: '08:00' } });

    it('needs a subscription: 43101 without one, consumed by each send', async () => {
      h = await startHarness();
      expect((await failure(send(h))).errcode).toBe(WecomErrcode.subscriptionRefused);

      await h.admin.addSubscription({ openid: 'oOpenid01', templateId: 'TPL_BP' });
      await send(h);
      const [sent] = await h.admin.sent({ api: 'wechat/subscribe/send', touser: 'oOpenid01' });
      expect(sent?.body).toMatchObject({ template_id: 'TPL_BP', data: { thing1: { value: '测量血压' } } });

      expect((await failure(send(h))).errcode).toBe(WecomErrcode.subscriptionRefused);
      expect(await h.admin.calls('token')).toHaveLength(1);
    });
  });

  describe('OAuth', () => {
    it('maps a member code to the userid, once', async () => {
      h = await startHarness();
      const { code } = await h.admin.mintOauthCode({ userid: 'doctor1' });
      const api = h.client();

      expect(await api.oauthGetUserInfo(code)).toMatchObject({ kind: 'member', userid: 'doctor1' });
      expect((await failure(api.oauthGetUserInfo(code))).errcode).toBe(WecomErrcode.invalidOauthCode);
    });

    it('maps a non-member code to the openid', async () => {
      h = await startHarness();
      const { code } = await h.admin.mintOauthCode({ openid: 'oWxUser9', externalUserId: 'wmCustomer9' });

      expect(await h.client().oauthGetUserInfo(code)).toEqual({ kind: 'non_member', openid: 'oWxUser9', externalUserId: 'wmCustomer9' });
    });
  });
});
