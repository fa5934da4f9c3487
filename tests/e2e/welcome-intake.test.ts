import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { SandboxClient } from '../../dev/wecom-sandbox/inspect';
import { buildCallbackRequest, callbackUrl } from '../../dev/wecom-sandbox/callback-builder';
import { memberIdForExternalUser, type Member } from '../../shared/services/members/member';
import { tokenFromFormUrl } from '../../shared/services/welcome/member-link';
import { signToken } from '../../shared/adapters/auth/tokens';
import { errorOf } from '../helpers/http';

/**
 * The welcome → intake journey through the real edge: encrypted add_external_contact with a scene
 * state → member, 4R team, WeCom tags, welcome with a signed form link (in the sandbox) → form
 * submitted with that link's token → profile, tier, tags, plan.
 */
let stack: LocalStack;
let sandbox: SandboxClient;
const machine = () => ({ 'x-internal-key': stack.config.INTERNAL_API_KEY, 'content-type': 'application/json' });

const ROSTER = [
  { userId: 'doc_li', name: '李医生', role: 'family_doctor', scenes: ['policy_delivery', 'reactivation'] },
  { userId: 'doc_an', name: '安医生', role: 'family_doctor', scenes: ['policy_delivery'], onCall: true },
  { userId: 'doc_zhao', name: '赵医生', role: 'family_doctor', scenes: ['claims_service'] },
  { userId: 'butler_xu', name: '徐管家', role: 'health_butler', scenes: ['policy_delivery', 'claims_service', 'reactivation'] },
  { userId: 'rights_he', name: '何顾问', role: 'rights_consultant', scenes: ['policy_delivery', 'claims_service', 'reactivation'] },
  { userId: 'ins_wang', name: '王顾问', role: 'insurance_consultant', scenes: ['policy_delivery', 'claims_service', 'reactivation'] },
];

const FORM = {
  age: 58,
  sex: 'male',
  heightCm: 170,
  weightKg: 82,
  systolic: 146,
  diastolic: 92,
  fastingGlucose: 6.4,
  smoking: 'current',
  drinking: 'occasional',
  exerciseDaysPerWeek: 1,
  familyHistory: ['diabetes'],
  conditions: ['hypertension'],
  medications: '氨氯地平 5mg 每日一次',
  consent: { healthDataProcessing: true, textVersion: 'health-data-v1' },
};

async function postCallback(xmlEvent: Parameters<typeof buildCallbackRequest>[0]['event']) {
  const cfg = stack.config;
  const req = buildCallbackRequest({ token: cfg.WECOM_CALLBACK_TOKEN, encodingAesKey: cfg.WECOM_CALLBACK_AES_KEY, corpId: cfg.WECOM_CORP_ID, event: xmlEvent as never });
  return fetch(`${stack.url}${callbackUrl('/wecom/welcome', req.query)}`, { method: 'POST', body: req.body, headers: { 'content-type': 'text/xml' } });
}

async function tagNamesOf(externalUserId: string, userid: string): Promise<string[]> {
  const follow = stack.sandbox.state.contacts.get(externalUserId)?.follows.get(userid);
  const ids = follow?.tagIds ?? new Set<string>();
  return stack.sandbox.state.tagGroups.flatMap((g) => g.tags.filter((t) => ids.has(t.id)).map((t) => t.name)).sort();
}

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' } });
  sandbox = new SandboxClient(stack.sandbox.url);
  const imported = await fetch(`${stack.url}/api/team/staff`, { method: 'PUT', headers: machine(), body: JSON.stringify({ staff: ROSTER }) });
  expect(imported.status).toBe(200);
});
afterAll(async () => {
  await stack?.close();
});

