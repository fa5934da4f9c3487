import { formatCny } from './format';
import { COVERAGE_LABELS_ZH, COVERAGE_TYPES, type CoverageType, type GapReport } from './types';

function line(type: CoverageType, report: GapReport): string {
  const d = report.dimensions[type];
  const label = COVERAGE_LABELS_ZH[type];
  if (d.recommended === 0) return `- ${label}：根据您的家庭情况，目前不需要。`;
  if (d.gap === 0) return `- ${label}：已达到建议水平（建议约 ${formatCny(d.recommended)}，您已有约 ${formatCny(d.existing)}）。`;
  return `- ${label}：建议约 ${formatCny(d.recommended)}，目前约 ${formatCny(d.existing)}，还差约 ${formatCny(d.gap)}。`;
}

/**
 * What the member sees: where their cover stands, in plain words. Deliberately free of product
 * names, prices and budgets, so it informs without pushing a sale.
 */
export function memberSummary(report: GapReport): string {
  const first = report.priority[0];
  const focus = first
    ? `其中「${COVERAGE_LABELS_ZH[first]}」的缺口相对最大，可以优先了解。`
    : '您目前的保障已经比较完整，继续保持就好。';
  return [
    '## 您的保障检视小结',
    '',
    '根据您填写的信息，我们从重疾、医疗、意外、寿险四个方面看了看您目前的保障：',
    '',
    ...COVERAGE_TYPES.map((t) => line(t, report)),
    '',
    focus,
    '',
    '以上内容只是帮您了解自己的保障情况，并不是产品推荐。想进一步了解的话，可以随时在群里找您的专属保险顾问聊一聊；暂时不想了解也完全没关系。',
  ].join('\n');
}
