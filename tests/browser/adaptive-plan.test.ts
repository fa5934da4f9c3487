import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { signToken } from '../../shared/adapters/auth/tokens';
import { ManualClock } from '../../shared/ports/clock';
import { createOutcomeEventLog } from '../../shared/services/outcomes/outcome-events';
import { addMember, importTeam } from '../helpers/team';
import { join } from 'node:path';
import { collectPageErrors, DESKTOP, HAS_CHROMIUM, launchChromium, PHONE, phoneContext, screenshot, SCREENSHOT_DIR, seriousA11yViolations } from '../helpers/browser';

/*
 * Plans that respond to data, in Chromium (issue #19 "Done when": a member whose readings stay high
 * for two weeks gets the adjusted plan, sees why, and the doctor sees it in the workbench): the
 * member's 「计划调整」 on /m/report, the behaviour score on /m/score and 「我的授权」 on /m/consents on a
 * phone; the doctor's history and override on the workbench member view at phone and desktop size.
 * Screenshots: test-results/screenshots/adaptive-*.
 */

const DAY = 86_400_000;
/** 2026-09-01 10:00 Shanghai: staff tasks are not held back by quiet hours. */
const clock = new ManualClock(Date.UTC(2026, 8, 1, 2, 0));
const team = { family_doctor: 'ad-doc', health_butler: 'ad-butler', rights_consultant: 'ad-rights', insurance_consultant: 'ad-ins' } as const;

let stack: LocalStack;
let browser: Browser | undefined;
let memberId = '';
const contexts: BrowserContext[] = [];

const token = (aud: 'mini-program' | 'member-link') => signToken(stack.config.TOKEN_SIGNING_SECRET, { aud, sub: memberId }, 3600, clock.nowMs());

async function memberPosts(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${stack.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token('mini-program')}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status, `${path} ${await res.clone().text()}`).toBe(201);
}

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await phoneContext(browser as Browser);
  contexts.push(context);
  const page = await context.newPage();
  return { page, errors: collectPageErrors(page) };
}

/** Screenshot, no sideways scrolling on the phone, and axe with no serious or critical violation. */
async function step(page: Page, name: string, sizes: readonly ('phone' | 'desktop')[] = ['phone']): Promise<void> {
  for (const size of sizes) {
    await page.setViewportSize(size === 'phone' ? PHONE : DESKTOP);
    await page.waitForTimeout(150);
    await screenshot(page, `adaptive-${name}-${size}`);
    if (size === 'phone') expect((await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number, name).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page), `${name} ${size}`).toEqual([]);
  }
  await page.setViewportSize(PHONE);
}

const scriptErrors = (errors: string[]) => errors.filter((e) => /pageerror|Content Security Policy|Refused to/i.test(e));

beforeAll(async () => {
  stack = await startLocalStack({ clock, env: { LOG_LEVEL: 'silent' } });
  await importTeam(stack, team, { family_doctor: '林医生', health_butler: '陈管家', rights_consultant: '黄顾问', insurance_consultant: '周顾问' }, [], clock.nowMs());
  memberId = await addMember(stack, team, 'wmAdaptiveUi000001', clock.nowMs());
  await memberPosts('/api/intake/forms', {
    age: 58, sex: 'female', heightCm: 160, weightKg: 64, smoking: 'never', drinking: 'never', exerciseDaysPerWeek: 3,
    familyHistory: ['hypertension'], conditions: [], systolic: 128, diastolic: 83, consent: { healthDataProcessing: true, textVersion: 'health-data-v1' },
  });
  // August's plan tasks as plan-task completion records them: 10 due, 7 done.
  const events = createOutcomeEventLog(stack.deps.store);
  for (let d = 0; d < 10; d++) {
    const atMs = Date.UTC(2026, 7, 5 + d, 1);
    await events.record({ type: 'plan_task_due', memberId, key: `plan:${memberId}:v1:0@${atMs}`, atMs });
    if (d < 7) await events.record({ type: 'plan_task_done', memberId, key: `plan:${memberId}:v1:0@${atMs}`, atMs: atMs + 3600_000, data: { by: 'member' } });
  }
  // Two weeks of morning readings, mostly high.
  for (let day = 0; day < 14; day++) {
    const systolic = day % 4 === 3 ? 128 : 146 + (day % 3);
    await memberPosts('/api/intake/readings', { readingId: `ad-bp-${String(day).padStart(4, '0')}`, type: 'blood_pressure', systolic, diastolic: 90, measuredAtMs: clock.nowMs() - 60_000, source: 'device' });
    clock.advance(DAY);
  }
  await stack.gateway.fireTimer('intake');
  if (HAS_CHROMIUM) browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await stack?.close();
});

