import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { SandboxClient } from '../../dev/wecom-sandbox/inspect';
import { signToken } from '../../shared/adapters/auth/tokens';
import { addMember, importTeam } from '../helpers/team';
import { formatDateTime } from '../../web/shared/time';
import { collectPageErrors, DESKTOP, HAS_CHROMIUM, launchChromium, PHONE, phoneContext, screenshot, seriousA11yViolations } from '../helpers/browser';
import { kfCustomerWrites } from '../helpers/kf-customer';

/*
 * The staff workbench in Chromium against the whole local stack (issue #17 §6): sign-in through the
 * sandbox's OAuth page, the chat-toolbar sidebar with the trend chart, an emergency ticket opened from
 * its textcard link (acknowledged and answered through 微信客服), the rights consultant's view of the
 * same member (no health data; a redemption marked fulfilled, the activity sign-ups), and a WeCom member who is not on the roster. Every view is
 * photographed at 390×844 and 1280×800 (test-results/screenshots/workbench-*) and checked with axe.
 */

const OPEN_KF_ID = 'wkWorkbenchUi';
const team = { family_doctor: 'ui-doc', health_butler: 'ui-butler', rights_consultant: 'ui-rights', insurance_consultant: 'ui-ins' } as const;
const EXT = 'wmUiCustomer01';
const DAY = 86_400_000;

let stack: LocalStack;
let sandbox: SandboxClient;
let browser: Browser | undefined;
let memberId: string;
const contexts: BrowserContext[] = [];

/** As the member's mini-program would: the health form and device readings, through the real routes. */
async function memberPosts(path: string, body: unknown): Promise<void> {
  const token = signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: memberId }, 3600, Date.now());
  const res = await fetch(`${stack.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status, `${path} ${await res.clone().text()}`).toBe(201);
}

/** A points route as the mini-program or a staff member calls it; `expected` is the status it must answer. */
async function points<T = unknown>(method: string, path: string, headers: Record<string, string>, body?: unknown, expected = 200): Promise<T> {
  const res = await fetch(`${stack.url}/api/points${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status, `${method} ${path} ${await res.clone().text()}`).toBe(expected);
  return (await res.json()) as T;
}

/** The customer writes to 微信客服 and WeCom calls us back, as in production. */
async function customerWrites(text: string): Promise<void> {
  expect(await kfCustomerWrites(stack, sandbox, { openKfId: OPEN_KF_ID, externalUserId: EXT, text })).toBe(200);
}

const cardsTo = (userid: string) =>
  stack.sandbox.state.sent
    .filter((s) => s.api === 'message/send' && s.touser.includes(userid))
    .map((s) => (s.body as { textcard?: { title: string; url: string } }).textcard)
    .filter((c): c is { title: string; url: string } => !!c);

const kfTexts = (): string[] => stack.sandbox.state.sent.filter((s) => s.api === 'kf/send_msg' && s.touser.includes(EXT)).map((s) => (s.body as { text?: { content: string } }).text?.content ?? '');

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await phoneContext(browser as Browser);
  contexts.push(context);
  const page = await context.newPage();
  return { page, errors: collectPageErrors(page) };
}

/** The sandbox's authorize page: pick who signs in (as WeCom would know silently). */
async function signInAs(page: Page, userid: string): Promise<void> {
  await page.waitForURL((u) => u.pathname === '/connect/oauth2/authorize');
  await page.click(`button[data-userid="${userid}"]`);
  await page.waitForURL((u) => u.origin === stack.url && !u.searchParams.has('code'));
}

/** Both sizes: a screenshot each and no serious or critical axe violation. */
async function capture(page: Page, name: string): Promise<void> {
  for (const [size, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150);
    await screenshot(page, `workbench-${name}-${size}`);
    expect(await seriousA11yViolations(page), `${name} at ${size}`).toEqual([]);
  }
  await page.setViewportSize(PHONE);
}

