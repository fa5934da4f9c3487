import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { MEMBERS, type Member } from '../../shared/services/members/member';
import { createOutcomeEventLog } from '../../shared/services/outcomes/outcome-events';
import { STAFF_GRANTS, type StaffGrant } from '../../shared/services/identity/staff-session';
import { recordJoined, recordLeft, recordWelcomed } from '../../shared/services/welcome/join-outcomes';
import { collectPageErrors, DESKTOP, HAS_CHROMIUM, launchChromium, PHONE, phoneContext, screenshot, seriousA11yViolations } from '../helpers/browser';

/*
 * The ops dashboard (运营看板) in Chromium against the local stack: an ops admin signs in through the
 * sandbox's OAuth page and sees the five metrics with their targets drawn, the weekly retention
 * curves with the target line, and no group of fewer than 10 members — a 4-member campaign and a
 * 3-member scene are seeded and must not appear (test-results/screenshots/dashboard-*).
 */

const DAY = 86_400_000;
let stack: LocalStack;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];

/** 40 members over two join weeks, 5–6 weeks ago: 36 policy delivery (spring campaign), 4 in a tiny campaign of whom 3 came from claims. */
async function seed(): Promise<void> {
  const log = createOutcomeEventLog(stack.deps.store);
  const base = Date.now() - 42 * DAY;
  for (let i = 0; i < 40; i++) {
    const tiny = i >= 36;
    const joinedAtMs = base + (i % 2) * 7 * DAY + i * 60_000;
    const member: Member = {
      _id: `m_board_${i}`,
      scene: tiny && i > 36 ? 'claims_service' : 'policy_delivery',
      campaign: tiny ? 'tiny' : 'spring',
      team: { health_butler: 'ui-butler', family_doctor: 'ui-doc' },
      status: 'active',
      intakeStatus: 'pending',
      joinedAtMs,
      updatedAtMs: joinedAtMs,
    };
    await stack.deps.store.collection<Member>(MEMBERS).insert(member);
    await log.record({ type: 'invited', memberId: member._id, key: `inv-${i}`, atMs: joinedAtMs - DAY, data: { scene: member.scene! } });
    await recordJoined(stack.deps.store, member, 'contact');
    await recordWelcomed(stack.deps.store, member, joinedAtMs + 2_000);
    if (i % 4 !== 0) await log.record({ type: 'form_completed', memberId: member._id, key: '1', atMs: joinedAtMs + 2 * DAY });
    for (let w = 1; w <= 4; w++) {
      const key = `task-${i}-${w}`;
      await log.record({ type: 'plan_task_due', memberId: member._id, key, atMs: joinedAtMs + w * 7 * DAY });
      if ((i + w) % 3 !== 0) await log.record({ type: 'plan_task_done', memberId: member._id, key, atMs: joinedAtMs + w * 7 * DAY + 3_600_000, data: { by: 'member' } });
    }
    if (i % 3 === 0) {
      await log.record({ type: 'ticket_answered', memberId: member._id, key: `t-${i}`, atMs: joinedAtMs + 3 * DAY, data: { role: i % 2 ? 'family_doctor' : 'health_butler', withinSla: i % 9 !== 0, answeredInMs: (i % 9 === 0 ? 150 : 12) * 60_000 } });
    }
    if (i === 5 || i === 12) await log.record({ type: 'policy_bought', memberId: member._id, key: `pol-${i}`, atMs: joinedAtMs + 10 * DAY });
    if (i % 10 === 3) await recordLeft(stack.deps.store, member._id, `contact:x:${i}`, joinedAtMs + 9 * DAY, 'contact_deleted');
  }
  const grants = stack.deps.store.collection<StaffGrant>(STAFF_GRANTS);
  await grants.insert({ _id: 'ui-ops', role: 'ops_admin', grantedAtMs: Date.now(), grantedBy: 'test' });
  const run = await fetch(`${stack.url}/_dev/timers/outcomes`, { method: 'POST' });
  expect(run.status).toBe(200);
}

async function signInTyped(page: Page, userid: string): Promise<void> {
  await page.waitForURL((u) => u.pathname === '/connect/oauth2/authorize');
  await page.fill('#typed input[name="userid"]', userid);
  await page.click('#typed button[type="submit"]');
  await page.waitForURL((u) => u.origin === stack.url && !u.searchParams.has('code'));
}

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' } });
  await seed();
  if (HAS_CHROMIUM) browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await stack?.close();
});

describe.skipIf(!HAS_CHROMIUM)('the ops dashboard in Chromium', () => {
  it('an ops admin sees the metrics against their targets and the retention curves, and no group under 10 members', async () => {
    const context = await phoneContext(browser as Browser);
    contexts.push(context);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${stack.url}/staff`);
    await signInTyped(page, 'ui-ops');
    // Ops find the dashboard from the workbench's first page.
    await page.click('a[href="/staff/dashboard"]');
    await page.waitForSelector('.outcome-bar');
    expect(new URL(page.url()).pathname).toBe('/staff/dashboard');

    // Six metrics carry a PRD target, each drawn as a mark on its bar; SLA compliance has none.
    const marks = await page.$$eval('.outcome-bar__mark', (els) => els.map((e) => [e.closest('.outcome-bar')?.getAttribute('data-metric'), e.getAttribute('data-target')]));
    expect(Object.fromEntries(marks)).toEqual({ join_rate: '0.8', profile_completion: '0.7', plan_completion: '0.6', insurance_conversion: '0.05', retention: '0.85', retention_90: '0.85' });
    expect(await page.textContent('[data-metric="profile_completion"]')).toContain('目标 ≥ 70.0%');
    expect(await page.textContent('[data-metric="profile_completion"]')).toContain('30 / 40');

    // The retention curves are drawn, with the 85 % target line.
    await page.waitForSelector('.retention canvas');
    expect(await page.getAttribute('.retention', 'data-target')).toBe('0.85');
    // The chart fits its box (uPlot's `.uplot canvas` rule survives the CSS purge).
    const fit = await page.$eval('.retention .trend__plot', (box) => {
      const outer = box.getBoundingClientRect();
      const canvas = box.querySelector('canvas')!.getBoundingClientRect();
      return { inside: canvas.top >= outer.top && canvas.bottom <= outer.bottom + 1 && canvas.width <= outer.width + 1 };
    });
    expect(fit.inside).toBe(true);
    expect(Number(await page.getAttribute('.retention', 'data-cohorts'))).toBe(2);

    // Small cells: the 4-member campaign and the 3-member claims scene never appear; every group shown has ≥ 10.
    const body = (await page.textContent('main')) ?? '';
    expect(body).not.toContain('tiny');
    expect(body).not.toContain('理赔服务');
    const sizes = await page.$$eval('[data-members]', (els) => els.map((e) => Number(e.getAttribute('data-members'))));
    expect(sizes.length).toBeGreaterThan(0);
    for (const n of sizes) expect(n).toBeGreaterThanOrEqual(10);

    for (const [size, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(200);
      await screenshot(page, `dashboard-${size}`);
      expect(await seriousA11yViolations(page), size).toEqual([]);
    }
    expect(errors.filter((e) => /pageerror|Content Security Policy|Refused to/i.test(e))).toEqual([]);
  });
});
