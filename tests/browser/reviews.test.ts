import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { SandboxClient } from '../../dev/wecom-sandbox/inspect';
import { STAFF_GRANTS, type StaffGrant } from '../../shared/services/identity/staff-session';
import type { TicketSummary } from '../../shared/services/triage/views';
import { memberIdForExternalUser } from '../../shared/services/members/member';
import { addMember, importTeam } from '../helpers/team';
import { collectPageErrors, DESKTOP, HAS_CHROMIUM, launchChromium, PHONE, phoneContext, screenshot, seriousA11yViolations } from '../helpers/browser';
import { kfCustomerWrites } from '../helpers/kf-customer';

/*
 * The review queue (/staff/reviews) in Chromium against the whole local stack: a doctor's replies
 * with a cure promise and a product claim are held; a compliance reviewer signs in through WeCom
 * OAuth, reads each text with the rule it hit and why, releases one (it reaches WeCom once) and
 * rejects the other with a reason, which the doctor then reads on the ticket. Screenshots:
 * test-results/screenshots/reviews-*.
 */

const OPEN_KF_ID = 'wkReviewUi';
const team = { family_doctor: 'rq-doc', health_butler: 'rq-butler', rights_consultant: 'rq-rights', insurance_consultant: 'rq-ins' } as const;
const REVIEWER = 'rq-compliance';
const CURE = '这个方子坚持吃保证根治';
const PRODUCT = '这款益生菌可以替代降糖药，现在不买以后就没了';
const DOSE = '按医生处方，二甲双胍每次1片，饭后服用';

let stack: LocalStack;
let sandbox: SandboxClient;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];
const tickets: Record<string, string> = {};

async function reply(ext: string, question: string, text: string, expected: number): Promise<void> {
  const memberId = await addMember(stack, team, ext);
  expect(await kfCustomerWrites(stack, sandbox, { openKfId: OPEN_KF_ID, externalUserId: ext, text: question })).toBe(200);
  const doc = stack.staffToken(team.family_doctor, 'family_doctor');
  const mine = (await (await fetch(`${stack.url}/api/triage/tickets?mine=1`, { headers: { authorization: `Bearer ${doc}` } })).json()) as { tickets: TicketSummary[] };
  const ticketId = mine.tickets.find((t) => t.memberId === memberId)?.id as string;
  tickets[ext] = ticketId;
  const res = await fetch(`${stack.url}/api/triage/tickets/${ticketId}/reply`, { method: 'POST', headers: { authorization: `Bearer ${doc}`, 'content-type': 'application/json' }, body: JSON.stringify({ text, key: `ui-${ext}` }) });
  expect(res.status).toBe(expected);
}

const kfTexts = (ext: string): string[] => stack.sandbox.state.sent.filter((s) => s.api === 'kf/send_msg' && s.touser.includes(ext)).map((s) => (s.body as { text?: { content: string } }).text?.content ?? '');

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await phoneContext(browser as Browser);
  contexts.push(context);
  const page = await context.newPage();
  return { page, errors: collectPageErrors(page) };
}

async function signInAs(page: Page, userid: string): Promise<void> {
  await page.waitForURL((u) => u.pathname === '/connect/oauth2/authorize');
  await page.click(`button[data-userid="${userid}"]`);
  await page.waitForURL((u) => u.origin === stack.url && !u.searchParams.has('code'));
}

async function capture(page: Page, name: string): Promise<void> {
  for (const [size, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(150);
    await screenshot(page, `reviews-${name}-${size}`);
    expect(await seriousA11yViolations(page), `${name} at ${size}`).toEqual([]);
  }
  await page.setViewportSize(PHONE);
}

const scriptErrors = (errors: string[]) => errors.filter((e) => /pageerror|Content Security Policy|Refused to/i.test(e));

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' } });
  sandbox = new SandboxClient(stack.sandbox.url);
  await importTeam(stack, team, { family_doctor: '孙医生', health_butler: '周管家', rights_consultant: '吴顾问', insurance_consultant: '郑顾问' });
  // Ops grant the compliance reviewer role as they grant supervisors (staff_grants).
  await stack.deps.store.collection<StaffGrant>(STAFF_GRANTS).insert({ _id: REVIEWER, role: 'compliance_reviewer', grantedAtMs: Date.now(), grantedBy: 'ops-1' });
  await reply('wmRqCure01', '血糖一直偏高怎么办', CURE, 202);
  await reply('wmRqProd01', '有没有不用吃药的办法', PRODUCT, 202);
  // A dose restated from the prescription: sent (200), kept as a flag for a second look.
  await reply('wmRqDose01', '二甲双胍怎么吃', DOSE, 200);
  if (HAS_CHROMIUM) browser = await launchChromium();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await stack?.close();
});

