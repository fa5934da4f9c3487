import { signToken } from '../../shared/adapters/auth/tokens';
import type { DemoContext } from './context';

/** The demo member's finances as the insurance consultant would note them in a first talk. */
const DEMO_INPUT = {
  age: 35,
  annualIncome: 300_000,
  debts: 1_000_000,
  liquidAssets: 200_000,
  dependants: { children: 1, parents: 0, spouse: true },
  socialInsurance: true,
  policies: [{ type: 'medical', sumAssured: 1_000_000, annualPremium: 300 }],
};

interface ReportJson {
  reportId?: string;
  pricingFactor?: number;
  tierSource?: string;
  priority?: string[];
  consultantDraft?: string;
  memberSummary?: string;
  error?: { code: string; message: string };
}

const str = (x: unknown): string | undefined => (typeof x === 'string' && x.length > 0 ? x : undefined);

async function json(res: Response): Promise<ReportJson> {
  return (await res.json()) as ReportJson;
}

/**
 * Gap analysis for the demo member (docs/prd.md §4.3 steps 2–3): the draft the insurance consultant gets,
 * then what the member sees. Uses `state.memberId` (set by the welcome/intake step) and, when that
 * step names one, `state.insuranceConsultantId`; otherwise the system (internal key) drafts the
 * report, as it would after intake. Without a demo member it shows an unstored analysis.
 */
export async function demoGapAnalysis(ctx: DemoContext): Promise<void> {
  const memberId = str(ctx.state.memberId);
  const consultantId = str(ctx.state.insuranceConsultantId);
  const nowMs = Date.now();
  const auth: Record<string, string> = consultantId
    ? { authorization: `Bearer ${signToken(ctx.secrets.TOKEN_SIGNING_SECRET, { aud: 'staff-session', sub: consultantId, role: 'insurance_consultant' }, 600, nowMs)}` }
    : { 'x-internal-key': ctx.secrets.INTERNAL_API_KEY, 'x-caller': 'demo' };

  ctx.print('输入（年收入、负债等）', 'Input (income, debts, …)', DEMO_INPUT);
  const res = await fetch(`${ctx.baseUrl}/api/gap-analysis`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `demo-gap-${memberId ?? 'none'}`, ...auth },
    body: JSON.stringify(memberId ? { ...DEMO_INPUT, memberId } : DEMO_INPUT),
  });
  const report = await json(res);
  if (!res.ok) {
    ctx.print('缺口分析失败', 'Gap analysis failed', `${res.status} ${report.error?.code ?? ''} ${report.error?.message ?? ''}`);
    return;
  }
  if (!memberId) ctx.print('提示', 'Note', 'no demo member in state (run the welcome step first); showing an unstored analysis');
  ctx.print('费率系数（来源）', 'Pricing factor (tier source)', `${report.pricingFactor} (${report.tierSource})`);
  ctx.print('优先级', 'Priority', (report.priority ?? []).join(' > '));
  ctx.print('保险顾问草案', 'Consultant draft', report.consultantDraft ?? '');
  if (!memberId || !report.reportId) return;
  ctx.state.gapReportId = report.reportId;

  // The member's own session (mini-program); the welcome link's token does not open gap reports.
  const memberToken = signToken(ctx.secrets.TOKEN_SIGNING_SECRET, { aud: 'mini-program', sub: memberId }, 600, nowMs);
  const seen = await fetch(`${ctx.baseUrl}/api/gap-analysis/reports/${report.reportId}`, { headers: { authorization: `Bearer ${memberToken}` } });
  const forMember = await json(seen);
  ctx.print('会员看到的小结（无草案、无产品）', 'What the member sees (no draft, no products)', forMember.memberSummary ?? `${seen.status}`);
}
