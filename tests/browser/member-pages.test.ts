import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { SandboxClient } from '../../dev/wecom-sandbox/inspect';
import { buildCallbackRequest, callbackUrl } from '../../dev/wecom-sandbox/callback-builder';
import { signToken } from '../../shared/adapters/auth/tokens';
import { ManualClock } from '../../shared/ports/clock';
import { MEMBERS, memberIdForExternalUser } from '../../shared/services/members/member';
import { MEMBER_LINK_TTL_S, tokenFromFormUrl } from '../../shared/services/welcome/member-link';
import { servicesOf as pointsServicesOf } from '../../functions/points/wiring';
import { join } from 'node:path';
import { collectPageErrors, HAS_CHROMIUM, launchChromium, phoneContext, screenshot, SCREENSHOT_DIR, seriousA11yViolations } from '../helpers/browser';

/**
 * Issue #18 in real Chromium, as a member on a phone: the welcome link (made by the welcome flow
 * through the sandbox) opens the health form; a mistake shows the Chinese message naming the field
 * and its range; fixed and double-tapped, it lands on the first health report with one profile
 * version stored; a reload keeps the page; 「我的提醒」 pauses a kind and shows the readings' trend;
 * its 「完成」 marks a plan task done;
 * an expired link explains itself and its 「请健康管家发新链接」 reaches the butler in the sandbox.
 * Every step is screenshotted at 390×844 and again with the text at 200 %; axe finds no serious or
 * critical violation; the console shows no CSP refusal or script error.
 */
const SHANGHAI_MS = 8 * 3600_000;
/** The next 10:00 in Shanghai: staff tasks are not held back by quiet hours (21:30–08:00). */
function nextShanghaiTen(now = Date.now()): number {
  const day = Math.floor((now + SHANGHAI_MS) / 86_400_000) * 86_400_000 - SHANGHAI_MS;
  const ten = day + 10 * 3600_000;
  return ten > now ? ten : ten + 86_400_000;
}

const clock = new ManualClock(nextShanghaiTen());
const ROSTER = [
  { userId: 'doc_an', name: '安医生', role: 'family_doctor', scenes: ['policy_delivery'], onCall: true },
  { userId: 'butler_xu', name: '徐管家', role: 'health_butler', scenes: ['policy_delivery'] },
  { userId: 'rights_he', name: '何顾问', role: 'rights_consultant', scenes: ['policy_delivery'] },
  { userId: 'ins_wang', name: '王顾问', role: 'insurance_consultant', scenes: ['policy_delivery'] },
];

let stack: LocalStack;
let sandbox: SandboxClient;
let browser: Browser | undefined;
let welcomeUrl = '';
let memberId = '';
const machine = () => ({ 'x-internal-key': stack.config.INTERNAL_API_KEY, 'content-type': 'application/json' });

/** A member joins by the policy-delivery 「联系我」 code; the welcome's link is what they tap. */
async function joinAndGetWelcomeLink(): Promise<string> {
  expect((await fetch(`${stack.url}/api/team/staff`, { method: 'PUT', headers: machine(), body: JSON.stringify({ staff: ROSTER }) })).status).toBe(200);
  const wayRes = await fetch(`${stack.url}/api/team/contact-ways`, { method: 'POST', headers: machine(), body: JSON.stringify({ scene: 'policy_delivery', staff: ['ins_wang'] }) });
  const way = (await wayRes.json()) as { state: string };
  const minted = await sandbox.mintWelcomeCode({ userid: 'ins_wang', state: way.state });
  const cfg = stack.config;
  const req = buildCallbackRequest({
    token: cfg.WECOM_CALLBACK_TOKEN,
    encodingAesKey: cfg.WECOM_CALLBACK_AES_KEY,
    corpId: cfg.WECOM_CORP_ID,
    timestampS: Math.floor(clock.nowMs() / 1000),
    event: { kind: 'change_external_contact', userId: 'ins_wang', externalUserId: minted.externalUserId, state: way.state, welcomeCode: minted.welcomeCode } as never,
  });
  const res = await fetch(`${stack.url}${callbackUrl('/wecom/welcome', req.query)}`, { method: 'POST', body: req.body, headers: { 'content-type': 'text/xml' } });
  expect(res.status).toBe(200);
  memberId = memberIdForExternalUser(cfg.WECOM_CORP_ID, minted.externalUserId);
  const [welcome] = await sandbox.sent({ api: 'externalcontact/send_welcome_msg', touser: minted.externalUserId });
  return (welcome?.body as { attachments: { link: { url: string } }[] }).attachments[0]?.link.url ?? '';
}

