import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../scripts/cli';
import { writeStackFile } from '../../dev/stack-file';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { SandboxClient } from '../../dev/wecom-sandbox/inspect';
import { signToken } from '../../shared/adapters/auth/tokens';
import { currentConsentText } from '../../shared/domain/consent/optional-consents';
import { shanghaiInstant } from '../../shared/domain/reminders/shanghai-time';
import { ManualClock } from '../../shared/ports/clock';
import { MEMBERS, type Member } from '../../shared/services/members/member';
import { createOptionalConsents } from '../../shared/services/members/optional-consents';
import { createOutcomeEventLog } from '../../shared/services/outcomes/outcome-events';
import { CONSENT_EVENTS } from '../../shared/services/privacy/records';
import { errorOf } from '../helpers/http';

/**
 * Content and offers through the local stack: ops import the library and put an item on the calendar
 * over HTTP; a member's high glucose reading becomes an offer that goes out with the minute timer; the
 * member opens it through its signed link and the mall reports the order.
 */
const T0 = shanghaiInstant(2026, 12, 7, 10, 0);
const MALL = 'https://mall.example.cn/open';
const clock = new ManualClock(T0);
let stack: LocalStack;
let sandbox: SandboxClient;

const SEED = readFileSync('docs/content/seed-items.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const json = { 'content-type': 'application/json' };
const machine = () => ({ 'x-internal-key': stack.config.INTERNAL_API_KEY, ...json });
const bearer = (token: string) => ({ authorization: `Bearer ${token}`, ...json });
const ops = () => bearer(stack.staffToken('ops-1', 'ops_admin'));
const memberSession = (memberId: string) => bearer(signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: memberId }, 3600, clock.nowMs()));
const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  fetch(`${stack.url}${path}`, { method, headers, redirect: 'manual', ...(body !== undefined && { body: JSON.stringify(body) }) });
const fireTimer = async () => expect((await fetch(`${stack.url}/_dev/timers/reminder-cron`, { method: 'POST' })).status).toBe(200);

async function seedMember(id: string): Promise<void> {
  const member: Member = {
    _id: id,
    externalUserId: `wm_${id}`,
    team: { family_doctor: 'doc-1', health_butler: 'hb-1' },
    status: 'active',
    joinedAtMs: T0,
    updatedAtMs: T0,
    tags: [{ dimension: 'health_status', code: 'diabetes' }],
  };
  await stack.deps.store.collection<Member>(MEMBERS).insert(member);
  await sandbox.addExternalContact({ userid: 'hb-1', externalUserId: `wm_${id}` });
  // The member's own health-data consent (given again after a withdrawal, the shape intake reads).
  await stack.deps.store.collection(CONSENT_EVENTS).insert({ _id: `ce_${id}`, memberId: id, kind: 'given', actor: { kind: 'member', id }, consentTextVersion: 'v1', atMs: T0 });
}

beforeAll(async () => {
  stack = await startLocalStack({ clock, env: { LOG_LEVEL: 'silent', OFFERS_MALL_URL: MALL } });
  sandbox = new SandboxClient(stack.sandbox.url);
  await seedMember('m_off');
  await seedMember('m_yes');
  await stack.deps.members.bindOpenId('m_yes', 'o_yes', T0);
  await createOptionalConsents(stack.deps).set('m_yes', 'personalised_offers', { granted: true, textVersion: currentConsentText('personalised_offers').version }, { kind: 'member', id: 'm_yes' });
});
afterAll(async () => {
  await stack?.close();
});