describe('welcome and health intake, end to end', () => {
  let state = '';
  let externalUserId = '';
  let memberId = '';
  let token = '';

  it('creates a policy-delivery 「联系我」 code whose state names the scene and fits 30 characters', async () => {
    const res = await fetch(`${stack.url}/api/team/contact-ways`, { method: 'POST', headers: machine(), body: JSON.stringify({ scene: 'policy_delivery', staff: ['ins_wang'], campaign: 'spring25' }) });
    expect(res.status).toBe(201);
    const way = (await res.json()) as { state: string; configId: string; qrCode: string };
    state = way.state;
    expect(state.length).toBeLessThanOrEqual(30);
    expect(stack.sandbox.state.contactWays.get(way.configId)).toMatchObject({ state, user: ['ins_wang'], scene: 2 });
    expect(way.qrCode).toContain(way.configId);
  });

  it('turns an encrypted add_external_contact into a member with a 4R team, scene tags and a welcome naming the team', async () => {
    const minted = await sandbox.mintWelcomeCode({ userid: 'ins_wang', state });
    externalUserId = minted.externalUserId;
    const res = await postCallback({ kind: 'change_external_contact', userId: 'ins_wang', externalUserId, state, welcomeCode: minted.welcomeCode });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-callback-outcome')).toBe('processed');

    memberId = memberIdForExternalUser(stack.config.WECOM_CORP_ID, externalUserId);
    const member = (await stack.deps.members.get(memberId)) as Member;
    expect(member).toMatchObject({ externalUserId, addedBy: 'ins_wang', scene: 'policy_delivery', campaign: 'spring25', status: 'active', intakeStatus: 'pending' });
    // Both policy-delivery doctors have no members: the tie goes to the smaller userid.
    expect(member.team).toEqual({ family_doctor: 'doc_an', health_butler: 'butler_xu', rights_consultant: 'rights_he', insurance_consultant: 'ins_wang' });

    const [welcome, ...more] = await sandbox.sent({ api: 'externalcontact/send_welcome_msg', touser: externalUserId });
    expect(more).toHaveLength(0);
    const body = welcome?.body as { text: { content: string }; attachments: { link: { url: string } }[] };
    for (const name of ['安医生', '徐管家', '何顾问', '王顾问']) expect(body.text.content).toContain(name);
    expect(body.text.content).toContain('不做疾病诊断');
    const url = body.attachments[0]?.link.url ?? '';
    expect(url.startsWith(`${stack.url}/m/form#t=`)).toBe(true);
    expect(url).not.toContain(externalUserId);
    token = tokenFromFormUrl(url) ?? '';
    const claims = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'sub']);
    expect(claims).toMatchObject({ aud: 'member-link', sub: memberId });

    // The member pages' shell (web/member); links sent before them still arrive there by redirect.
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app"');
    const legacy = await fetch(`${stack.url}/api/intake/form`, { redirect: 'manual' });
    expect([legacy.status, legacy.headers.get('location')]).toEqual([302, '/m/form']);
    expect(await tagNamesOf(externalUserId, 'ins_wang')).toEqual(['新保单客户']);
  });

  it('refuses a form without consent (422) or with unknown or bad fields (400, named), storing nothing', async () => {
    const post = (body: unknown) => fetch(`${stack.url}/api/intake/forms`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const { consent: _consent, ...withoutConsent } = FORM;
    const noConsent = await post(withoutConsent);
    expect(noConsent.status).toBe(422);
    expect((await errorOf(noConsent)).code).toBe('consent_required');
    const declined = await post({ ...FORM, consent: { healthDataProcessing: false, textVersion: 'health-data-v1' } });
    expect(declined.status).toBe(422);

    const unknown = await post({ ...FORM, bloodType: 'A' });
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).fields).toEqual([{ field: 'bloodType', message: 'unknown field', messageZh: '表中没有这一项：bloodType' }]);
    const bad = await post({ ...FORM, age: 12, systolic: 80, diastolic: 90 });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).fields?.map((f) => f.field).sort()).toEqual(['age', 'systolic']);

    expect(await stack.deps.store.collection('profile_versions').count({ memberId })).toBe(0);
    expect((await stack.deps.members.get(memberId))?.tier).toBeUndefined();
  });

  it('takes the form through the signed link: profile encrypted at rest, tier, tags mirrored to WeCom, plan stored', async () => {
    const res = await fetch(`${stack.url}/api/intake/forms`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(FORM) });
    expect(res.status).toBe(201);
    const result = (await res.json()) as { version: number; tier: string; tags: { code: string; labelZh: string }[]; plan: { kind: string; audience: string }[]; planScheduled: boolean };
    expect(result.version).toBe(1);
    expect(result.planScheduled).toBe(true);
    // The reminder capability holds one reminder per plan entry.
    expect(await stack.deps.store.collection('reminders').count({ memberId, status: 'scheduled' })).toBe(result.plan.length);
    expect(result.tier).toBe('high');
    expect(result.tags.map((t) => t.code)).toEqual(expect.arrayContaining(['hypertension', 'high_bp', 'smoker', 'high', 'new_policy', 'underwriting_attention']));
    expect(result.plan.some((e) => e.kind === 'medication' && e.audience === 'member')).toBe(true);

    const member = (await stack.deps.members.get(memberId)) as Member;
    expect(member).toMatchObject({ tier: 'high', profileVersion: 1, intakeStatus: 'completed' });
    const mirrored = await tagNamesOf(externalUserId, 'ins_wang');
    expect(mirrored).toEqual(expect.arrayContaining(['高风险', '新保单客户']));
    // Conditions and the underwriting hint are health details: every employee sees WeCom tags, so they stay with us.
    for (const healthTag of ['高血压', '吸烟', '核保需关注']) expect(mirrored).not.toContain(healthTag);

    const raw = (await stack.deps.store.collection('profile_versions').findOne({ memberId })) as Record<string, unknown>;
    expect(raw.form).toMatchObject({ _enc: 1 });
    expect(JSON.stringify(raw)).not.toContain('hypertension');
    expect(JSON.stringify(raw)).not.toContain('氨氯地平');
    const plan = (await stack.deps.store.collection('plans').get(memberId)) as Record<string, unknown>;
    expect(plan).toMatchObject({ version: 1, tier: 'high', entries: { _enc: 1 } });
  });

  it('lets the own doctor read the whole profile, the insurance consultant only the summary', async () => {
    const doctor = await fetch(`${stack.url}/api/intake/members/${memberId}/profile`, { headers: { authorization: `Bearer ${stack.staffToken('doc_an', 'family_doctor')}` } });
    expect(doctor.status).toBe(200);
    const profile = (await doctor.json()) as { tier: string; current: { form: { conditions: string[] } }; plan: { entries: unknown[] }; team: Record<string, { name: string }> };
    expect(profile.current.form.conditions).toEqual(['hypertension']);
    expect(profile.plan.entries.length).toBeGreaterThan(3);
    expect(profile.team.family_doctor?.name).toBe('安医生');

    const consultant = { authorization: `Bearer ${stack.staffToken('ins_wang', 'insurance_consultant')}` };
    const full = await fetch(`${stack.url}/api/intake/members/${memberId}/profile`, { headers: consultant });
    expect(full.status).toBe(403);
    const summary = await fetch(`${stack.url}/api/intake/members/${memberId}/profile?view=summary`, { headers: consultant });
    expect(summary.status).toBe(200);
    const s = (await summary.json()) as { tier: string; tags: { dimension: string }[]; current?: unknown };
    expect(s.tier).toBe('high');
    expect(s.current).toBeUndefined();
    expect(new Set(s.tags.map((t) => t.dimension))).toEqual(new Set(['risk_level', 'insurance_need']));

    const otherDoctor = await fetch(`${stack.url}/api/intake/members/${memberId}/profile`, { headers: { authorization: `Bearer ${stack.staffToken('doc_li', 'family_doctor')}` } });
    expect(otherDoctor.status).toBe(403);
  });

  it('keeps history on resubmission and moves tier and WeCom tags with it', async () => {
    const better = { ...FORM, weightKg: 66, systolic: 118, diastolic: 76, fastingGlucose: 5.0, smoking: 'never', exerciseDaysPerWeek: 4, familyHistory: [], conditions: [], medications: undefined, age: 40 };
    const res = await fetch(`${stack.url}/api/intake/forms`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(better) });
    expect(res.status).toBe(201);
    const second = (await res.json()) as { version: number; tier: string; plan: unknown[]; pointsAwarded: number };
    expect(second).toMatchObject({ version: 2, tier: 'low', pointsAwarded: 0 });
    // Completing the form earned points once (the first submission), not again on resubmission.
    // The welcome link only carries the form flow; the member's points are for their own session (mini-program).
    const viaLink = await fetch(`${stack.url}/api/points/balance`, { headers: { authorization: `Bearer ${token}` } });
    expect(viaLink.status).toBe(403);
    expect((await errorOf(viaLink)).code).toBe('link_token_limited');
    const session = signToken(stack.config.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: memberId }, 600, stack.deps.clock.nowMs());
    const balance = await fetch(`${stack.url}/api/points/balance`, { headers: { authorization: `Bearer ${session}` } });
    expect(((await balance.json()) as { balance: number }).balance).toBe(50);
    // The first plan's reminders stop; the new plan's are scheduled.
    const reminders = stack.deps.store.collection('reminders');
    expect(await reminders.count({ memberId, status: 'scheduled' })).toBe(second.plan.length);
    expect(await reminders.count({ memberId, status: 'cancelled', cancelledReason: 'plan_replaced' })).toBeGreaterThan(0);

    const own = await fetch(`${stack.url}/api/intake/profile`, { headers: { authorization: `Bearer ${token}` } });
    const profile = (await own.json()) as { current: { version: number }; history: { version: number; tier: string }[] };
    expect(profile.current.version).toBe(2);
    expect(profile.history.map((h) => [h.version, h.tier])).toEqual([[2, 'low'], [1, 'high']]);
    const tags = await tagNamesOf(externalUserId, 'ins_wang');
    expect(tags).toEqual(expect.arrayContaining(['低风险', '新保单客户']));
    expect(tags).not.toContain('高风险');
    expect(tags).not.toContain('高血压');
  });

  it('alerts the family doctor at once for a red-flag reading, without the value, and only once per reading id', async () => {
    const reading = { readingId: 'bp-2025-0001', type: 'blood_pressure', systolic: 186, diastolic: 112, measuredAtMs: Date.now() - 60_000, source: 'device', deviceId: 'omron-x1' };
    const post = () => fetch(`${stack.url}/api/intake/readings`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(reading) });
    const first = await post();
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ redFlag: 'bp_crisis', alert: 'sent', duplicate: false });
    const again = await post();
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, alert: 'sent' });

    const alerts = await sandbox.sent({ api: 'message/send', touser: 'doc_an' });
    expect(alerts).toHaveLength(1);
    const card = alerts[0]?.body.textcard as { description: string; url: string };
    expect(card.description).not.toContain('186');
    expect(card.url).toBe(`${stack.url}/staff/members/${memberId}?reading=bp-2025-0001`);
    const raw = (await stack.deps.store.collection('readings').findOne({ memberId })) as Record<string, unknown>;
    expect(raw.value).toMatchObject({ _enc: 1 });
  });
});
