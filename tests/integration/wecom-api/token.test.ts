import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../../dev/wecom-sandbox/config';
import { TOKEN_COLLECTION } from '../../../shared/adapters/wecom/api/token-cache';
import { failure, startHarness, textTo, type Harness } from './harness';

describe('WeCom access token', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('is fetched once and shared by two client instances over one store', async () => {
    await h.client().sendAppMessage(textTo('doctor1'));
    await h.client().sendAppMessage(textTo('butler1'));

    expect(await h.admin.calls('gettoken')).toHaveLength(1);
    expect((await h.admin.sent({ api: 'message/send' })).map((s) => s.touser)).toEqual([['doctor1'], ['butler1']]);
  });

  it('is stored under a hash of corp and secret, never with the secret itself', async () => {
    await h.client().sendAppMessage(textTo('doctor1'));
    await h.client().getTagList();

    const docs = await h.store.collection(TOKEN_COLLECTION).find({});
    expect(docs).toHaveLength(2); // app and 客户联系 secrets have separate tokens
    for (const doc of docs) expect(doc._id).toMatch(/^[0-9a-f]{64}$/);
    const dump = JSON.stringify(docs);
    expect(dump).not.toContain(SANDBOX_DEFAULTS.appSecret);
    expect(dump).not.toContain(SANDBOX_DEFAULTS.contactSecret);
  });

  it('is fetched once when many calls start together in one instance', async () => {
    const api = h.client();
    await Promise.all(Array.from({ length: 6 }, (_, i) => api.sendAppMessage(textTo(`member${i}`))));

    expect(await h.admin.calls('gettoken')).toHaveLength(1);
    expect(await h.admin.sent({ api: 'message/send' })).toHaveLength(6);
  });

  it('is refreshed before it expires, so no call ever meets an expired token', async () => {
    const api = h.client();
    await api.sendAppMessage(textTo('doctor1'));
    h.clock.advance(7200_000 - 4 * 60_000); // inside the 5-minute margin
    await api.sendAppMessage(textTo('doctor1'));
    expect(await h.admin.calls('gettoken')).toHaveLength(2);

    h.clock.advance(5 * 60_000); // the original lifetime is over
    await api.sendAppMessage(textTo('doctor1'));

    const sends = await h.admin.calls('message/send');
    expect(sends.map((c) => c.errcode)).toEqual([0, 0, 0]);
  });

  it('is refreshed once after 42001 and the call then succeeds', async () => {
    const api = h.client();
    await api.sendAppMessage(textTo('doctor1'));
    await h.admin.invalidateTokens('expired');

    await api.sendAppMessage(textTo('doctor1', '第二条'));

    expect((await h.admin.calls('message/send')).map((c) => c.errcode)).toEqual([0, 42001, 0]);
    expect(await h.admin.calls('gettoken')).toHaveLength(2);
    expect(await h.admin.sent({ api: 'message/send' })).toHaveLength(2);
  });

  it('is refreshed at most once per call: a second 40014 surfaces', async () => {
    await h.admin.injectFault({ path: 'message/send', kind: 'errcode', errcode: 40014, count: 2 });

    const error = await failure(h.client().sendAppMessage(textTo('doctor1')));

    expect(error).toMatchObject({ errcode: 40014, retryable: false, outcomeUnknown: false });
    expect(await h.admin.calls('message/send')).toHaveLength(2);
  });

  it('fails at once on a wrong secret (40001 from gettoken is not retried)', async () => {
    const error = await failure(h.client({ secrets: { app: 'not-the-secret' } }).sendAppMessage(textTo('doctor1')));

    expect(error).toMatchObject({ api: 'gettoken', errcode: 40001, retryable: false });
    expect(await h.admin.calls('gettoken')).toHaveLength(1);
    expect(await h.admin.calls('message/send')).toHaveLength(0);
  });
});