describe.skipIf(!HAS_CHROMIUM)('the review queue in Chromium', () => {
  it('a compliance reviewer reads each held text with its rule and reason, releases one and rejects the other; the author reads the outcome', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${stack.url}/staff/reviews`);
    await signInAs(page, REVIEWER);
    await page.waitForSelector('.review');
    expect(await page.locator('.review').count()).toBe(2);
    const cure = page.locator('.review', { hasText: CURE });
    await expect(cure.locator('.review__hit[data-rule="cure.claim"]').textContent()).resolves.toContain('不得承诺治愈');
    await expect(cure.locator('.review__hit[data-rule="cure.claim"] mark').textContent()).resolves.toBe('根治');
    const product = page.locator('.review', { hasText: PRODUCT });
    await expect(product.locator('.review__hit[data-rule="product.replaces_medicine"]').textContent()).resolves.toContain('不得宣称产品可替代药物');
    await expect(product.locator('.review__hit[data-rule="selling.fear"]').textContent()).resolves.toContain('销售施压');
    await capture(page, 'queue');

    await cure.locator('button:has-text("放行并发送")').click();
    await expect(cure.locator('.notice').textContent()).resolves.toBe('已放行并发送给会员');
    expect(kfTexts('wmRqCure01').filter((t) => t === CURE)).toHaveLength(1);

    await product.locator('button:has-text("驳回")').click();
    await product.locator('textarea').fill('含产品替代药物的宣称和销售施压，请删去');
    await capture(page, 'reject-form');
    await product.locator('button:has-text("确认驳回")').click();
    await expect(product.locator('.notice').textContent()).resolves.toContain('已驳回');
    expect(kfTexts('wmRqProd01')).not.toContain(PRODUCT);
    await capture(page, 'decided');

    // A reload shows the queue empty: both are decided.
    await page.reload();
    await page.waitForSelector('.empty');

    // Sent texts with wording kept for a second look: listed without release or reject, only 已复查.
    await page.click('button[role="tab"]:has-text("已发送待复查")');
    await page.waitForSelector('.review');
    const flagged = page.locator('.review', { hasText: DOSE });
    await expect(flagged.locator('.review__hit[data-rule="rx.dose"]').textContent()).resolves.toContain('具体用量');
    expect(await flagged.locator('button').allTextContents()).toEqual(['已复查']);
    expect(kfTexts('wmRqDose01')).toContain(DOSE);
    await capture(page, 'flagged');
    await flagged.locator('button:has-text("已复查")').click();
    await expect(flagged.locator('.notice').textContent()).resolves.toBe('已复查，不再列在待复查中');
    expect(await flagged.locator('button').count()).toBe(0);
    // Checked, it leaves the list for good.
    await page.reload();
    await page.click('button[role="tab"]:has-text("已发送待复查")');
    await page.waitForSelector('.empty');
    expect(scriptErrors(errors)).toEqual([]);

    // The author sees on the ticket that the reply was not sent, and why.
    const doctor = await newPage();
    await doctor.page.goto(`${stack.url}/staff/tickets/${tickets.wmRqProd01}`);
    await signInAs(doctor.page, team.family_doctor);
    await doctor.page.waitForSelector('#held-replies');
    await expect(doctor.page.textContent('#held-replies')).resolves.toContain('未通过审核，未发送');
    await expect(doctor.page.textContent('#held-replies')).resolves.toContain('驳回原因：含产品替代药物的宣称和销售施压，请删去');
    await capture(doctor.page, 'ticket-rejected');
    expect(memberIdForExternalUser(stack.config.WECOM_CORP_ID, 'wmRqProd01')).toMatch(/^m_/);
    expect(scriptErrors(doctor.errors)).toEqual([]);
  });
});
