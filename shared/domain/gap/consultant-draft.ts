import type { GapInput } from './input';
import { formatCny } from './format';
import { hasFamilyDuties, MIN_ACCIDENT, MIN_CRITICAL_ILLNESS } from './rules';
import { COVERAGE_LABELS_ZH, COVERAGE_TYPES, type CoverageType, type GapReport, type UnclosedReason } from './types';

export interface DraftContext {
  /** The input the report was computed from (after schema defaults). */
  input: GapInput;
  /** How the consultant addresses the member, e.g. "王女士"; no real name is needed. */
  memberName?: string;
}

const TIER_ZH = { low: '低风险', medium: '中风险', high: '高风险' } as const;

const REASON_ZH: Record<UnclosedReason, string> = {
  no_budget: '保费预算已用完（现有保费或前面几项已占满预算）',
  budget_insufficient: '剩余预算不足以补足全部缺口',
  no_eligible_product: '产品库中暂无符合会员年龄、健康状况或社保情况的产品',
  product_limit: '可选产品的最高保额低于缺口',
};

function family(input: GapInput): string {
  const { children, parents, spouse } = input.dependants;
  const parts = [spouse ? '配偶' : '', children > 0 ? `子女 ${children} 人` : '', parents > 0 ? `父母 ${parents} 人` : ''].filter(Boolean);
  return parts.length > 0 ? `需要照顾${parts.join('、')}` : '没有需要供养的家人';
}

/** Names the recommended sum, and says so when it was rounded up to whole 万元. */
const rounded = (raw: number, recommended: number) =>
  raw === recommended ? `，即 ${formatCny(recommended)}` : `，向上取整到万元为 ${formatCny(recommended)}`;

function why(type: CoverageType, input: GapInput, recommended: number): string {
  const income = input.annualIncome;
  switch (type) {
    case 'critical_illness': {
      const raw = Math.max(MIN_CRITICAL_ILLNESS, 3 * income);
      const base = 3 * income < MIN_CRITICAL_ILLNESS ? `年收入的 3 倍（${formatCny(3 * income)}）不足 30万元，按 30万元 计` : `年收入的 3 倍为 ${formatCny(3 * income)}`;
      return `重疾险在确诊约定的重大疾病后一次性给付，用来弥补治疗和康复期间的收入损失。建议保额取年收入的 3 倍、至少 30万元：${base}${rounded(raw, recommended)}。`;
    }
    case 'medical':
      return `医疗险报销住院、手术等大额医疗费用，建议有 ${formatCny(recommended)} 的医疗保额。${input.socialInsurance ? '' : '会员未参加社保，看病费用更依赖商业医疗险，这一项尤其要紧。'}`;
    case 'accident': {
      const candidates = [`年收入的 5 倍（${formatCny(5 * income)}）`, `负债（${formatCny(input.debts)}）`, `${formatCny(MIN_ACCIDENT)}`];
      return `意外险应对意外身故、伤残和意外医疗。建议保额取${candidates.join('、')}三者中最高的${rounded(Math.max(MIN_ACCIDENT, 5 * income, input.debts), recommended)}。`;
    }
    case 'life':
      if (!hasFamilyDuties(input)) return '会员没有需要供养的家人，也没有负债，目前不需要寿险。';
      if (recommended === 0) return `会员${family(input)}，但流动资产已足以覆盖年收入 10 倍加负债，目前不需要额外寿险。`;
      return `会员${family(input)}${input.debts > 0 ? `，并有负债 ${formatCny(input.debts)}` : ''}。寿险在身故时给付，保障家人生活、偿还负债：年收入的 10 倍加负债、减去流动资产（${formatCny(input.liquidAssets)}）${rounded(10 * income + input.debts - input.liquidAssets, recommended)}。`;
  }
}

function profileLines(report: GapReport, ctx: DraftContext): string[] {
  const { input } = ctx;
  const tier = input.riskTier ? TIER_ZH[input.riskTier] : '暂未评估（按中风险估算）';
  return [
    `- 会员：${ctx.memberName ?? '该会员'}，${input.age} 岁，健康风险等级：${tier}（费率系数 ${report.pricingFactor}）`,
    `- 家庭：${family(input)}；负债 ${formatCny(input.debts)}；流动资产 ${formatCny(input.liquidAssets)}`,
    `- 社保：${input.socialInsurance ? '已参加' : '未参加'}；年收入 ${formatCny(input.annualIncome)}`,
  ];
}