/** No script error and no CSP refusal; a refused API call (the point of some tests) is not one. */
const scriptErrors = (errors: string[]) => errors.filter((e) => /pageerror|Content Security Policy|Refused to/i.test(e));

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' } });
  sandbox = new SandboxClient(stack.sandbox.url);
  await importTeam(stack, team, { family_doctor: '王医生', health_butler: '李管家', rights_consultant: '赵顾问', insurance_consultant: '钱顾问' }, [
    { userId: 'ui-oncall', name: '值班医生', role: 'family_doctor', scenes: ['policy_delivery'], onCall: true },
  ]);
  memberId = await addMember(stack, team, EXT, Date.now() - 40 * DAY);
  await memberPosts('/api/intake/forms', {
    age: 63,
    sex: 'male',
    heightCm: 170,
    weightKg: 78,
    systolic: 146,
    diastolic: 92,
    fastingGlucose: 6.4,
    smoking: 'former',
    drinking: 'occasional',
    exerciseDaysPerWeek: 1,
    familyHistory: [],
    conditions: ['hypertension'],
    medications: '氨氯地平 5mg 每日一次',
    consent: { healthDataProcessing: true, textVersion: 'health-data-v1' },
  });
  const now = Date.now();
  const readings = [
    { readingId: 'ui-bp-000001', type: 'blood_pressure', systolic: 132, diastolic: 84, measuredAtMs: now - 6 * DAY },
    { readingId: 'ui-bp-000002', type: 'blood_pressure', systolic: 141, diastolic: 90, measuredAtMs: now - 4.5 * DAY },
    { readingId: 'ui-bp-000003', type: 'blood_pressure', systolic: 128, diastolic: 80, measuredAtMs: now - 3 * DAY },
    { readingId: 'ui-bp-000004', type: 'blood_pressure', systolic: 186, diastolic: 104, measuredAtMs: now - 1.5 * DAY },
    { readingId: 'ui-bp-000005', type: 'blood_pressure', systolic: 150, diastolic: 95, measuredAtMs: now - 0.5 * DAY },
    { readingId: 'ui-gl-000001', type: 'fasting_glucose', mmolL: 6.3, measuredAtMs: now - 5 * DAY },
    { readingId: 'ui-gl-000002', type: 'postprandial_glucose', mmolL: 9.8, measuredAtMs: now - 2 * DAY },
    { readingId: 'ui-gl-000003', type: 'fasting_glucose', mmolL: 7.1, measuredAtMs: now - 1 * DAY },
    { readingId: 'ui-bp-000006', type: 'blood_pressure', systolic: 138, diastolic: 88, measuredAtMs: now - 20 * DAY },
  ];
  for (const r of readings) await memberPosts('/api/intake/readings', { ...r, source: 'device' });
  if (HAS_CHROMIUM) browser = await launchChromium();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await stack?.close();
});

