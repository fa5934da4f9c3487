import { signToken } from '../../shared/adapters/auth/tokens';
import type { DemoContext } from './context';

type Json = Record<string, unknown> & { error?: { code: string; message: string } };

const str = (x: unknown): string | undefined => (typeof x === 'string' && x.length > 0 ? x : undefined);

async function send(ctx: DemoContext, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${ctx.baseUrl}/api/points${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Json };
}

const failure = (r: { status: number; json: Json }) => `${r.status} ${r.json.error?.code ?? ''} ${r.json.error?.message ?? ''}`.trim();

/**
 * Points for the demo member (docs/prd.md §2.5): intake's "form completed" award and a reading upload arrive
 * through the machine route, then the member redeems the annual check-up (free for every risk tier)
 * and sees balance, redemption and history in their own session (a mini-program token; the welcome
 * link's token only carries the health form, which the step shows when `state.memberLinkToken` is set).
 * Uses `state.memberId` from the welcome/intake step; awards need an existing member, so without one
 * it says what is missing.
 * Re-running is safe: every request carries a fixed idempotency key.
 */
export async function demoPoints(ctx: DemoContext): Promise<void> {
  const memberId = str(ctx.state.memberId);
  if (!memberId) {
    ctx.print('缺少演示会员', 'Missing demo member', 'no state.memberId: run the welcome/intake step first (points are awarded to existing members only)');
    return;
  }
  const nowMs = Date.now();
  const token = signToken(ctx.secrets.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: memberId }, 600, nowMs);
  const member = { authorization: `Bearer ${token}` };
  const link = str(ctx.state.memberLinkToken);
  if (link) {
    const viaLink = await send(ctx, 'GET', '/balance', { authorization: `Bearer ${link}` });
    ctx.print('欢迎链接只用于填表：查积分被拒', 'The welcome link only carries the form: points refused', viaLink.status === 200 ? 'allowed (unexpected)' : failure(viaLink));
  }
  const machine = { 'x-internal-key': ctx.secrets.INTERNAL_API_KEY, 'x-caller': 'demo' };

  const before = await send(ctx, 'GET', '/balance', member);
  ctx.print('当前积分（填表时已自动发放）', 'Balance before (the form earned its points at submission)', before.status === 200 ? before.json.balance : failure(before));

  const awards = [
    { rule: 'reading_uploaded', sourceRef: 'demo:reading', key: `demo:reading:${memberId}`, zh: '上传血压数据', en: 'Reading uploaded' },
  ];
  for (const a of awards) {
    const r = await send(ctx, 'POST', '/earn', { ...machine, 'idempotency-key': a.key }, { memberId, rule: a.rule, sourceRef: a.sourceRef });
    const j = r.json;
    const outcome = r.status >= 400 ? failure(r) : j.status === 'applied' ? `+${String(j.points)} → ${String(j.balance)}` : `0 (${String(j.refusedCode)}: 今日已得 / already awarded today)`;
    ctx.print(`积分：${a.zh}`, `Earned: ${a.en}`, `${outcome}${j.duplicate ? ' (replayed)' : ''}`);
  }

  let redeemed = await send(ctx, 'POST', '/redemptions', { ...member, 'idempotency-key': `demo:checkup:${memberId}` }, { rightId: 'free_checkup' });
  if (redeemed.json.error?.code === 'not_entitled') {
    ctx.print('免费体检', 'Free check-up', 'not entitled yet (no risk tier on the member); redeeming a lecture seat for 50 points instead');
    redeemed = await send(ctx, 'POST', '/redemptions', { ...member, 'idempotency-key': `demo:lecture:${memberId}` }, { rightId: 'lecture_seat' });
  }
  if (redeemed.status >= 400) {
    ctx.print('兑换失败', 'Redemption failed', failure(redeemed));
  } else {
    const r = redeemed.json;
    ctx.print('兑换权益', 'Right redeemed', `${String(r.rightId)}: ${String(r.status)}, ${r.free ? '免费 / free (tier entitlement)' : `${String(r.pointsSpent)} 积分 / points`}`);
    ctx.state.redemptionId = r.redemptionId;
  }

  const after = await send(ctx, 'GET', '/balance', member);
  ctx.print('兑换后积分', 'Balance after', after.status === 200 ? { balance: after.json.balance, lots: after.json.lots } : failure(after));
  const history = await send(ctx, 'GET', '/history?limit=5', member);
  const entries = (history.json.entries as { kind: string; status: string; amount: number; reason: string; balanceAfter: number }[] | undefined) ?? [];
  ctx.print(
    '积分明细（最近）',
    'History (latest)',
    entries.map((e) => `${e.kind} ${e.status} ${e.amount >= 0 ? '+' : ''}${e.amount} (${e.reason}) → ${e.balanceAfter}`).join('\n') || failure(history),
  );
}
