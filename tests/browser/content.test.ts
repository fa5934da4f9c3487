import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { collectPageErrors, DESKTOP, HAS_CHROMIUM, launchChromium, PHONE, phoneContext, screenshot, seriousA11yViolations } from '../helpers/browser';

/*
 * 内容管理 in Chromium against the local stack: an ops admin sees the sourced library (the seed as
 * shipped, every item 待审核), edits one to sign it as reviewed, and puts it on the calendar. Photographed
 * at 390×844 and 1280×800 (test-results/screenshots/content-*) and checked with axe.
 */
let stack: LocalStack;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];
const SEED = readFileSync('docs/content/seed-items.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' } });
  const res = await fetch(`${stack.url}/api/content/items`, { method: 'PUT', headers: { 'x-internal-key': stack.config.INTERNAL_API_KEY, 'content-type': 'application/json' }, body: JSON.stringify({ items: SEED }) });
  expect(res.status).toBe(200);
  if (HAS_CHROMIUM) browser = await launchChromium();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await stack?.close();
});

const scriptErrors = (errors: string[]) => errors.filter((e) => /pageerror|Content Security Policy|Refused to/i.test(e));

describe.skipIf(!HAS_CHROMIUM)('内容管理 in Chromium', () => {
  it('an ops admin signs an item as reviewed and schedules it; unreviewed items cannot be scheduled', async () => {
    const context = await phoneContext(browser as Browser);
    contexts.push(context);
    // An ops admin's workbench session, as the sign-in would have stored it.
    const token = stack.staffToken('ops-ui', 'ops_admin');
    const session = JSON.stringify({ token, role: 'ops_admin', staffId: 'ops-ui', name: '运营小周', expiresAtMs: Date.now() + 3_600_000 });
    await context.addInitScript({ content: `sessionStorage.setItem('health.staff.session', ${JSON.stringify(session)});` });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${stack.url}/staff/content`);
    await page.waitForSelector('[data-item-id="winter-bp-warmth"]');
    expect(await page.locator('.content-item').count()).toBe(6);
    expect(await page.locator('.content-item .badge_warn').count()).toBe(6);
    expect(await page.textContent('[data-item-id="winter-bp-warmth"]')).toContain('面向：高血压、血压偏高、血压高');
    expect(await page.textContent('#calendar')).toContain('还没有已审核的内容可以排期');
    await screenshot(page, 'content-library-phone');

    await page.click('[data-item-id="winter-bp-warmth"] button');
    await page.fill('#c-reviewer', '王医生（心内科）');
    await page.click('#item-form button.weui-btn_primary');
    await page.waitForSelector('[data-item-id="winter-bp-warmth"] .badge_ok');

    await page.fill('#s-date', '2026-12-15');
    await page.fill('#s-time', '09:30');
    await page.click('.schedule-form button.weui-btn_primary');
    await page.waitForSelector('.calendar-entry[data-status="pending"]');
    expect(await page.textContent('.calendar-entry')).toContain('2026-12-15 09:30');

    for (const [size, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(150);
      await screenshot(page, `content-scheduled-${size}`);
      expect(await seriousA11yViolations(page), size).toEqual([]);
    }
    expect(scriptErrors(errors)).toEqual([]);

    // What the page did is what the API holds.
    const entries = await fetch(`${stack.url}/api/content/calendar`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await entries.json()) as { entries: { itemId: string; status: string }[] }).entries).toEqual([expect.objectContaining({ itemId: 'winter-bp-warmth', status: 'pending' })]);
  }, 90_000);
});
