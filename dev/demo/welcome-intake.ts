import { randomBytes } from 'node:crypto';
import type { DemoContext } from './context';
import { mirrorsToWecom } from '../../shared/domain/health/tags';
import type { Tag } from '../../shared/domain/health/tag-catalogue';
import { SandboxClient } from '../wecom-sandbox/inspect';
import { buildCallbackRequest, callbackUrl } from '../wecom-sandbox/callback-builder';
import { tokenFromFormUrl } from '../../shared/services/welcome/member-link';
import { CONSENT_TEXT_VERSION } from '../../shared/services/intake/consent';
import { ROLE_LABELS_ZH, type FourRRole } from '../../shared/domain/team/roles';

/** The demo roster: one policy-delivery team (and a second doctor so balancing has a choice). */
const ROSTER = [
  { userId: 'doc_li', name: '李医生', role: 'family_doctor', scenes: ['policy_delivery', 'reactivation'], onCall: true },
  { userId: 'doc_zhou', name: '周医生', role: 'family_doctor', scenes: ['policy_delivery', 'claims_service'] },
  { userId: 'butler_xu', name: '徐管家', role: 'health_butler', scenes: ['policy_delivery', 'claims_service', 'reactivation'] },
  { userId: 'rights_he', name: '何顾问', role: 'rights_consultant', scenes: ['policy_delivery', 'claims_service', 'reactivation'] },
  { userId: 'ins_wang', name: '王顾问', role: 'insurance_consultant', scenes: ['policy_delivery', 'claims_service', 'reactivation'] },
];

const FORM = {
  age: 56,
  sex: 'male',
  heightCm: 172,
  weightKg: 84,
  waistCm: 95,
  systolic: 142,
  diastolic: 88,
  fastingGlucose: 6.3,
  smoking: 'current',
  drinking: 'occasional',
  exerciseDaysPerWeek: 1,
  familyHistory: ['diabetes'],
  conditions: ['hyperlipidemia'],
  consent: { healthDataProcessing: true, textVersion: CONSENT_TEXT_VERSION },
};

async function call<T>(url: string, init: RequestInit & { expect?: number[] } = {}): Promise<T> {
  const res = await fetch(url, init);
  const body = (await res.json()) as T & { error?: { message: string } };
  if (!(init.expect ?? [200, 201]).includes(res.status)) throw new Error(`${init.method ?? 'GET'} ${url} → ${res.status}: ${body.error?.message ?? ''}`);
  return body;
}

/**
 * Step 1: a customer joins from a policy-delivery 「联系我」 code, gets the welcome with their 4R team
 * and a signed form link, fills in the form through that link, and sees tier, tags and plan.
 * Leaves memberId, memberLinkToken (the welcome link's token: form flow only), externalUserId and team in ctx.state for later steps.
 */
