import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, startHarness, textTo, type Harness } from './harness';

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('WeCom client retries', () => {
  let h: Harness;
  let customer: string;
  beforeEach(async () => {
    h = await startHarness();
    customer = (await h.admin.addExternalContact({ userid: 'doctor1', name: '王阿姨' })).externalUserId;
  });
  afterEach(() => h.close());

  it('retries a read after HTTP 500 and errcode -1 and succeeds on the third attempt', async () => {
    await h.admin.injectFault({ path: 'externalcontact/get', kind: 'http_500' });
    await h.admin.injectFault({ path: 'externalcontact/get', kind: 'errcode', errcode: -1 });

    const contact = await h.client().getExternalContact(customer);

    expect(contact.name).toBe('王阿姨');
    const calls = await h.admin.calls('externalcontact/get');
    expect(calls.map((c) => [c.httpStatus, c.errcode])).toEqual([[500, null], [200, -1], [200, 0]]);
  });

  it('gives up after maxAttempts with a retryable error', async () => {
    await h.admin.injectFault({ path: 'externalcontact/get', kind: 'http_500', count: 5 });

    const error = await failure(h.client().getExternalContact(customer));

    expect(error).toMatchObject({ kind: 'http', httpStatus: 500, retryable: true });
    expect(await h.admin.calls('externalcontact/get')).toHaveLength(3);
  });

  it('retries a read that timed out', async () => {
    await h.admin.injectFault({ path: 'externalcontact/get', kind: 'delay', delayMs: 2000 });

    await expect(h.client().getExternalContact(customer)).resolves.toMatchObject({ externalUserId: customer });
    expect(await h.admin.calls('externalcontact/get')).toHaveLength(2);
  });

  it('does not resend a message after HTTP 500: the outcome is unknown', async () => {
    await h.admin.injectFault({ path: 'message/send', kind: 'http_500' });

    const error = await failure(h.client().sendAppMessage(textTo('doctor1')));

    expect(error).toMatchObject({ kind: 'http', outcomeUnknown: true, retryable: true });
    expect(await h.admin.calls('message/send')).toHaveLength(1);
  });

  it('resends a message after errcode -1 (WeCom did not take it)', async () => {
    await h.admin.injectFault({ path: 'message/send', kind: 'errcode', errcode: -1 });

    await h.client().sendAppMessage(textTo('doctor1'));

    expect(await h.admin.calls('message/send')).toHaveLength(2);
    expect(await h.admin.sent({ api: 'message/send', touser: 'doctor1' })).toHaveLength(1);
  });

  it('does not resend a message whose answer timed out; it went out exactly once', async () => {
    await h.admin.injectFault({ path: 'message/send', kind: 'delay', delayMs: 2000 });

    const error = await failure(h.client().sendAppMessage(textTo('doctor1')));

    expect(error).toMatchObject({ kind: 'timeout', outcomeUnknown: true, errcode: null });
    expect(await h.admin.calls('message/send')).toHaveLength(1);
    expect(await h.admin.sent({ api: 'message/send', touser: 'doctor1' })).toHaveLength(1);
  });

  it('with dedupeWindowS retries a timed-out send and WeCom drops the duplicate', async () => {
    await h.admin.injectFault({ path: 'message/send', kind: 'delay', delayMs: 2000 });

    await h.client().sendAppMessage({ ...textTo('doctor1'), dedupeWindowS: 600 });

    const sent = await h.admin.sent({ api: 'message/send', touser: 'doctor1' });
    expect(sent.map((s) => s.status)).toEqual(['delivered', 'dropped_duplicate']);
  });

  it('retries even the welcome message when the connection was never made', async () => {
    const deadPort = await closedPort();
    let attempts = 0;
    // The token comes from the sandbox; the welcome call goes to a port nobody listens on.
    const api = h.client({
      fetchImpl: (input, init) => {
        const url = new URL(String(input));
        if (!url.pathname.endsWith('/send_welcome_msg')) return fetch(input, init);
        attempts++;
        url.port = String(deadPort);
        return fetch(url, init);
      },
    });

    const error = await failure(api.sendWelcomeMsg({ welcomeCode: 'WELCOME-x', text: '欢迎' }));

    expect(error).toMatchObject({ kind: 'connect', outcomeUnknown: false, retryable: true });
    expect(attempts).toBe(3);
  });
});