function budgetLine(report: GapReport): string {
  const left = report.premiumBudget - report.currentPremium;
  const head = `建议年保费预算为年收入的 10%，约 ${formatCny(report.premiumBudget)}；现有保单年保费合计 ${formatCny(report.currentPremium)}。`;
  return left > 0 ? `${head}可用于补充保障的预算约 ${formatCny(left)}。` : `${head}现有保费已达到预算，本次不建议增加保费支出。`;
}

function gapSection(report: GapReport, ctx: DraftContext): string[] {
  const lines = report.priority.map((type, i) => {
    const d = report.dimensions[type];
    return `${i + 1}. **${COVERAGE_LABELS_ZH[type]}**：建议 ${formatCny(d.recommended)}，已有 ${formatCny(d.existing)}，缺口 ${formatCny(d.gap)}。\n   ${why(type, ctx.input, d.recommended)}`;
  });
  const covered = COVERAGE_TYPES.filter((t) => report.dimensions[t].gap === 0).map((t) => {
    const d = report.dimensions[t];
    return d.recommended === 0
      ? `- ${COVERAGE_LABELS_ZH[t]}：${why(t, ctx.input, 0)}`
      : `- ${COVERAGE_LABELS_ZH[t]}：已有 ${formatCny(d.existing)}，达到建议的 ${formatCny(d.recommended)}，无需补充。`;
  });
  return [
    '### 各项保障缺口（按缺口占建议保额的比例，从高到低）',
    ...(lines.length > 0 ? lines : ['四项保障均已达到建议水平。']),
    ...(covered.length > 0 ? ['', '**已达到建议水平的保障**', ...covered] : []),
  ];
}

function productSection(report: GapReport): string[] {
  const tierNote = `按费率系数 ${report.pricingFactor} 估算`;
  const recs = report.recommendations.map((r) => {
    const cut = r.sizedDownForBudget ? `；受预算限制，保额低于缺口（${formatCny(report.dimensions[r.type].gap)}）` : '';
    return `- ${COVERAGE_LABELS_ZH[r.type]}：${r.nameZh}，保额 ${formatCny(r.sumAssured)}，预估年保费 ${formatCny(r.annualPremium)}（${tierNote}）${cut}`;
  });
  const open = report.unclosedGaps.map(
    (u) => `- ${COVERAGE_LABELS_ZH[u.type]}：仍有 ${formatCny(u.remainingGap)} 缺口。原因：${REASON_ZH[u.reason]}。`,
  );
  return [
    '### 产品参考',
    ...(recs.length > 0 ? recs : ['本次预算内暂无可推荐的产品。']),
    ...(open.length > 0 ? ['', '### 预算内暂未解决的缺口', ...open] : []),
  ];
}

function tips(ctx: DraftContext): string[] {
  const { input } = ctx;
  return [
    '### 沟通提示',
    '- 先从排在第一位的缺口谈起，用会员听得懂的话讲清“为什么需要”，不要一次推荐全部产品。',
    '- 保费按产品费率表估算，实际以保险公司核保结果为准。',
    ...(input.riskTier === 'high' ? ['- 会员健康风险等级较高，投保时须如实健康告知，可能加费、除外承保或拒保。'] : []),
    ...(input.riskTier === undefined ? ['- 会员尚未完成健康评估，费率按中风险估算，建议先邀请会员完成健康表单。'] : []),
    ...(input.socialInsurance ? [] : ['- 会员未参加社保，建议先提醒参加当地城乡居民医保，再谈商业保险。']),
    ...(input.conditions === undefined ? ['- 会员既往病史未知，产品筛选未考虑既往症，投保前请核实。'] : []),
  ];
}

/** Markdown draft for the insurance consultant (docs/prd.md §2.6.3): why each gap exists, what fits the budget. */
export function consultantDraft(report: GapReport, ctx: DraftContext): string {
  return [
    '## 保障缺口分析草案',
    '',
    '> 供保险顾问参考，由系统根据会员填写的信息自动生成。与会员沟通前请先核实信息，尊重会员意愿。',
    '',
    '**会员概况**',
    ...profileLines(report, ctx),
    '',
    '**保费预算**',
    budgetLine(report),
    '',
    ...gapSection(report, ctx),
    '',
    ...productSection(report),
    '',
    ...tips(ctx),
  ].join('\n');
}
