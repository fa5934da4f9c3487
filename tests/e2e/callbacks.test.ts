import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { SandboxClient } from '../../dev/wecom-sandbox/inspect';
import { buildCallbackRequest, buildUrlVerification, callbackUrl } from '../../dev/wecom-sandbox/callback-builder';
import { createCallbackCrypto } from '../../shared/adapters/wecom/callback';
import { INBOX_COLLECTION } from '../../shared/services/callback-inbox/inbox';
import { MEMBERS } from '../../shared/services/members/member';
import { errorOf } from '../helpers/http';

/** The customer-contact callback edge (/wecom/welcome): every refusal leaves no trace; replays have one effect. */
const MAX_SKEW_S = 120;
let stack: LocalStack;
let sandbox: SandboxClient;

const keys = () => ({ token: stack.config.WECOM_CALLBACK_TOKEN, encodingAesKey: stack.config.WECOM_CALLBACK_AES_KEY, corpId: stack.config.WECOM_CORP_ID });
const post = (query: Record<string, string>, body: string) =>
  fetch(`${stack.url}${callbackUrl('/wecom/welcome', query)}`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });

async function traces() {
  return {
    members: await stack.deps.store.collection(MEMBERS).count({}),
    inbox: await stack.deps.store.collection(INBOX_COLLECTION).count({}),
    welcomes: (await sandbox.sent({ api: 'externalcontact/send_welcome_msg' })).length,
  };
}

async function joinRequest(opts: { timestampS?: number } = {}) {
  const minted = await sandbox.mintWelcomeCode({ userid: 'staff_a', state: 'h1.pd.ab12' });
  const req = buildCallbackRequest({
    ...keys(),
    ...(opts.timestampS !== undefined && { timestampS: opts.timestampS }),
    event: { kind: 'change_external_contact', userId: 'staff_a', externalUserId: minted.externalUserId, state: 'h1.pd.ab12', welcomeCode: minted.welcomeCode },
  });
  return { ...req, externalUserId: minted.externalUserId };
}

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent', WECOM_CALLBACK_MAX_SKEW_S: String(MAX_SKEW_S) } });
  sandbox = new SandboxClient(stack.sandbox.url);
});
afterAll(async () => {
  await stack?.close();
});

describe('/wecom/welcome callback edge', () => {
  let before: Awaited<ReturnType<typeof traces>>;
  beforeEach(async () => {
    before = await traces();
  });

  it('answers URL verification with the bare decrypted echo', async () => {
    const { query, echo } = buildUrlVerification(keys());
    const res = await fetch(`${stack.url}${callbackUrl('/wecom/welcome', query)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(echo);
    expect(await traces()).toEqual(before);
  });

  it('refuses a forged signature with 401', async () => {
    const req = await joinRequest();
    const forged = { ...req.query, msg_signature: req.query.msg_signature.replace(/^./, (ch) => (ch === 'a' ? 'b' : 'a')) };
    const res = await post(forged, req.body);
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('bad_signature');
    expect(await traces()).toEqual(before);
  });

  it('refuses a correctly signed but stale timestamp with 401 (WECOM_CALLBACK_MAX_SKEW_S)', async () => {
    const req = await joinRequest({ timestampS: Math.floor(Date.now() / 1000) - MAX_SKEW_S - 30 });
    const res = await post(req.query, req.body);
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('stale_timestamp');
    expect(await traces()).toEqual(before);
  });

  it('refuses a malformed envelope and an undecryptable payload with 400', async () => {
    const req = await joinRequest();
    const malformed = await post(req.query, '<xml><ToUserName>x</ToUserName>');
    expect(malformed.status).toBe(400);

    const crypto = createCallbackCrypto({ token: keys().token, encodingAesKey: keys().encodingAesKey, receiveId: keys().corpId });
    const garbage = Buffer.alloc(48, 7).toString('base64');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const query = { msg_signature: crypto.signature(timestamp, '42', garbage), timestamp, nonce: '42' };
    const undecryptable = await post(query, `<xml><ToUserName><![CDATA[${keys().corpId}]]></ToUserName><Encrypt><![CDATA[${garbage}]]></Encrypt></xml>`);
    expect(undecryptable.status).toBe(400);
    expect((await errorOf(undecryptable)).code).toBe('undecryptable');
    expect(await traces()).toEqual(before);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const req = await joinRequest();
    const res = await post(req.query, req.body + ' '.repeat(1024 * 1024));
    expect(res.status).toBe(413);
    expect(await traces()).toEqual(before);
  });

  it('gives a valid add_external_contact one effect when replayed 4× concurrently and once more', async () => {
    const req = await joinRequest();
    const replays = await Promise.all([1, 2, 3, 4].map(() => post(req.query, req.body)));
    expect(replays.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const late = await post(req.query, req.body);
    expect(late.status).toBe(200);
    expect(late.headers.get('x-callback-outcome')).toBe('duplicate');

    const after = await traces();
    expect(after.members).toBe(before.members + 1);
    expect(after.inbox).toBe(before.inbox + 1);
    expect(await sandbox.sent({ api: 'externalcontact/send_welcome_msg', touser: req.externalUserId })).toHaveLength(1);
    expect(await sandbox.calls('externalcontact/send_welcome_msg')).toHaveLength(1);
  });

  it('runs a contact edit before its one inbox write, stored done; a redelivery is a duplicate with no second effect', async () => {
    const join = await joinRequest();
    expect((await post(join.query, join.body)).headers.get('x-callback-outcome')).toBe('processed');
    const joined = await traces();
    const inbox = stack.deps.store.collection<{ _id: string; kind: string; status: string; attempts: number }>(INBOX_COLLECTION);
    const edit = buildCallbackRequest({ ...keys(), event: { kind: 'change_external_contact', changeType: 'edit_external_contact', userId: 'staff_a', externalUserId: join.externalUserId } });
    const first = await post(edit.query, edit.body);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-callback-outcome')).toBe('processed');
    const stored = await inbox.find({ status: 'done', attempts: 1 });
    const again = await post(edit.query, edit.body);
    expect(again.status).toBe(200);
    expect(again.headers.get('x-callback-outcome')).toBe('duplicate');
    // One entry for the edit, done after one attempt; the redelivery left it and the member as they were.
    expect(await traces()).toEqual({ ...joined, inbox: joined.inbox + 1 });
    expect(await inbox.find({ status: 'done', attempts: 1 })).toEqual(stored);
  });
});