describe.skipIf(!HAS_CHROMIUM)('plans that respond to data, in Chromium', { timeout: 90_000 }, () => {
  it('the member sees 计划调整 with why, the behaviour score with how to raise it, and 我的授权', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${stack.url}/m/report#t=${token('member-link')}`);
    const adj = page.locator('section[aria-labelledby="adj-h"]');
    await adj.waitFor();
    const text = (await adj.textContent()) ?? '';
    expect(text).toContain('血压持续偏高');
    expect(text).toContain('血压监测改为每天早晚各一次；家庭医生将在7天内随访');
    expect(text).toMatch(/为什么：近14天\d+次血压中有\d+次（\d+%）高于目标（低于135\/85 mmHg）/);
    expect(text).toContain('根据近期数据自动调整');
    await adj.scrollIntoViewIfNeeded();
    await step(page, 'member-report');
    await adj.screenshot({ path: join(SCREENSHOT_DIR, 'adaptive-member-report-adjustment.png') });

    await page.getByRole('link', { name: '我的健康行为分' }).click();
    await page.getByRole('heading', { name: '我的健康行为分' }).waitFor();
    const august = page.locator('section', { has: page.getByRole('heading', { name: '2026年8月的行为分' }) });
    await expect(august.textContent()).resolves.toContain('70 分');
    await expect(august.textContent()).resolves.toContain('计划完成：7/10 项，得 70/100 分');
    await expect(august.textContent()).resolves.toContain('怎样提高');
    await step(page, 'member-score');

    // From the welcome link the switches are not offered: a forwarded link cannot consent.
    await page.goto(`${stack.url}/m/consents`);
    await page.getByRole('heading', { name: '我的授权' }).waitFor();
    await page.getByText('开关需要您本人登录').waitFor();
    expect(await page.getByRole('switch').count()).toBe(0);
    await expect(page.textContent('main')).resolves.toContain('健康行为分共享给保险公司');
    await step(page, 'member-consents-link');
    expect(scriptErrors(errors)).toEqual([]);

    // On the member's own login (the mini-program opens the page with its session): switch sharing on.
    const own = await newPage();
    await own.page.goto(`${stack.url}/m/consents#t=${token('mini-program')}`);
    const sharing = own.page.getByRole('switch', { name: '健康行为分共享给保险公司' });
    await sharing.waitFor();
    expect(await sharing.isChecked()).toBe(false);
    await sharing.check();
    await own.page.getByText('已授权').waitFor();
    await step(own.page, 'member-consents-own');
    const res = await fetch(`${stack.url}/api/intake/behaviour-scores?month=2026-08`, { headers: { 'x-internal-key': stack.config.INTERNAL_API_KEY } });
    expect(((await res.json()) as { scores: { memberId: string; score: number }[] }).scores).toEqual([expect.objectContaining({ memberId, score: 70 })]);
    expect(scriptErrors(own.errors)).toEqual([]);
  });

  it('the doctor sees the history with reasons in the workbench and overrides it', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${stack.url}/staff/members/${memberId}`);
    await page.waitForURL((u) => u.pathname === '/connect/oauth2/authorize');
    await page.click(`button[data-userid="${team.family_doctor}"]`);
    await page.waitForURL((u) => u.origin === stack.url && !u.searchParams.has('code'));
    const section = page.locator('#plan-changes');
    await section.waitFor();
    await expect(section.textContent()).resolves.toContain('血压持续偏高');
    await expect(section.textContent()).resolves.toContain('根据健康信息表制定（第 1 版）');
    await expect(section.textContent()).resolves.toContain('开始调整「血压持续偏高」');
    await section.scrollIntoViewIfNeeded();
    await step(page, 'doctor-history', ['phone', 'desktop']);

    await section.getByRole('spinbutton').fill('6');
    await section.getByRole('button', { name: '按医生决定保持原计划' }).click();
    await expect.poll(async () => (await section.textContent()) ?? '').toContain('家庭医生复核后撤销「血压持续偏高」调整，6周内保持原来的计划');
    await expect(section.textContent()).resolves.toContain('当前按健康档案的原计划执行');
    // The plan above is reloaded with it: BP back to the profile's weekly measurement.
    await expect.poll(async () => (await page.locator('#plan').textContent()) ?? '').not.toContain('请测量晚间血压');
    await expect(page.locator('#plan').textContent()).resolves.toContain('请测量血压并上传');
    await section.scrollIntoViewIfNeeded();
    await step(page, 'doctor-overridden', ['phone', 'desktop']);
    await section.screenshot({ path: join(SCREENSHOT_DIR, 'adaptive-doctor-section-phone.png') });
    expect(scriptErrors(errors)).toEqual([]);
  });
});
