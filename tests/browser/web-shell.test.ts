import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { CONTENT_SECURITY_POLICY } from '../../functions/web/static-site';
import { collectPageErrors, desktopContext, HAS_CHROMIUM, launchChromium, phoneContext, screenshot } from '../helpers/browser';

let stack: LocalStack;
let browser: Browser | undefined;

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' } });
  if (HAS_CHROMIUM) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the web function serves the pages', () => {
  it('answers each app path with its shell under a strict CSP, and assets as immutable', async () => {
    for (const path of ['/staff/', '/staff/tickets/t-1', '/m/report']) {
      const res = await fetch(`${stack.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const html = await res.text();
      // No inline script, style or event handler: the CSP would refuse them.
      expect(html).not.toMatch(/<script>|<style>|\son\w+="/);
      const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(asset, path).toBeDefined();
      const js = await fetch(`${stack.url}${asset}`);
      expect(js.status).toBe(200);
      expect(js.headers.get('cache-control')).toContain('immutable');
    }
  });

  it('compresses for clients that accept gzip, and refuses paths outside the site', async () => {
    // Raw bytes (fetch would decompress on its own): gzip on the wire. A bundle, because the local
    // gateway re-sends pages plain with the JS-SDK stand-in's tag (dev/jssdk-stand-in/serve.ts).
    const shell = await (await fetch(`${stack.url}/staff/`)).text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(shell)?.[1] as string;
    const raw = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      get(`${stack.url}${asset}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    expect(raw.encoding).toBe('gzip');
    expect(gunzipSync(raw.body).toString('utf8').length).toBeGreaterThan(1000);
    expect((await fetch(`${stack.url}/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${stack.url}/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`${stack.url}/staff/`, { method: 'POST' })).status).toBe(405);
  });
});

describe.skipIf(!HAS_CHROMIUM)('in Chromium', () => {
  it('renders the staff shell on a phone and a desktop without script errors or CSP refusals', async () => {
    for (const [name, make] of [['phone', phoneContext], ['desktop', desktopContext]] as const) {
      const context = await make(browser as Browser);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${stack.url}/staff/`);
      // The staff app runs and, with no session yet, sends the browser to sign in (the sandbox's OAuth page).
      await page.waitForURL((u) => u.pathname === '/connect/oauth2/authorize');
      await screenshot(page, `web-shell-${name}`);
      expect(errors.filter((e) => /Content Security Policy|pageerror/.test(e))).toEqual([]);
      await context.close();
    }
  });
});
