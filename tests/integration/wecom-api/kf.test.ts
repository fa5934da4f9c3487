import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KF_CURSOR_COLLECTION } from '../../../shared/adapters/wecom/api/kf-cursor';
import { WecomErrcode } from '../../../shared/ports/wecom-api';
import { failure, startHarness, type Harness } from './harness';

const KF = 'wkSandboxKf01';
const CUSTOMER = 'wmCustomerLi';

describe('微信客服 (kf)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const say = (text: string, extra: { externalUserId?: string; serviceState?: 'api' | 'human' } = {}) =>
    h.admin.kfCustomerMessage({ openKfId: KF, externalUserId: CUSTOMER, text, ...extra });
  const reply = (api = h.client(), content = '收到，医生稍后回复您') =>
    api.kfSendMsg({ touser: CUSTOMER, openKfId: KF, msgtype: 'text', text: { content } });

  describe('sync_msg', () => {
    it('returns only messages after the stored cursor, also to a fresh client instance', async () => {
      await say('医生您好');
      const { token } = await say('血压有点高');
      const first = await h.client().kfSyncMsg({ token, openKfId: KF });
      expect(first.map((m) => m.text?.content)).toEqual(['医生您好', '血压有点高']);
      expect(first[0]).toMatchObject({ openKfId: KF, externalUserId: CUSTOMER, origin: 3, msgtype: 'text' });

      const next = await say('今天早上 150/95');
      const second = await h.client().kfSyncMsg({ token: next.token, openKfId: KF });

      expect(second.map((m) => m.msgid)).toEqual([next.msgid]);
      expect(await h.store.collection(KF_CURSOR_COLLECTION).get(KF)).toMatchObject({ cursor: expect.any(String) });
    });

    it('loops while has_more and returns every message once', async () => {
      let token = '';
      for (let i = 1; i <= 5; i++) token = (await say(`第${i}条`)).token;

      const messages = await h.client().kfSyncMsg({ token, openKfId: KF, limit: 2 });

      expect(messages.map((m) => m.text?.content)).toEqual(['第1条', '第2条', '第3条', '第4条', '第5条']);
      expect(await h.admin.calls('kf/sync_msg')).toHaveLength(3);
      expect(await h.client().kfSyncMsg({ token, openKfId: KF })).toEqual([]);
    });

    it('keeps the cursor when onBatch fails, so the next sync delivers the page again', async () => {
      const { token, msgid } = await say('头晕');
      const api = h.client();

      await expect(
        api.kfSyncMsg({ token, openKfId: KF, onBatch: () => Promise.reject(new Error('handler crashed')) }),
      ).rejects.toThrow('handler crashed');
      const again = await api.kfSyncMsg({ token, openKfId: KF });

      expect(again.map((m) => m.msgid)).toEqual([msgid]);
    });

    it('refuses a callback token older than 10 minutes with 95007', async () => {
      const { token } = await say('你好');
      h.clock.advance(10 * 60_000 + 1);

      const error = await failure(h.client().kfSyncMsg({ token, openKfId: KF }));

      expect(error).toMatchObject({ errcode: WecomErrcode.kfInvalidMsgToken, retryable: false });
    });
  });

  describe('send_msg window', () => {
    it('allows 5 replies after a customer message and refuses the 6th with 95001', async () => {
      await say('在吗');
      const api = h.client();
      for (let i = 0; i < 5; i++) await reply(api);

      const error = await failure(reply(api));

      expect(error).toMatchObject({ errcode: WecomErrcode.kfMessageCountLimit, retryable: false });
      expect(await h.admin.calls('kf/send_msg')).toHaveLength(6);
      expect(await h.admin.sent({ api: 'kf/send_msg', touser: CUSTOMER })).toHaveLength(5);
    });

    it('reopens the window when the customer writes again', async () => {
      await say('在吗');
      const api = h.client();
      for (let i = 0; i < 5; i++) await reply(api);
      await say('还有一个问题');

      await expect(reply(api)).resolves.toMatchObject({ msgid: expect.any(String) });
    });

    it('refuses replies 48 h after the customer’s last message with 95002', async () => {
      await say('在吗');
      h.clock.advance(48 * 3600_000 + 1000);

      expect((await failure(reply())).errcode).toBe(WecomErrcode.kfMessageTimeLimit);
    });

    it('refuses API replies while a human servicer holds the session (95018)', async () => {
      await say('转人工', { serviceState: 'human' });

      expect((await failure(reply())).errcode).toBe(WecomErrcode.kfSessionStateInvalid);
    });
  });
});