describe('content library over HTTP', () => {
  it('imports the sourced seed once, names a bad item by its index, and is for ops only', async () => {
    const items = SEED.map((i) => ({ ...i, reviewer: i.id === 'summer-diabetes-hydration' ? '李医生（内分泌）' : i.reviewer }));
    const first = await call('PUT', '/api/content/items', machine(), { items });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ created: 6, updated: 0, unchanged: 0 });
    expect(await (await call('PUT', '/api/content/items', machine(), { items })).json()).toEqual({ created: 0, updated: 0, unchanged: 6 });

    const bad = await call('PUT', '/api/content/items', ops(), { items: [items[0], { ...items[1], title: '', season: 'monsoon' }] });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).fields?.map((f) => f.field).sort()).toEqual(['items.1.season', 'items.1.title']);

    const list = await call('GET', '/api/content/items', ops());
    const listed = ((await list.json()) as { items: { id: string; source: string; reviewer: string }[] }).items;
    expect(listed).toHaveLength(6);
    expect(listed.every((i) => i.source.length > 2)).toBe(true);
    expect(listed.filter((i) => i.reviewer === '待审核')).toHaveLength(5);

    const butler = await call('GET', '/api/content/items', bearer(stack.staffToken('hb-1', 'health_butler')));
    expect(butler.status).toBe(403);
  });

  it('cli content import / list go through the running stack: the seed file as shipped, then the library', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'content-cli-'));
    writeStackFile(dataDir, { pid: process.pid, url: stack.url, sandboxUrl: stack.sandbox.url, wecom: 'sandbox', store: 'embedded', startedAt: new Date().toISOString(), credentials: stack.credentials });
    vi.stubEnv('DATA_DIR', dataDir);
    const run = async (argv: string[]) => {
      const out: string[] = [];
      const sink = new Writable({ write: (chunk, _enc, cb) => (out.push(String(chunk)), cb()) });
      const code = await runCli(argv, { stdin: Readable.from([]), stdout: sink, stderr: new Writable({ write: (_c, _e, cb) => cb() }) });
      return { code, lines: out.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
    };
    try {
      // The shipped seed has every item 待审核: the one the previous test signed is put back.
      expect(await run(['content', 'import', '--in', 'docs/content/seed-items.jsonl'])).toEqual({ code: 0, lines: [{ created: 0, updated: 1, unchanged: 5 }] });
      const listed = await run(['content', 'list']);
      expect(listed.lines.map((l) => l.id)).toHaveLength(6);
    } finally {
      vi.unstubAllEnvs();
    }
    // Sign the summer item again for the calendar test below.
    const summer = { ...SEED.find((i) => i.id === 'summer-diabetes-hydration'), reviewer: '李医生（内分泌）' };
    expect((await call('PUT', '/api/content/items/summer-diabetes-hydration', ops(), summer)).status).toBe(200);
  });

  it('schedules a reviewed item for today and sends it with the minute timer to the members it is for', async () => {
    const unreviewed = await call('POST', '/api/content/calendar', ops(), { itemId: 'flu-season-vaccine', date: '2026-12-07', time: '10:00' });
    expect(unreviewed.status).toBe(409);
    const created = await call('POST', '/api/content/calendar', ops(), { itemId: 'summer-diabetes-hydration', date: '2026-12-07', time: '10:00' });
    expect(created.status).toBe(201);
    await fireTimer();
    const tasks = await sandbox.sent({ api: 'externalcontact/add_msg_template' });
    // One confirm-to-send task for the butler, to both diabetic members (same sender, same text).
    const summer = tasks.filter((t) => (t.body.text as { content: string }).content.includes('夏季糖友'));
    expect(summer.map((t) => [...(t.touser as string[])].sort())).toEqual([['wm_m_off', 'wm_m_yes']]);
    expect((summer[0]?.body.text as { content: string }).content).toContain('来源：中华医学会糖尿病学分会');
  });
});

