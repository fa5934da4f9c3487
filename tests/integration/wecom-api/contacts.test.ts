import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_DEFAULTS } from '../../../dev/wecom-sandbox/config';
import { WecomErrcode } from '../../../shared/ports/wecom-api';
import { failure, startHarness, type Harness } from './harness';

describe('customer contact APIs', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('mirrors tags and marks a customer; the contact shows state and tags', async () => {
    h = await startHarness();
    const api = h.client();
    const { externalUserId } = await h.admin.mintWelcomeCode({ userid: 'doctor1', state: 'ch_flyer01', name: '李先生' });

    const group = await api.addCorpTag({ groupName: '慢病', tags: [{ name: '高血压' }, { name: '糖尿病' }] });
    await api.addCorpTag({ groupId: group.groupId, tags: [{ name: '高血脂' }] });
    const library = await api.getTagList();
    expect(library.map((g) => [g.groupName, g.tags.map((t) => t.name)])).toEqual([['慢病', ['高血压', '糖尿病', '高血脂']]]);
    const hypertension = group.tags.find((t) => t.name === '高血压')?.id ?? '';

    await api.markTag({ userid: 'doctor1', externalUserId, addTag: [hypertension] });
    const contact = await api.getExternalContact(externalUserId);

    expect(contact).toMatchObject({ externalUserId, name: '李先生' });
    expect(contact.followUsers).toEqual([
      expect.objectContaining({ userid: 'doctor1', state: 'ch_flyer01', tags: [{ groupName: '慢病', tagName: '高血压', tagId: hypertension, type: 1 }] }),
    ]);
  });

  it('refuses a duplicate tag name (40071), an unknown tag (40068) and a stranger (84061)', async () => {
    h = await startHarness();
    const api = h.client();
    const { externalUserId } = await h.admin.addExternalContact({ userid: 'doctor1' });
    await api.addCorpTag({ groupName: '慢病', tags: [{ name: '高血压' }] });

    expect((await failure(api.addCorpTag({ groupName: '慢病', tags: [{ name: '高血压' }] }))).errcode).toBe(WecomErrcode.duplicateTagName);
    expect((await failure(api.markTag({ userid: 'doctor1', externalUserId, addTag: ['etNoSuchTag'] }))).errcode).toBe(WecomErrcode.invalidTagId);
    expect((await failure(api.getExternalContact('wmNobody'))).errcode).toBe(WecomErrcode.notExternalContact);
  });

  it('creates a 「联系我」 QR code that carries the channel state', async () => {
    h = await startHarness();
    const way = await h.client().addContactWay({ type: 1, scene: 2, state: 'ch_clinic_a', user: ['doctor1'] });

    expect(way.configId).toMatch(/^[0-9a-f]{32}$/);
    const qr = await fetch(way.qrCode ?? '');
    expect(qr.headers.get('content-type')).toBe('image/svg+xml');
    const tooLong = await failure(h.client().addContactWay({ type: 1, scene: 2, state: 'x'.repeat(31), user: ['doctor1'] }));
    expect(tooLong.errcode).toBe(WecomErrcode.invalidParam);
  });

  it('adds a group welcome template', async () => {
    h = await startHarness();
    const { templateId } = await h.client().addGroupWelcomeTemplate({ text: '欢迎%NICKNAME%加入健康群' });

    expect(templateId).toMatch(/^msg/);
  });

  it('creates a mass-send task for the sender’s customers and lists the rest in failList', async () => {
    h = await startHarness();
    const a = (await h.admin.addExternalContact({ userid: 'doctor1' })).externalUserId;
    const b = (await h.admin.addExternalContact({ userid: 'doctor1' })).externalUserId;
    const stranger = (await h.admin.addExternalContact({ userid: 'butler1' })).externalUserId;
    const api = h.client();

    const result = await api.addMsgTemplate({ sender: 'doctor1', externalUserIds: [a, b, stranger], text: '本周六义诊' });

    expect(result.failList).toEqual([stranger]);
    const [task] = await h.admin.sent({ api: 'externalcontact/add_msg_template' });
    expect(task).toMatchObject({ msgid: result.msgid, status: 'pending_confirmation', touser: [a, b] });
    expect((await failure(api.addMsgTemplate({ sender: 'doctor1', externalUserIds: [stranger], text: '本周六义诊' }))).errcode).toBe(
      WecomErrcode.noSendableCustomer,
    );

    // chat_type group: to the sender's customer groups, no customer list, still confirmed by the sender.
    const group = await api.addMsgTemplate({ sender: 'doctor1', chatType: 'group', externalUserIds: [], text: '高温天气防中暑' });
    const groupTask = (await h.admin.sent({ api: 'externalcontact/add_msg_template' })).find((t) => t.msgid === group.msgid);
    expect(groupTask).toMatchObject({ status: 'pending_confirmation', touser: [], body: { chat_type: 'group', sender: 'doctor1' } });
    expect(groupTask?.body).not.toHaveProperty('external_userid');
  });

  it('uses the 客户联系 secret for externalcontact APIs when the app may not call them', async () => {
    h = await startHarness({
      apps: [
        { name: 'app', secret: SANDBOX_DEFAULTS.appSecret, agentId: SANDBOX_DEFAULTS.agentId, scopes: ['message', 'oauth'] },
        { name: 'contact', secret: SANDBOX_DEFAULTS.contactSecret, agentId: 0, scopes: ['externalcontact'] },
      ],
    });

    await expect(h.client().getTagList()).resolves.toEqual([]);
    const appOnly = h.client({ secrets: { app: SANDBOX_DEFAULTS.appSecret } });
    expect((await failure(appOnly.getTagList())).errcode).toBe(WecomErrcode.apiForbidden);
  });
});