export async function demoWelcomeIntake(ctx: DemoContext): Promise<void> {
  const machine = { 'x-internal-key': ctx.secrets.INTERNAL_API_KEY, 'content-type': 'application/json' };
  const sandbox = new SandboxClient(ctx.sandboxUrl);

  const roster = await call<{ created: number; updated: number }>(`${ctx.baseUrl}/api/team/staff`, { method: 'PUT', headers: machine, body: JSON.stringify({ staff: ROSTER }) });
  ctx.print('导入4R服务团队名单', 'roster imported', `${ROSTER.length} 人 / people (new ${roster.created}, updated ${roster.updated})`);

  const way = await call<{ state: string; qrCode: string }>(`${ctx.baseUrl}/api/team/contact-ways`, {
    method: 'POST',
    headers: machine,
    body: JSON.stringify({ scene: 'policy_delivery', staff: ['ins_wang'], campaign: 'demo', remark: '保单交付-演示' }),
  });
  ctx.print('保单交付「联系我」二维码', 'policy-delivery contact-me code', { state: way.state, qrCode: way.qrCode });

  // The customer scans the code: WeCom creates the relation and pushes add_external_contact with a welcome code.
  const scanned = await sandbox.mintWelcomeCode({ userid: 'ins_wang', state: way.state, name: '张先生' });
  const req = buildCallbackRequest({
    ...ctx.secrets.callbacks.welcome,
    event: { kind: 'change_external_contact', userId: 'ins_wang', externalUserId: scanned.externalUserId, state: way.state, welcomeCode: scanned.welcomeCode },
  });
  const cb = await fetch(`${ctx.baseUrl}${callbackUrl('/wecom/welcome', req.query)}`, { method: 'POST', body: req.body });
  ctx.print('企业微信加好友回调（已加密）', 'encrypted add_external_contact callback', `HTTP ${cb.status}, ${cb.headers.get('x-callback-outcome') ?? ''}`);

  const [welcome] = await sandbox.sent({ api: 'externalcontact/send_welcome_msg', touser: scanned.externalUserId });
  if (!welcome) throw new Error('no welcome message reached the sandbox');
  const body = welcome.body as { text: { content: string }; attachments: { link: { title: string; url: string } }[] };
  const link = body.attachments[0]?.link;
  ctx.print('客户收到的欢迎语', 'welcome message received', `${body.text.content}\n[${link?.title}] ${link?.url.replace(/#t=.*/, '#t=…')}`);

  const token = tokenFromFormUrl(link?.url ?? '');
  if (!token) throw new Error('the welcome link carries no token');
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const submitted = await call<{ memberId: string; version: number; tier: string; score: number; tags: { dimension: string; labelZh: string }[]; plan: { title: string; audience: string }[]; planScheduled: boolean }>(
    `${ctx.baseUrl}/api/intake/forms`,
    { method: 'POST', headers: auth, body: JSON.stringify(FORM) },
  );
  ctx.print('通过签名链接提交健康表', 'form submitted via the signed link', `profile version ${submitted.version}`);
  ctx.print('风险等级', 'risk tier', `${submitted.tier} (score ${submitted.score})`);
  ctx.print('智能标签', 'smart tags', submitted.tags.map((t) => t.labelZh).join('、'));
  // Health-status tags and the underwriting hint stay in our store: every employee sees WeCom tags.
  const shared = submitted.tags.filter((t) => mirrorsToWecom(t as Tag));
  ctx.print('同步到企业微信的标签', 'mirrored to WeCom customer tags', shared.map((t) => t.labelZh).join('、'));
  const [zh, en] = submitted.planScheduled ? ['已交给提醒服务', 'handed to reminders'] : ['未能排程', 'not scheduled'];
  ctx.print(`个人健康计划（${zh}）`, `personal plan (${en})`, submitted.plan.map((e) => `· [${e.audience}] ${e.title}`).join('\n'));

  const profile = await call<{ team: Partial<Record<FourRRole, { name: string | null }>>; intakeStatus: string; history: unknown[] }>(`${ctx.baseUrl}/api/intake/profile`, { headers: auth });
  const team = Object.entries(profile.team).map(([role, who]) => `${ROLE_LABELS_ZH[role as FourRRole]} ${who?.name ?? ''}`).join('，');
  ctx.print('健康档案', 'profile', `${profile.intakeStatus}, ${profile.history.length} version(s); 团队 team: ${team}`);

  const readingId = `demo-bp-${randomBytes(4).toString('hex')}`;
  const reading = await call<{ redFlag: string | null; alert: string | null }>(`${ctx.baseUrl}/api/intake/readings`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ readingId, type: 'blood_pressure', systolic: 186, diastolic: 114, measuredAtMs: Date.now() - 60_000, source: 'device', deviceId: 'demo-cuff' }),
  });
  const alerts = await sandbox.sent({ api: 'message/send' });
  const card = alerts.at(-1)?.body.textcard as { title: string; description: string } | undefined;
  ctx.print('红色预警读数 → 家庭医生', 'red-flag reading → family doctor', `${reading.redFlag} / alert ${reading.alert}: ${card?.title ?? ''} — ${card?.description.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() ?? ''}`);

  ctx.state.memberId = submitted.memberId;
  ctx.state.memberLinkToken = token;
  ctx.state.externalUserId = scanned.externalUserId;
  ctx.state.team = profile.team;
}
