import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { startGateway } from '../../dev/gateway';
import { readDeployManifest } from '../../dev/deploy-manifest';
import { jssdkStandIn, STAND_IN_TAG } from '../../dev/jssdk-stand-in/serve';
import { SandboxClient } from '../../dev/wecom-sandbox/inspect';
import type { MainHandler } from '../../shared/runtime/main-handler';

/*
 * The local JS-SDK stand-in: served by the gateway with the sandbox, injected into page HTML, and
 * behaving like @wecom/jssdk's promise API for register / getContext / getCurExternalContact /
 * sendChatMessage, with signatures from POST /api/auth/jsapi-signature checked by the sandbox.
 */

interface StandIn {
  register(opts: Record<string, unknown>): void;
  getContext(): Promise<Record<string, unknown>>;
  getCurExternalContact(): Promise<Record<string, unknown>>;
  sendChatMessage(msg: unknown): Promise<Record<string, unknown>>;
}
type Signed = { corpId: string; agentId: number; corp: Record<string, unknown>; agent: Record<string, unknown> };

let stack: LocalStack;
let sandbox: SandboxClient;
let script: string;

/** Runs the served script as a page at `href` would, its relative fetches going to the gateway. */
function loadStandIn(href: string): StandIn {
  const window: { location: { href: string }; __wecomStandIn?: StandIn } = { location: { href } };
  const pageFetch = (path: string, init: RequestInit) => fetch(new URL(path, stack.url), init);
  new Function('window', 'fetch', script)(window, pageFetch);
  return window.__wecomStandIn as StandIn;
}

async function signatures(url: string): Promise<Signed> {
  const res = await fetch(`${stack.url}/api/auth/jsapi-signature`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.staffToken('butler_x', 'health_butler')}` },
    body: JSON.stringify({ url }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Signed;
}

/** The page's register call, as the workbench makes it; `tamper` spoils the agentConfig signature. */
function register(ww: StandIn, tamper = false) {
  const events: string[] = [];
  ww.register({
    corpId: stack.config.WECOM_CORP_ID,
    agentId: stack.config.WECOM_AGENT_ID,
    jsApiList: ['getContext', 'getCurExternalContact', 'sendChatMessage'],
    getConfigSignature: async (url: string) => (await signatures(url)).corp,
    getAgentConfigSignature: async (url: string) => {
      const agent = (await signatures(url)).agent;
      return tamper ? { ...agent, signature: '0'.repeat(40) } : agent;
    },
    onConfigSuccess: (r: { errMsg: string }) => events.push(r.errMsg),
    onConfigFail: (r: { errMsg: string }) => events.push(r.errMsg),
    onAgentConfigSuccess: (r: { errMsg: string }) => events.push(r.errMsg),
    onAgentConfigFail: (r: { errMsg: string }) => events.push(r.errMsg),
  });
  return events;
}

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' } });
  sandbox = new SandboxClient(stack.sandbox.url);
  const res = await fetch(`${stack.url}/_dev/wecom-jssdk.js`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
  script = await res.text();
}, 30_000);
afterAll(async () => {
  await stack?.close();
});
beforeEach(async () => {
  await sandbox.setJssdkContext({});
});

describe('JS-SDK stand-in', () => {
  it("opened from a textcard (entry normal): getContext answers, getCurExternalContact fails as WeCom's does", async () => {
    const ww = loadStandIn(`${stack.url}/staff/tickets/t1?from=card#top`);
    const events = register(ww);

    await expect(ww.getContext()).resolves.toMatchObject({ errMsg: 'getContext:ok', entry: 'normal' });
    await expect(ww.getCurExternalContact()).rejects.toEqual({ errMsg: 'getCurExternalContact:fail without context of external contact' });
    await expect(ww.sendChatMessage({ msgtype: 'text', text: { content: '您好' } })).rejects.toMatchObject({ errMsg: expect.stringMatching(/^sendChatMessage:fail/) });
    expect(events.sort()).toEqual(['agentConfig:ok', 'config:ok']);
  });

  it("in a 1:1 chat toolbar: the chat's customer, and a message sent into the chat lands in the sandbox's sent list", async () => {
    await sandbox.setJssdkContext({ entry: 'single_chat_tools', externalUserId: 'wm_customer_1' });
    const ww = loadStandIn(`${stack.url}/staff/sidebar`);
    register(ww);

    await expect(ww.getContext()).resolves.toMatchObject({ entry: 'single_chat_tools' });
    await expect(ww.getCurExternalContact()).resolves.toEqual({ errMsg: 'getCurExternalContact:ok', errCode: 0, userId: 'wm_customer_1' });
    await expect(ww.sendChatMessage({ msgtype: 'text', text: { content: '王医生已看到您的血压记录' } })).resolves.toMatchObject({ errMsg: 'sendChatMessage:ok' });

    const sent = await sandbox.sent({ api: 'jssdk/sendChatMessage' });
    expect(sent.at(-1)).toMatchObject({ touser: ['wm_customer_1'], body: { msgtype: 'text', text: { content: '王医生已看到您的血压记录' } } });
  });

  it('with a bad signature, or before register, every call rejects with fail no permission', async () => {
    await sandbox.setJssdkContext({ entry: 'single_chat_tools', externalUserId: 'wm_customer_1' });
    const unregistered = loadStandIn(`${stack.url}/staff/sidebar`);
    await expect(unregistered.getContext()).rejects.toEqual({ errMsg: 'getContext:fail no permission' });

    const ww = loadStandIn(`${stack.url}/staff/sidebar`);
    const events = register(ww, true);
    await expect(ww.getContext()).rejects.toEqual({ errMsg: 'getContext:fail no permission' });
    await expect(ww.getCurExternalContact()).rejects.toEqual({ errMsg: 'getCurExternalContact:fail no permission' });
    expect(events.sort()).toEqual(['agentConfig:fail invalid signature', 'config:ok']);
  });
});

describe('stand-in script tag in page HTML', () => {
  const html = '<!doctype html><html><head><title>t</title></HEAD><body>hi</body></html>';
  const page: MainHandler = async (event) => {
    const path = (event as { path: string }).path;
    if (path.endsWith('.json')) return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"a":"</head>"}' };
    return { statusCode: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(html.length) }, body: html };
  };
  const manifest = {
    ...readDeployManifest(),
    routes: ['/staff', '/m', '/api/web'].map((path) => ({ path, function: 'web' })),
  };

  it('goes before </head> of HTML pages under /staff/ and /m/, nowhere else, and only where the gateway has the stand-in', async () => {
    const withStandIn = await startGateway({ manifest, load: async () => page, standIn: jssdkStandIn(stack.sandbox.url) });
    const without = await startGateway({ manifest, load: async () => page });
    try {
      for (const path of ['/staff/', '/staff/tickets/t1', '/m/form']) {
        const res = await fetch(`${withStandIn.url}${path}`);
        // The function's Content-Length measured the page without the tag; it must not cut the page short.
        expect(res.headers.get('content-length')).toBeNull();
        expect(await res.text()).toBe(html.replace('</HEAD>', `${STAND_IN_TAG}</HEAD>`));
      }
      expect(await (await fetch(`${withStandIn.url}/api/web/page`)).text()).toBe(html);
      expect(await (await fetch(`${withStandIn.url}/staff/data.json`)).text()).toBe('{"a":"</head>"}');

      expect(await (await fetch(`${without.url}/staff/`)).text()).toBe(html);
      expect((await fetch(`${without.url}/_dev/wecom-jssdk.js`)).status).toBe(404);
    } finally {
      await withStandIn.close();
      await without.close();
    }
  });
});
