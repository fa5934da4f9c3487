import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { SandboxClient } from '../../dev/wecom-sandbox/inspect';
import { signToken } from '../../shared/adapters/auth/tokens';
import { errorOf } from '../helpers/http';

/*
 * Staff sign-in as the workbench pages do it (README "Staff identity in production"), over HTTP through the
 * sandbox's authorize page, and the JS-SDK signatures a signed-in page asks for.
 */

let stack: LocalStack;
let sandbox: SandboxClient;
const ALL = ['policy_delivery', 'claims_service', 'reactivation'];

const api = (path: string, init: RequestInit & { token?: string; json?: unknown } = {}) =>
  fetch(`${stack.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.token && { authorization: `Bearer ${init.token}` }) },
    ...(init.json !== undefined && { method: 'POST', body: JSON.stringify(init.json) }),
  });

/** What a browser does with the authorize page: read the form, press the button for `userid`, not follow the 302. */
async function chooseOnAuthorizePage(authorizeUrl: string, userid: string): Promise<{ page: string; location: string }> {
  const pageRes = await fetch(authorizeUrl);
  expect(pageRes.status).toBe(200);
  expect(pageRes.headers.get('content-type')).toMatch(/text\/html/);
  const page = await pageRes.text();
  const form = /<form method="post" action="([^"]+)" id="roster">([\s\S]*?)<\/form>/.exec(page);
  expect(form).not.toBeNull();
  const fields = new URLSearchParams();
  for (const [, name, value] of (form?.[2] ?? '').matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.set(name as string, unescapeHtml(value as string));
  expect(form?.[2]).toContain(`name="userid" value="${userid}"`);
  fields.set('userid', userid);
  const chosen = await fetch(new URL(unescapeHtml(form?.[1] ?? ''), authorizeUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
    redirect: 'manual',
  });
  expect(chosen.status).toBe(302);
  return { page, location: chosen.headers.get('location') ?? '' };
}

const unescapeHtml = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' } });
  sandbox = new SandboxClient(stack.sandbox.url);
  const roster = await api('/api/team/staff', {
    method: 'PUT',
    token: stack.adminToken,
    body: JSON.stringify({ staff: [{ userId: 'doc_wang', name: '王医生', role: 'family_doctor', scenes: ALL }, { userId: 'butler_li', name: '李管家', role: 'health_butler', scenes: ALL }] }),
  });
  expect(roster.status).toBe(200);
}, 30_000);
afterAll(async () => {
  await stack?.close();
});

describe('staff sign-in through the sandbox authorize page', () => {
  it('goes page → authorize URL → choose a roster member → back with code and state → session with the roster name', async () => {
    const page = `${stack.url}/staff/tickets/t1?from=card`;
    const login = await api(`/api/auth/staff-login?redirect=${encodeURIComponent(page)}`);
    expect(login.status).toBe(200);
    const { authorizeUrl, state } = (await login.json()) as { authorizeUrl: string; state: string };
    expect(authorizeUrl.startsWith(`${stack.sandbox.url}/connect/oauth2/authorize?appid=${stack.config.WECOM_CORP_ID}&redirect_uri=${encodeURIComponent(page)}&`)).toBe(true);
    expect(authorizeUrl).toMatch(/&response_type=code&scope=snsapi_base&state=[A-Za-z0-9]+&agentid=\d+#wechat_redirect$/);

    const { page: html, location } = await chooseOnAuthorizePage(authorizeUrl, 'doc_wang');
    expect(html).toContain('王医生');
    expect(html).toContain('李管家');
    const back = new URL(location);
    expect(`${back.origin}${back.pathname}`).toBe(`${stack.url}/staff/tickets/t1`);
    expect(back.searchParams.get('from')).toBe('card');
    expect(back.searchParams.get('state')).toBe(state);

    const session = await api('/api/auth/staff-session', { json: { code: back.searchParams.get('code') } });
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ staffId: 'doc_wang', role: 'family_doctor', name: '王医生', expiresInS: 8 * 3600, token: expect.any(String) });

    // The code is single-use, as WeCom's.
    const again = await api('/api/auth/staff-session', { json: { code: back.searchParams.get('code') } });
    expect([again.status, (await errorOf(again)).code]).toEqual([400, 'invalid_oauth_code']);
  });

  it('refuses a redirect off our origin, or none, with a 400 naming redirect', async () => {
    for (const redirect of ['https://evil.example.com/staff/', `${stack.url.replace('127.0.0.1', 'localhost')}/staff/`, '']) {
      const res = await api(`/api/auth/staff-login?redirect=${encodeURIComponent(redirect)}`);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).fields?.map((f) => f.field)).toEqual(['redirect']);
    }
  });

  it("answers a wrong appid and a redirect_uri off the trusted domain with WeCom's error page, never a code", async () => {
    const { authorizeUrl } = (await (await api(`/api/auth/staff-login?redirect=${encodeURIComponent(`${stack.url}/staff/`)}`)).json()) as { authorizeUrl: string };
    const wrongCorp = await fetch(authorizeUrl.replace(/appid=[^&]+/, 'appid=wwsomeoneelse'), { redirect: 'manual' });
    expect(wrongCorp.status).toBe(400);
    expect(await wrongCorp.text()).toMatch(/appid参数错误[\s\S]*<span id="errcode">40013</);

    const foreign = authorizeUrl.replace(/redirect_uri=[^&]+/, `redirect_uri=${encodeURIComponent('https://evil.example.com/steal')}`);
    const page = await fetch(foreign, { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(await page.text()).toMatch(/redirect_uri参数错误[\s\S]*<span id="errcode">50001</);
    const post = await fetch(foreign.split('?')[0] as string, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${new URL(foreign).searchParams.toString()}&userid=doc_wang`,
      redirect: 'manual',
    });
    expect([post.status, post.headers.get('location')]).toEqual([400, null]);
  });
});