describe.skipIf(!HAS_CHROMIUM)('the staff workbench in Chromium', () => {
  it('a doctor signs in through WeCom OAuth, opens the sidebar for the customer and sees the trend with the red-flag reading marked', async () => {
    await sandbox.setJssdkContext({ entry: 'single_chat_tools', externalUserId: EXT });
    const { page, errors } = await newPage();
    await page.goto(`${stack.url}/staff/sidebar`);
    await signInAs(page, team.family_doctor);
    expect(new URL(page.url()).pathname).toBe('/staff/sidebar');
    expect(await page.evaluate('sessionStorage.length')).toBeGreaterThan(0);

    await page.waitForSelector('.trend[data-kind="blood_pressure"] canvas');
    await expect(page.textContent('.page__who')).resolves.toContain('王医生');
    await expect(page.textContent('#team')).resolves.toContain('赵顾问');
    const bp = page.locator('.trend[data-kind="blood_pressure"]');
    expect(Number(await bp.getAttribute('data-alert-points'))).toBe(1);
    await expect(bp.locator('.reading_alert').first().getAttribute('data-reading-id')).resolves.toBe('ui-bp-000004');
    await expect(bp.locator('.reading_alert').first().textContent()).resolves.toContain('血压达到红色预警阈值');
    // The lines come from the API's bands (the domain's thresholds), named in the legend.
    await expect(bp.locator('.trend__legend').textContent()).resolves.toContain('≥180');
    await expect(page.locator('.trend[data-kind="glucose"] .trend__legend').textContent()).resolves.toContain('≥16.7');
    await expect(page.textContent('#plan')).resolves.toBeTruthy();
    await capture(page, 'sidebar-doctor');

    // 30 days: the older reading joins the chart.
    await page.click('button[role="tab"]:has-text("近 30 天")');
    await page.waitForSelector('.trend[data-kind="blood_pressure"] [data-reading-id="ui-bp-000006"]');

    // The red-flag card's link: the member page with that reading highlighted.
    const card = cardsTo(team.family_doctor).find((c) => c.url.includes('?reading='));
    expect(card?.url).toBe(`${stack.url}/staff/members/${memberId}?reading=ui-bp-000004`);
    await page.goto(card?.url as string);
    await page.waitForSelector('.reading_highlighted[data-reading-id="ui-bp-000004"]');
    await expect(page.locator('.trend[data-kind="blood_pressure"]').getAttribute('data-highlighted')).resolves.toBe('ui-bp-000004');
    await capture(page, 'member-reading-highlighted');

    // Opened from a textcard (entry normal) the sidebar says where it belongs.
    await sandbox.setJssdkContext({ entry: 'normal' });
    await page.goto(`${stack.url}/staff/sidebar`);
    await page.waitForSelector('.weui-msg__title');
    await expect(page.textContent('.weui-msg__title')).resolves.toBe('请从与客户的聊天工具栏打开');
    await capture(page, 'sidebar-normal-entry');
    expect(scriptErrors(errors)).toEqual([]);
  });

  it('opens an emergency ticket from its textcard link, acknowledges it and replies through 微信客服', async () => {
    await customerWrites('我爸胸口疼得厉害，一直出冷汗，怎么办');
    const card = cardsTo(team.family_doctor).find((c) => c.title.includes('紧急'));
    expect(card?.url).toMatch(new RegExp(`^${stack.url}/staff/tickets/t_`));

    const { page, errors } = await newPage();
    await page.goto(`${stack.url}/staff/`);
    await signInAs(page, team.family_doctor);
    await page.waitForSelector('.queue__item');
    const first = page.locator('.queue__item').first();
    await expect(first.getAttribute('data-disposition')).resolves.toBe('emergency');
    const before = await first.locator('[data-countdown]').textContent();
    expect(before).toMatch(/接单时限 还剩 \d+ 分/);
    await page.waitForTimeout(1100);
    expect(await first.locator('[data-countdown]').textContent()).not.toBe(before);
    await capture(page, 'queue');

    await page.goto(card?.url as string);
    await page.waitForSelector('#ticket-status');
    await expect(page.textContent('.page__title')).resolves.toBe('紧急工单');
    await expect(page.textContent('#red-flags')).resolves.toContain('胸痛/疑似心梗');
    await expect(page.textContent('#first-aid')).resolves.toContain('120');
    await expect(page.textContent('#conversation')).resolves.toContain('胸口疼');
    await capture(page, 'ticket-emergency');

    await page.click('button:has-text("确认接单")');
    await page.waitForSelector('[data-ticket-status="acknowledged"]');
    await expect(page.textContent('#ticket-status')).resolves.toBe('处理中');

    const answer = '王医生：我马上给您打电话，请保持电话畅通，先让老人坐下休息不要走动。';
    await page.fill('#reply-text', answer);
    await page.click('#reply button[type="submit"]');
    await page.waitForSelector('#reply-result');
    await expect(page.textContent('#reply-result')).resolves.toContain('已通过微信客服发送');
    expect(kfTexts()).toContain(answer);
    await page.waitForSelector(`.chat__msg_staff:has-text("${answer.slice(0, 6)}")`);
    await capture(page, 'ticket-acknowledged-replied');
    expect(scriptErrors(errors)).toEqual([]);
  });

  it('shows the rights consultant the same member without any health data, and lets them fulfil a redemption and see the sign-ups', async () => {
    // Through the real routes: the consultant credits points, the member redeems and signs up for a lecture.
    const rc = { authorization: `Bearer ${stack.staffToken(team.rights_consultant, 'rights_consultant')}` };
    const member = { authorization: `Bearer ${signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: memberId }, 3600, Date.now())}` };
    await points('POST', `/members/${memberId}/adjustments`, { ...rc, 'idempotency-key': 'ui-adjust-0001' }, { amount: 500, reason: '线下活动补录' }, 201);
    const { redemptionId } = await points<{ redemptionId: string }>('POST', '/redemptions', { ...member, 'idempotency-key': 'ui-redeem-0001' }, { rightId: 'health_manager_session' }, 201);
    const startsAtMs = Date.now() + 2 * DAY;
    await points('POST', '/activities', rc, { activityId: 'ui-act-lecture', title: '控压讲座', kind: 'lecture', startsAtMs, endsAtMs: startsAtMs + 7_200_000, capacity: 30 }, 201);
    await points('POST', '/activities/ui-act-lecture/signups', member, {}, 201);
    const { balance } = await points<{ balance: number }>('GET', `/members/${memberId}/balance`, rc);

    const { page, errors } = await newPage();
    const refused: string[] = [];
    page.on('response', (r) => r.status() >= 400 && refused.push(`${r.status()} ${new URL(r.url()).pathname}`));
    await page.goto(`${stack.url}/staff/members/${memberId}`);
    await signInAs(page, team.rights_consultant);
    await page.waitForSelector('#points');
    await expect(page.textContent('#points-balance')).resolves.toBe(String(balance));
    for (const health of ['#trends', '#profile', '#plan', '.trend', '#follow-up']) expect(await page.locator(health).count(), health).toBe(0);
    const text = (await page.textContent('main')) ?? '';
    for (const word of ['血压', '血糖', '氨氯地平', '既往病史', '没有查看此内容的权限']) expect(text).not.toContain(word);

    // The sign-up, its times in Shanghai and its status in Chinese.
    const signup = page.locator('#signups [data-activity-id="ui-act-lecture"]');
    await expect(signup.textContent()).resolves.toContain('控压讲座');
    await expect(signup.textContent()).resolves.toContain(formatDateTime(startsAtMs));
    await expect(signup.textContent()).resolves.toContain('已报名');

    // 标记已履约 on a redemption not yet booked: booked, then fulfilled, and said so.
    const row = page.locator(`#redemptions [data-redemption-id="${redemptionId}"]`);
    await expect(row.textContent()).resolves.toContain('待预约');
    await capture(page, 'member-rights-consultant');
    await row.locator('button', { hasText: '标记已履约' }).click();
    await page.waitForSelector('#fulfil-result.notice_ok');
    await expect(page.textContent('#fulfil-result')).resolves.toBe('「健康管理师 1对1」已标记为已履约。');
    await page.waitForSelector(`#redemption-history [data-redemption-id="${redemptionId}"][data-status="fulfilled"]`);
    expect(await page.locator('#redemptions [data-redemption-id]').count()).toBe(0);
    const after = await points<{ status: string; history: { status: string }[] }>('GET', `/redemptions/${redemptionId}`, rc);
    expect(after.status).toBe('fulfilled');
    expect(after.history.map((h) => h.status)).toEqual(expect.arrayContaining(['reserved', 'booked', 'fulfilled']));
    // The page never asked for health data, so nothing was refused either.
    expect(refused).toEqual([]);
    await capture(page, 'member-rights-fulfilled');

    // The sidebar for the same customer: the same view.
    await sandbox.setJssdkContext({ entry: 'single_chat_tools', externalUserId: EXT });
    await page.goto(`${stack.url}/staff/sidebar`);
    await page.waitForSelector('#points');
    await page.waitForSelector('#signups [data-activity-id="ui-act-lecture"]');
    expect(await page.locator('.trend').count()).toBe(0);
    expect(scriptErrors(errors)).toEqual([]);
  });

  it('gives the insurance consultant the gap analysis and puts the draft into the chat', async () => {
    const consultant = stack.staffToken(team.insurance_consultant, 'insurance_consultant');
    const created = await fetch(`${stack.url}/api/gap-analysis`, {
      method: 'POST',
      headers: { authorization: `Bearer ${consultant}`, 'content-type': 'application/json' },
      body: JSON.stringify({ memberId, age: 63, annualIncome: 200_000, debts: 0, liquidAssets: 300_000, dependants: { children: 0, parents: 0, spouse: true }, socialInsurance: true, policies: [{ type: 'medical', sumAssured: 1_000_000, annualPremium: 800 }] }),
    });
    expect(created.status).toBe(201);
    await sandbox.setJssdkContext({ entry: 'single_chat_tools', externalUserId: EXT });
    const { page, errors } = await newPage();
    await page.goto(`${stack.url}/staff/sidebar`);
    await signInAs(page, team.insurance_consultant);
    await page.waitForSelector('#draft-text');
    await expect(page.textContent('#gap')).resolves.toContain('重疾保障');
    expect(await page.locator('.trend').count()).toBe(0);
    await capture(page, 'sidebar-insurance-consultant');
    await page.click('button:has-text("插入聊天")');
    await page.waitForSelector('#draft .notice_ok');
    const inserted = stack.sandbox.state.sent.filter((s) => s.api === 'jssdk/sendChatMessage' && s.touser.includes(EXT));
    expect(inserted).toHaveLength(1);
    expect((inserted[0]?.body as { text: { content: string } }).text.content).toContain('保障缺口分析草案');
    expect(scriptErrors(errors)).toEqual([]);
  });

  it('refuses a WeCom member who is not on the roster, clearly', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${stack.url}/staff/`);
    await page.waitForURL((u) => u.pathname === '/connect/oauth2/authorize');
    await page.fill('#typed input[name="userid"]', 'ui-stranger');
    await page.click('#typed button[type="submit"]');
    await page.waitForSelector('.weui-msg__title');
    await expect(page.textContent('.weui-msg__title')).resolves.toBe('您不在健康社群的服务团队中');
    expect(await page.evaluate("sessionStorage.getItem('health.staff.session')")).toBeNull();
    expect(new URL(page.url()).searchParams.has('code')).toBe(false);
    await capture(page, 'not-staff');
    expect(scriptErrors(errors)).toEqual([]);
  });
});
