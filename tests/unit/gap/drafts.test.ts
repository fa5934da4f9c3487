import { describe, expect, it } from 'vitest';
import { analyseGap } from '../../../shared/domain/gap/analyse';
import { SAMPLE_CATALOGUE } from '../../../shared/domain/gap/catalogue';
import { consultantDraft } from '../../../shared/domain/gap/consultant-draft';
import { formatCny } from '../../../shared/domain/gap/format';
import { memberSummary } from '../../../shared/domain/gap/member-summary';
import { gapInput } from './gap-fixture';

const family = gapInput({
  age: 35,
  annualIncome: 300_000,
  debts: 1_000_000,
  liquidAssets: 200_000,
  dependants: { children: 1, parents: 0, spouse: true },
  policies: [{ type: 'medical', sumAssured: 2_000_000, annualPremium: 300 }],
});

describe('formatCny', () => {
  it('uses 万元 for round amounts and grouped yuan otherwise', () => {
    expect(formatCny(0)).toBe('0元');
    expect(formatCny(3_600)).toBe('3,600元');
    expect(formatCny(12_500)).toBe('1.25万元');
    expect(formatCny(2_000_000)).toBe('200万元');
    expect(formatCny(12_345)).toBe('12,345元');
    expect(formatCny(123_450_000)).toBe('12,345万元');
  });
});

describe('consultantDraft', () => {
  const report = analyseGap(family);
  const draft = consultantDraft(report, { input: family, memberName: '李先生' });

  it('explains each open gap with its numbers, in priority order', () => {
    const positions = report.priority.map((t) => draft.indexOf({ critical_illness: '**重疾保障**', medical: '**医疗保障**', accident: '**意外保障**', life: '**寿险保障**' }[t]));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(draft).toContain('建议 90万元，已有 0元，缺口 90万元');
    expect(draft).toContain('年收入的 3 倍为 90万元');
    expect(draft).toContain('需要照顾配偶、子女 1 人');
    expect(draft).toContain('李先生');
  });

  it('lists covered dimensions, products with premiums, and the budget', () => {
    expect(draft).toContain('医疗保障：已有 200万元，达到建议的 200万元');
    for (const r of report.recommendations) {
      expect(draft).toContain(r.nameZh);
      expect(draft).toContain(`预估年保费 ${formatCny(r.annualPremium)}`);
    }
    expect(draft).toContain('约 3万元');
  });

  it('explains why a gap stays open and flags an unknown tier', () => {
    const input = gapInput({ age: 75, annualIncome: 100_000, riskTier: undefined, socialInsurance: false });
    const text = consultantDraft(analyseGap(input), { input });
    expect(text).toContain('预算内暂未解决的缺口');
    expect(text).toContain('产品库中暂无符合会员年龄、健康状况或社保情况的产品');
    expect(text).toContain('暂未评估（按中风险估算）');
    expect(text).toContain('会员未参加社保');
  });

  it('says when a recommendation was rounded up to whole 万元', () => {
    const input = gapInput({ annualIncome: 200_001 });
    const text = consultantDraft(analyseGap(input), { input });
    expect(text).toContain('年收入的 3 倍为 600,003元，向上取整到万元为 61万元');
    expect(draft).toContain('年收入的 3 倍为 90万元，即 90万元');
  });

  it('explains why no life cover is needed', () => {
    const single = gapInput();
    expect(consultantDraft(analyseGap(single), { input: single })).toContain('没有需要供养的家人，也没有负债，目前不需要寿险');
  });

  it('uses no table syntax, which WeCom markdown does not render', () => {
    expect(draft).not.toMatch(/^\|/m);
  });
});

describe('memberSummary', () => {
  const report = analyseGap(family);
  const summary = memberSummary(report);

  it('describes every dimension in plain words', () => {
    expect(summary).toContain('重疾保障：建议约 90万元，目前约 0元，还差约 90万元');
    expect(summary).toContain('医疗保障：已达到建议水平');
    expect(summary).toContain('「重疾保障」的缺口相对最大');
  });

  it('names no product, price or budget', () => {
    for (const p of SAMPLE_CATALOGUE) expect(summary).not.toContain(p.nameZh);
    for (const r of report.recommendations) expect(summary).not.toContain(formatCny(r.annualPremium));
    expect(summary).not.toContain(formatCny(report.premiumBudget));
    expect(summary).not.toMatch(/保费|购买|立即/);
  });

  it('says when nothing is missing', () => {
    const full = analyseGap(
      gapInput({
        annualIncome: 100_000,
        policies: [
          { type: 'critical_illness', sumAssured: 300_000, annualPremium: 1 },
          { type: 'medical', sumAssured: 2_000_000, annualPremium: 1 },
          { type: 'accident', sumAssured: 500_000, annualPremium: 1 },
        ],
      }),
    );
    expect(memberSummary(full)).toContain('比较完整');
    expect(memberSummary(full)).toContain('寿险保障：根据您的家庭情况，目前不需要');
  });
});