describe('an offer at a moment of care over HTTP', () => {
  const reading = (memberId: string, readingId: string) => ({ readingId, type: 'fasting_glucose', mmolL: 17.2, measuredAtMs: clock.nowMs() - 60_000, source: 'manual' });

  it('a high reading offers only the consenting member; the link opens once into the mall; the mall reports the order', async () => {
    clock.set(T0 + 3_600_000);
    for (const id of ['m_off', 'm_yes']) expect((await call('POST', '/api/intake/readings', memberSession(id), reading(id, `glucose-${id}`))).status).toBe(201);
    await fireTimer();
    const offers = (await sandbox.sent({ api: 'externalcontact/add_msg_template' })).map((t) => (t.body.text as { content: string }).content).filter((t) => t.includes('为您推荐'));
    expect(offers).toHaveLength(1);
    const [text] = offers as [string];
    expect(text).toContain('因为您最近上传的一次血糖读数偏高');
    expect(text).not.toContain('17.2');
    expect((await sandbox.sent({ api: 'externalcontact/add_msg_template' })).filter((t) => (t.body.text as { content: string }).content.includes('为您推荐')).map((t) => t.touser)).toEqual([['wm_m_yes']]);

    // The next tick records the offer as shown, at the instant it went out.
    clock.set(T0 + 3_660_000);
    await fireTimer();
    clock.set(T0 + 4_000_000);
    const link = /https?:\/\/\S+\/api\/offers\/open\?t=[A-Za-z0-9_.-]+/.exec(text)?.[0] as string;
    const path = new URL(link).pathname + new URL(link).search;
    const opened = await call('GET', path, {});
    expect(opened.status).toBe(302);
    const location = new URL(opened.headers.get('location') as string);
    expect(`${location.origin}${location.pathname}`).toBe(MALL);
    expect(location.searchParams.get('path')).toBe('pages/article/detail?id=diabetes-diet-guide');
    const deliveryId = location.searchParams.get('offer') as string;
    expect((await call('GET', path, {})).status).toBe(302);

    const tampered = await call('GET', `${path.slice(0, -3)}abc`, {});
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain('链接已失效');

    clock.set(T0 + 5_000_000);
    const conversion = await call('POST', '/api/offers/conversions', machine(), { deliveryId });
    expect(conversion.status).toBe(201);
    expect((await call('POST', '/api/offers/conversions', machine(), { deliveryId })).status).toBe(200);
    expect((await call('POST', '/api/offers/conversions', memberSession('m_yes'), { deliveryId })).status).toBe(403);

    const events = await createOutcomeEventLog(stack.deps.store).ofMember('m_yes', ['offer_shown', 'offer_opened', 'offer_converted']);
    expect(events.map((e) => [e.type, e.atMs])).toEqual([['offer_shown', T0 + 3_600_000], ['offer_opened', T0 + 4_000_000], ['offer_converted', T0 + 5_000_000]]);
    expect(events.every((e) => e.key === deliveryId && e.data?.rule === 'glucose_high_diet')).toBe(true);

    const viaMiniProgram = await fetch(`${stack.url}/_dev/call/reminder-cron`, { method: 'POST', headers: { ...json, 'x-dev-openid': 'o_yes' }, body: JSON.stringify({ action: 'offers' }) });
    expect(await viaMiniProgram.json()).toMatchObject({ ok: true, data: { memberId: 'm_yes', offers: [{ deliveryId, ruleId: 'glucose_high_diet' }] } });
    const mine = await call('GET', '/api/offers/mine', memberSession('m_yes'));
    expect(await mine.json()).toMatchObject({ offers: [{ deliveryId, reasonZh: '因为您最近上传的一次血糖读数偏高', status: 'shown' }], switchOffUrl: expect.stringMatching(/\/m\/consents$/) });
  });

  it('an expired link says so in a page the member can read', async () => {
    const token = signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'offer-click', sub: 'ofr_AAAAAAAAAAAAAAAAAAAAAA', scp: 'o:0' }, 60, clock.nowMs() - 3_600_000);
    const res = await call('GET', `/api/offers/open?t=${token}`, {});
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('链接已失效');
  });

  it('partner systems report a closed claim with the machine key; a member cannot', async () => {
    const moment = { memberId: 'm_yes', event: 'claim_closed', ref: 'CLM-2026-0042' };
    expect((await call('POST', '/api/offers/moments', memberSession('m_yes'), moment)).status).toBe(403);
    const res = await call('POST', '/api/offers/moments', machine(), moment);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ outcomes: [{ ruleId: 'claim_recovery', offered: true }] });
    // No offer for a member without the consent: the partner learns that much, never why.
    const refused = await call('POST', '/api/offers/moments', machine(), { ...moment, memberId: 'm_off' });
    expect(refused.status).toBe(200);
    const body = (await refused.json()) as { outcomes: Record<string, unknown>[] };
    expect(body.outcomes).toEqual([{ ruleId: 'claim_recovery', offered: false }]);
    expect(JSON.stringify(body)).not.toMatch(/no_consent|reason/);
    const bad = await call('POST', '/api/offers/moments', machine(), { ...moment, event: 'glucose_high_reading' });
    expect(bad.status).toBe(400);
  });
});