beforeAll(async () => {
  stack = await startLocalStack({ clock, env: { LOG_LEVEL: 'silent' } });
  sandbox = new SandboxClient(stack.sandbox.url);
  welcomeUrl = await joinAndGetWelcomeLink();
  if (HAS_CHROMIUM) browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

type Size = 'phone' | 'text200';

/**
 * A phone. `text200`: the root font size at 200 % on every page the context opens (what a phone's
 * large-text setting does to a page that sizes its text in rem). Set from an init script through
 * the CSS object model, which the pages' CSP allows (no inline style is added).
 */
async function memberPage(size: Size): Promise<{ context: BrowserContext; page: Page }> {
  const context = await phoneContext(browser as Browser);
  if (size === 'text200') await context.addInitScript("document.addEventListener('DOMContentLoaded', () => { document.documentElement.style.fontSize = '200%'; })");
  return { context, page: await context.newPage() };
}

/** Screenshot, no sideways scrolling, and axe with no serious or critical violation. */
async function step(page: Page, size: Size, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await screenshot(page, `member-${size}-${name}`);
  // The first screen as the member sees it (the full page is very tall at 200 %).
  await page.screenshot({ path: join(SCREENSHOT_DIR, `member-${size}-${name}-screen.png`) });
  const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
  expect(overflow, `${name} at ${size}: page wider than the screen`).toBeLessThanOrEqual(0);
  expect(await seriousA11yViolations(page), `${name} at ${size}`).toEqual([]);
}

const clean = (errors: string[]) => errors.filter((e) => /Content Security Policy|pageerror|Refused/.test(e));

async function fillForm(page: Page, age: string) {
  await page.getByLabel('年龄').fill(age);
  await page.getByRole('radio', { name: '女' }).check();
  await page.getByLabel('身高').fill('158');
  await page.getByLabel('体重').fill('66');
  await page.getByLabel('收缩压（高压）').fill('150');
  await page.getByLabel('舒张压（低压）').fill('95');
  await page.getByRole('radio', { name: '从不吸烟' }).check();
  await page.getByRole('radio', { name: '从不喝酒' }).check();
  await page.getByLabel('每周运动天数').fill('1');
  await page.getByRole('group', { name: /家族病史/ }).getByRole('checkbox', { name: '以上都没有' }).check();
  await page.getByRole('group', { name: /医生确诊过的疾病/ }).getByRole('checkbox', { name: '高血压' }).check();
  await page.getByRole('checkbox', { name: /单独同意/ }).check();
}

describe.skipIf(!HAS_CHROMIUM)('member pages in Chromium', { timeout: 90_000 }, () => {
  it('welcome link → form with a mistake → Chinese range message → fixed, double-tapped → report; one version; reload', async () => {
    expect(welcomeUrl.startsWith(`${stack.url}/m/form#t=`)).toBe(true);
    const { context, page } = await memberPage('phone');
    const errors = collectPageErrors(page);
    await page.goto(welcomeUrl);
    await page.getByRole('heading', { name: '健康信息表' }).waitFor();
    // The token left the address bar at once and lives in the tab's session only.
    expect(page.url()).toBe(`${stack.url}/m/form`);
    await step(page, 'phone', '1-form');

    // Required choices start unselected: nothing is pre-ticked.
    expect(await page.locator('input[type=radio]:checked').count()).toBe(0);
    await fillForm(page, '12');
    await page.getByRole('button', { name: /提交/ }).click();
    const summary = page.getByRole('alert').filter({ hasText: '需要修改' });
    await expect.poll(() => summary.textContent()).toContain('年龄：请填写 18–100 之间的整数（岁）');
    await expect.poll(() => page.locator('#e-age').textContent()).toBe('年龄：请填写 18–100 之间的整数（岁）');
    expect(await page.getByLabel('年龄').getAttribute('aria-invalid')).toBe('true');
    await step(page, 'phone', '2-form-mistake');

    await page.getByLabel('年龄').fill('62');
    const submit = page.getByRole('button', { name: /提交/ });
    await submit.dblclick();
    await page.waitForURL(`${stack.url}/m/report`);
    await page.getByRole('heading', { name: '我的健康报告' }).waitFor();
    await page.getByText('风险等级').waitFor();
    await step(page, 'phone', '3-report');
    const text = (await page.textContent('main')) ?? '';
    for (const expected of ['高风险', '已确诊高血压', '您可以改变的', '我的一周计划', '家庭医生：安医生', '健康管家：徐管家', '不是诊断', '「我的提醒」']) expect(text).toContain(expected);

    // One profile version for the double tap.
    expect(await stack.deps.store.collection('profile_versions').count({ memberId })).toBe(1);

    await page.reload();
    await page.getByRole('heading', { name: '我的健康报告' }).waitFor();
    await page.getByText('风险等级').waitFor();
    await step(page, 'phone', '4-report-reload');
    expect(clean(errors)).toEqual([]);
    await context.close();
  });

  it('「我的提醒」 lists the reminders, pauses a kind, and shows the readings trend', async () => {
    const token = tokenFromFormUrl(welcomeUrl) ?? '';
    for (const [i, [s, d]] of [[152, 96], [146, 92], [138, 88]].entries()) {
      const res = await fetch(`${stack.url}/api/intake/readings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'blood_pressure', systolic: s, diastolic: d, readingId: `bp-browser-${i}`, source: 'manual', measuredAtMs: clock.nowMs() - (3 - i) * 86_400_000 }),
      });
      expect(res.status).toBe(201);
    }
    const { context, page } = await memberPage('phone');
    const errors = collectPageErrors(page);
    await page.goto(`${stack.url}/m/reminders#t=${token}`);
    await page.getByRole('heading', { name: '我的提醒' }).waitFor();
    await page.locator('.chart canvas').first().waitFor();
    await step(page, 'phone', '5-reminders');
    await page.getByRole('region', { name: '运动提醒' }).getByRole('button', { name: /暂停 7 天/ }).click();
    await page.getByText('「运动」提醒已暂停 7 天。').waitFor();
    const paused = (await stack.deps.store.collection('reminders').find({ memberId, kind: 'exercise_task' })) as unknown as { dueAtMs: number }[];
    expect(paused.length).toBeGreaterThan(0);
    for (const r of paused) expect(r.dueAtMs).toBeGreaterThanOrEqual(clock.nowMs() + 7 * 86_400_000);
    await step(page, 'phone', '6-reminders-paused');
    expect(clean(errors)).toEqual([]);
    await context.close();
  });

  it('「我的提醒」 shows today’s plan tasks; 「完成」 on a phone marks one done, once, with its points', async () => {
    const token = tokenFromFormUrl(welcomeUrl) ?? '';
    const { context, page } = await memberPage('phone');
    const errors = collectPageErrors(page);
    await page.goto(`${stack.url}/m/reminders#t=${token}`);
    const tasks = page.getByRole('region', { name: '今天的健康任务' });
    // The plan asks for one fasting glucose measurement at once (the form gave none): due now.
    const glucose = tasks.getByRole('listitem').filter({ hasText: '空腹血糖' });
    await glucose.getByRole('button', { name: /^完成/ }).waitFor();
    await step(page, 'phone', '6a-tasks');
    await glucose.getByRole('button', { name: /^完成/ }).click();
    await glucose.getByText('✓ 已完成').waitFor();
    expect(await glucose.getByRole('button').count()).toBe(0);
    await step(page, 'phone', '6b-task-done');

    const done = (await stack.deps.store.collection('outcome_events').find({ type: 'plan_task_done', memberId })) as unknown as { data: Record<string, string> }[];
    expect(done.map((e) => e.data)).toEqual([{ kind: 'monitoring', by: 'member', via: 'member-link' }]);
    const awards = (await pointsServicesOf(stack.deps).points.history(memberId, { limit: 50 })).entries.filter((e) => e.ruleId === 'plan_task_completed');
    expect(awards.map((e) => e.amount)).toEqual([10]);
    // A reload keeps the done state: it comes from the server, not the page.
    await page.reload();
    await tasks.getByRole('listitem').filter({ hasText: '空腹血糖' }).getByText('✓ 已完成').waitFor();
    expect(clean(errors)).toEqual([]);
    await context.close();
  });

  it('an expired link explains itself and asks the health butler for a new link; a garbled one offers no button', async () => {
    // A member who joined over three weeks ago taps the welcome link they got then.
    const joinedAtMs = clock.nowMs() - (MEMBER_LINK_TTL_S + 86_400) * 1000;
    await stack.deps.store.collection(MEMBERS).updateOne({ _id: memberId }, { $set: { joinedAtMs } });
    const old = signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'member-link', sub: memberId }, MEMBER_LINK_TTL_S, joinedAtMs);
    const { context, page } = await memberPage('phone');
    const errors = collectPageErrors(page);
    await page.goto(`${stack.url}/m/form#t=${old}`);
    await page.getByRole('heading', { name: '这个链接已过期' }).waitFor();
    await step(page, 'phone', '7-expired');
    await page.getByRole('button', { name: '请健康管家发新链接' }).click();
    await page.getByText('已通知您的健康管家').waitFor();
    await step(page, 'phone', '8-expired-asked');

    // The butler's task goes out by the staff notification path (reminder dispatcher → app message).
    const fired = await fetch(`${stack.url}/_dev/timers/reminder-cron`, { method: 'POST' });
    expect(fired.status).toBe(200);
    const toButler = await sandbox.sent({ api: 'message/send', touser: 'butler_xu' });
    const texts = toButler.map((s) => JSON.stringify(s.body));
    expect(texts.some((t) => t.includes('新的健康表单链接'))).toBe(true);

    await page.goto(`${stack.url}/m/form#t=not-a-token`);
    await page.getByRole('heading', { name: '这个链接打不开' }).waitFor();
    expect(await page.getByRole('button', { name: '请健康管家发新链接' }).count()).toBe(0);
    await step(page, 'phone', '9-garbled');
    // The 401s the page asked for are expected; nothing else went wrong.
    expect(clean(errors)).toEqual([]);
    await context.close();
  });

  it('at 200 % text: every page fits the phone width, with the old form address still working', async () => {
    const token = tokenFromFormUrl(welcomeUrl) ?? '';
    const { context, page } = await memberPage('text200');
    const errors = collectPageErrors(page);
    // A link sent before the member pages: /api/intake/form redirects, the fragment rides along.
    await page.goto(`${stack.url}/api/intake/form#t=${token}`);
    await page.getByRole('heading', { name: '健康信息表' }).waitFor();
    expect(page.url()).toBe(`${stack.url}/m/form`);
    expect((await page.evaluate('getComputedStyle(document.body).fontSize')) as string).toBe('36px');
    await step(page, 'text200', '1-form');
    await fillForm(page, '300');
    await page.getByLabel('空腹血糖').fill('abc');
    await page.getByRole('button', { name: /提交/ }).click();
    await expect.poll(() => page.locator('#e-fastingGlucose').textContent()).toBe('空腹血糖：请填写 1–35 之间的数字，可带小数（mmol/L）；不知道可以不填');
    await step(page, 'text200', '2-form-mistake');
    await page.goto(`${stack.url}/m/report`);
    await page.getByText('风险等级').waitFor();
    await step(page, 'text200', '3-report');
    await page.goto(`${stack.url}/m/reminders`);
    await page.locator('.chart canvas').first().waitFor();
    await step(page, 'text200', '5-reminders');
    await page.goto(`${stack.url}/m/privacy`);
    await step(page, 'text200', '10-privacy');
    const old = signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'member-link', sub: memberId }, MEMBER_LINK_TTL_S, clock.nowMs() - (MEMBER_LINK_TTL_S + 86_400) * 1000);
    await page.goto(`${stack.url}/m/form#t=${old}`);
    await page.getByRole('heading', { name: '这个链接已过期' }).waitFor();
    await step(page, 'text200', '7-expired');
    expect(clean(errors)).toEqual([]);
    await context.close();
  });
});
