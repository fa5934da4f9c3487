import { signToken } from '../../shared/adapters/auth/tokens';
import type { DemoContext } from './context';

interface ReminderJson {
  id: string;
  kind: string;
  audience: string;
  title: string;
  status: string;
  dueAtLocal: string;
  channel: string | null;
  channelReason: string | null;
}

interface SentJson {
  api: string;
  touser: string[];
  status: string;
  atMs: number;
  body: { text?: { content?: string }; data?: Record<string, { value: string }>; sender?: string };
}

const str = (x: unknown): string | undefined => (typeof x === 'string' && x.length > 0 ? x : undefined);

function shanghaiDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The demo member's reminders (docs/prd.md §2.2.4, §2.4.3, §4.4 step 3): one due now is created by the
 * member's health butler (or the system), the minute timer is fired, and the transcript shows
 * through which WeCom channel it went and why — kf inside the 48 h window, a mini-program
 * subscription, or a confirm-to-send task for the butler — then the plan's upcoming reminders and
 * the renewal reminders of a policy. Uses `state.memberId` from the welcome/intake step.
 */
export async function demoReminders(ctx: DemoContext): Promise<void> {
  const memberId = str(ctx.state.memberId);
  if (!memberId) {
    ctx.print('提示', 'Note', 'no demo member in state (run the welcome step first); skipping reminders');
    return;
  }
  const nowMs = Date.now();
  const butlerId = str(ctx.state.healthButlerId);
  const auth: Record<string, string> = butlerId
    ? { authorization: `Bearer ${signToken(ctx.secrets.TOKEN_SIGNING_SECRET, { aud: 'staff-session', sub: butlerId, role: 'health_butler' }, 600, nowMs)}` }
    : { 'x-internal-key': ctx.secrets.INTERNAL_API_KEY, 'x-caller': 'demo' };
  const headers = { 'content-type': 'application/json', ...auth };
  const api = (path: string, init: RequestInit = {}) => fetch(`${ctx.baseUrl}/api/reminders${path}`, { ...init, headers });

  // 1. A reminder due now (idempotent per day: re-running the demo does not pile them up).
  const created = await api('', {
    method: 'POST',
    body: JSON.stringify({ idempotencyKey: `demo-${memberId}-${shanghaiDate(nowMs)}`, memberId, kind: 'monitoring', title: '请测量并上传今日血压' }),
  });
  const reminder = (await created.json()) as ReminderJson & { error?: { code: string; message: string } };
  if (!created.ok) {
    ctx.print('创建提醒失败', 'Creating the reminder failed', `${created.status} ${reminder.error?.code ?? ''} ${reminder.error?.message ?? ''}`);
    return;
  }
  ctx.print('新建提醒（到期时间，上海）', 'Reminder created (due, Shanghai)', `${reminder.title} @ ${reminder.dueAtLocal} [${created.status === 201 ? 'new' : 'already there'}]`);

  // 2. The minute timer fires (npm start also fires it every minute by itself).
  const before = await sentTo(ctx);
  const fired = await fetch(`${ctx.baseUrl}/_dev/timers/reminder-cron`, { method: 'POST' });
  const result = ((await fired.json()) as { result?: { runs?: { sent: number; deferred: number; byChannel: Record<string, number> }[] } }).result;
  const run = result?.runs?.[0];
  ctx.print('定时任务运行', 'Timer run', run ? `sent ${run.sent}, deferred ${run.deferred}, by channel ${JSON.stringify(run.byChannel)}` : `${fired.status}`);

  // 3. What WeCom (the sandbox) received, and why that channel.
  const after = await sentTo(ctx);
  const fresh = after.slice(before.length).filter((s) => ['kf/send_msg', 'wechat/subscribe/send', 'externalcontact/add_msg_template', 'message/send'].includes(s.api));
  if (fresh.length === 0 && reminder.status === 'scheduled' && Date.parse(`${reminder.dueAtLocal.replace(' ', 'T')}:00+08:00`) > Date.now()) {
    ctx.print('免打扰时段', 'Quiet hours', `21:30–08:00 Shanghai: held until ${reminder.dueAtLocal}`);
  }
  for (const s of fresh) {
    const text = s.body.text?.content ?? s.body.data?.thing1?.value ?? '';
    ctx.print('企业微信收到', 'Delivered to WeCom', `${s.api} → ${s.touser.join(',')} (${s.status}): ${text.split('\n')[0]}`);
  }
  const list = await api(`/members/${encodeURIComponent(memberId)}?limit=20`);
  const { reminders = [] } = (await list.json()) as { reminders?: ReminderJson[] };
  const mine = reminders.find((r) => r.id === reminder.id);
  if (mine) ctx.print('渠道与原因', 'Channel and why', `${mine.status} via ${mine.channel ?? '-'}: ${mine.channelReason ?? mine.status}`);

  // 4. The rest of the member's schedule (the intake plan's reminders, next occurrence first).
  for (const r of reminders.filter((x) => x.status === 'scheduled').slice(0, 6)) {
    ctx.print('后续提醒', 'Upcoming', `${r.dueAtLocal} ${r.audience === 'member' ? '会员' : r.audience} · ${r.title}`);
  }

  // 5. Policy renewal: 30, 7 and 1 day(s) ahead, to member and insurance consultant.
  const expiresOn = shanghaiDate(nowMs + 45 * 86_400_000);
  const renewal = await fetch(`${ctx.baseUrl}/api/reminders/policies`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-internal-key': ctx.secrets.INTERNAL_API_KEY, 'x-caller': 'demo' },
    body: JSON.stringify({ memberId, policyId: 'DEMO-POLICY-1', expiresOn, productName: '百万医疗' }),
  });
  const r = (await renewal.json()) as { ids?: string[]; created?: number };
  ctx.print('保单到期提醒', 'Renewal reminders', `policy expires ${expiresOn}: ${r.ids?.length ?? 0} reminders (${r.created ?? 0} new) at 09:00 on day −30, −7, −1`);
}

async function sentTo(ctx: DemoContext): Promise<SentJson[]> {
  const res = await fetch(`${ctx.sandboxUrl}/_sandbox/sent`);
  return res.ok ? ((await res.json()) as { sent: SentJson[] }).sent : [];
}
