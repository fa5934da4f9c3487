import { describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { startWecomSandbox } from '../../dev/wecom-sandbox/server';
import { SandboxClient } from '../../dev/wecom-sandbox/inspect';
import { buildCallbackRequest, callbackUrl } from '../../dev/wecom-sandbox/callback-builder';
import { defaultApps } from '../../dev/wecom-sandbox/config';
import { memberIdForExternalUser, MEMBERS } from '../../shared/services/members/member';

/** The local stack's environment contract: what the developer sets wins over everything generated (dev/local-env.ts). */
async function withStack<T>(env: Record<string, string>, run: (stack: LocalStack) => Promise<T>): Promise<T> {
  const stack = await startLocalStack({ env: { LOG_LEVEL: 'silent', ...env } });
  try {
    return await run(stack);
  } finally {
    await stack.close();
  }
}

describe('local stack environment', () => {
  it('runs with the developer\'s corp, app secret, callback keys and public URL; the sandbox accepts them', async () => {
    const mine = {
      WECOM_CORP_ID: 'wwmycorp0000test',
      WECOM_APP_SECRET: 'my-own-app-secret',
      WECOM_CALLBACK_TOKEN: 'myToken123',
      WECOM_CALLBACK_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      PUBLIC_BASE_URL: 'https://my-tunnel.example.com',
      WECOM_OAUTH_BASE: 'https://my-oauth.example.com',
    };
    await withStack(mine, async (stack) => {
      expect(stack.config).toMatchObject(mine);
      expect(stack.wecom).toBe('sandbox');
      // A customer joins: the callback is verified with my keys, the welcome goes out through the
      // sandbox, which only answers gettoken for my corp and secret.
      const sandbox = new SandboxClient(stack.sandbox.url);
      const minted = await sandbox.mintWelcomeCode({ userid: 'staff_a', state: 'h1.pd.ab12' });
      const req = buildCallbackRequest({
        token: mine.WECOM_CALLBACK_TOKEN,
        encodingAesKey: mine.WECOM_CALLBACK_AES_KEY,
        corpId: mine.WECOM_CORP_ID,
        event: { kind: 'change_external_contact', userId: 'staff_a', externalUserId: minted.externalUserId, state: 'h1.pd.ab12', welcomeCode: minted.welcomeCode },
      });
      const res = await fetch(`${stack.url}${callbackUrl('/wecom/welcome', req.query)}`, { method: 'POST', body: req.body });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-callback-outcome')).toBe('processed');
      const [welcome] = await sandbox.sent({ api: 'externalcontact/send_welcome_msg', touser: minted.externalUserId });
      expect(JSON.stringify(welcome?.body)).toContain('https://my-tunnel.example.com/m/form#t=');
      expect(await stack.deps.store.collection(MEMBERS).get(memberIdForExternalUser(mine.WECOM_CORP_ID, minted.externalUserId))).not.toBeNull();
    });
  });

  it('talks to the WeCom that WECOM_API_BASE names, with the developer\'s credentials, and says so on /healthz', async () => {
    // A stand-in for WeCom itself: a second sandbox that knows only the developer's corp and secret.
    const wecom = await startWecomSandbox({ corpId: 'wwrealcorp00001', apps: defaultApps().slice(0, 1).map((app) => ({ ...app, secret: 'real-app-secret' })) });
    try {
      await withStack({ WECOM_API_BASE: wecom.url, WECOM_CORP_ID: 'wwrealcorp00001', WECOM_APP_SECRET: 'real-app-secret' }, async (stack) => {
        expect(stack.wecom).toBe('wecom');
        const health = (await (await fetch(`${stack.url}/healthz`)).json()) as Record<string, unknown>;
        expect(health.wecom).toBe('wecom');
        expect(health).not.toHaveProperty('sandboxUrl');
        // Sign-in goes to WeCom's own page, and no JS-SDK stand-in stands in for the real client.
        expect(stack.config.WECOM_OAUTH_BASE).toBe('https://open.weixin.qq.com');
        expect((await fetch(`${stack.url}/_dev/wecom-jssdk.js`)).status).toBe(404);
        const { code } = await new SandboxClient(wecom.url).mintOauthCode({ userid: 'not_in_roster' });
        const res = await fetch(`${stack.url}/api/auth/staff-session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
        expect(res.status).toBe(403); // WeCom knew the code (a member), the roster does not know them
        expect(await new SandboxClient(wecom.url).calls('auth/getuserinfo')).toHaveLength(1);
        expect(await new SandboxClient(stack.sandbox.url).calls()).toHaveLength(0);
      });
    } finally {
      await wecom.close();
    }
  });

  it('refuses to start against WeCom without the corp\'s credentials, naming them', async () => {
    await expect(startLocalStack({ env: { LOG_LEVEL: 'silent', WECOM_API_BASE: 'https://qyapi.weixin.qq.com', WECOM_CORP_ID: 'wwx' } })).rejects.toThrow(/set WECOM_APP_SECRET/);
  });

  it('uses MongoDB with STORE=mongodb and MONGODB_URI (no connection until first use)', async () => {
    await withStack({ STORE: 'mongodb', MONGODB_URI: 'mongodb://127.0.0.1:1/local-env-test' }, async (stack) => {
      expect(stack.deps.store.kind).toBe('mongodb');
    });
  });

  it('fails the start on a bad REMINDER_* value, naming the variable', async () => {
    await expect(startLocalStack({ env: { LOG_LEVEL: 'silent', REMINDER_BATCH_SIZE: 'lots' } })).rejects.toThrow(/REMINDER_BATCH_SIZE/);
  });
});