describe('sign-in limits', () => {
  it('lets a clinic behind one address sign in 25 times in a minute (each textcard opens a page that signs in), on separate counters', async () => {
    const redirect = encodeURIComponent(`${stack.url}/staff/`);
    const logins = await Promise.all(Array.from({ length: 25 }, () => api(`/api/auth/staff-login?redirect=${redirect}`)));
    expect(logins.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const exchanges = await Promise.all(Array.from({ length: 25 }, (_, i) => api('/api/auth/staff-session', { method: 'POST', json: { code: `used-or-unknown-${i}` } })));
    // Unknown codes are the caller's 400, never a 429 for the office.
    expect(exchanges.map((r) => r.status).filter((s) => s !== 400)).toEqual([]);
  });
});

describe('POST /api/auth/jsapi-signature', () => {
  const page = () => `${stack.url}/staff/sidebar?x=1`;

  it('signs one of our pages for a staff session with both tickets, and the sandbox accepts both signatures', async () => {
    const token = stack.staffToken('butler_li', 'health_butler');
    const res = await api('/api/auth/jsapi-signature', { token, json: { url: page() } });
    expect(res.status).toBe(200);
    const signed = (await res.json()) as { corpId: string; agentId: number; corp: { timestamp: number; nonceStr: string; signature: string }; agent: { timestamp: number; nonceStr: string; signature: string } };
    expect(signed).toMatchObject({ corpId: stack.config.WECOM_CORP_ID, agentId: stack.config.WECOM_AGENT_ID });
    expect(Math.abs(signed.corp.timestamp - Date.now() / 1000)).toBeLessThan(60);
    for (const kind of ['corp', 'agent'] as const) {
      expect(await sandbox.verifyJssdkSignature({ kind, corpId: signed.corpId, agentId: signed.agentId, url: page(), ...signed[kind] })).toMatchObject({ valid: true });
    }
  });

  it("refuses a member's token (403), no token (401), and a url off our origin or none (400 naming url)", async () => {
    const member = signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: 'm_someone' }, 3600, Date.now());
    const asMember = await api('/api/auth/jsapi-signature', { token: member, json: { url: page() } });
    expect([asMember.status, (await errorOf(asMember)).code]).toEqual([403, 'staff_only']);
    expect((await api('/api/auth/jsapi-signature', { json: { url: page() } })).status).toBe(401);

    const staff = stack.staffToken('butler_li', 'health_butler');
    for (const body of [{ url: 'https://evil.example.com/staff/' }, {}]) {
      const res = await api('/api/auth/jsapi-signature', { token: staff, json: body });
      expect(res.status).toBe(400);
      expect((await errorOf(res)).fields?.map((f) => f.field)).toEqual(['url']);
    }
  });
});
