import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateRules, REVIEW_RULES, foldForReview } from '../../../shared/domain/review';
import { RED_FLAGS } from '../../../shared/domain/triage/types';
import { emergencyText, urgentText, acknowledgementText, unregisteredText, appendedText, unsupportedText } from '../../../shared/services/triage/texts';
import { FOUR_R_ROLES } from '../../../shared/domain/team/roles';
import { WELCOME_TEMPLATES, SERVICE_BOUNDARY_ZH, GROUP_WELCOME_TEXT_ZH } from '../../../shared/services/welcome/welcome-texts';
import { serviceGuidance } from '../../../shared/services/triage/guidance';

/** Per rule: texts staff or content might plausibly send that must hit it, and near misses that must not. */
const CASES: Record<string, { hits: string[]; misses: string[] }> = {
  'dx.confirmed': {
    hits: ['根据您的描述，可以确诊为2型糖尿病', '看报告诊断是高血压二级', '您这就是胃炎，不用担心'],
    misses: ['我们不能替代医生面诊、诊断和治疗', '报告和提醒是健康管理建议，不是诊断', '医生确诊过的疾病请在表单中勾选', '建议到医院进一步检查，由接诊医生明确诊断'],
  },
  'rx.prescribe': {
    hits: ['我给您开点药，先吃一周', '这个方子坚持吃保证根治', '处方如下：二甲双胍'],
    misses: ['用药须由医生面诊后开具处方', '请带上医院开的药方复诊时给医生看'],
  },
  'rx.stop_or_change': {
    hits: ['血压正常了可以停药', '把降压药停掉试试', '剂量加到两片', '这个药减半吃就行', '以后不用再吃药了'],
    misses: ['请按医嘱服药，不要自行停药或改量', '请勿自行调整剂量', '马上远离过敏原（停药、停止输液）'],
  },
  'rx.dose': {
    hits: ['二甲双胍每次1片，饭后服用', '每天两粒，连吃一个月'],
    misses: ['请按医嘱按时服药', '每天快走30分钟'],
  },
  'cure.claim': {
    hits: ['这个方子坚持吃保证根治', '我们的方案可以治愈糖尿病', '包好，放心', '永不复发', '坚持锻炼保证能降下来'],
    misses: ['高血压目前无法根治，需要长期规范管理', '糖尿病不能根治，但可以控制', '不能保证治好，请按医嘱治疗'],
  },
  'cure.certainty': {
    hits: ['100%有效', '百分之百治愈', '无效全额退款', '不管用就退钱', '１００％见效'],
    misses: ['血氧饱和度100%', '本周完成率100%'],
  },
  'premium.return': {
    hits: ['这款产品保证收益，稳赚不赔', '年化收益率高达6%', '零风险保本保息'],
    misses: ['分红不保证，以合同为准', '收益具有不确定性，请以合同条款为准'],
  },
  'premium.lowest': {
    hits: ['我们的保费最低', '全网最低价的重疾险'],
    misses: ['保费按年龄和保额计算'],
  },
  'premium.refund': {
    hits: ['满期返本', '到期还本'],
    misses: ['理赔款已到账'],
  },
  'product.miracle': {
    hits: ['这是降糖特效药', '这款茶就是神药', '祖传秘方'],
    misses: ['没有什么特效药，规律服药最重要'],
  },
  'product.replaces_medicine': {
    hits: ['这个益生菌可以替代降糖药', '喝了这款茶就不用吃药了'],
    misses: ['保健食品不能代替药物', '本产品不能替代药物治疗'],
  },
  'product.treats': {
    hits: ['这款酵素能降血糖', '这个理疗仪可以治疗颈椎病', '苦瓜茶降血压'],
    misses: ['本产品不能替代药物治疗', '营养品不能治疗疾病'],
  },
  'product.state_endorsed': {
    hits: ['国家认证的保健品', '卫健委推荐产品，放心用'],
    misses: ['请选择有国家药监局批准文号的药品'],
  },
  'selling.fear': {
    hits: ['现在不买，以后生病了后悔都来不及', '不买就亏大了'],
    misses: ['买不买都可以，您考虑好再说'],
  },
  'selling.urgency': {
    hits: ['今天是最后一天，赶紧下单', '错过这次就没有了'],
    misses: ['活动报名截止到周五'],
  },
};

describe('outbound review rules (data)', () => {
  it('has cases for every rule, and every rule has an explanation the reviewer reads in Chinese', () => {
    expect(Object.keys(CASES).sort()).toEqual(REVIEW_RULES.map((r) => r.id).sort());
    for (const r of REVIEW_RULES) expect(r.explanationZh).toMatch(/[\u4e00-\u9fff]{6,}/);
    expect(new Set(REVIEW_RULES.map((r) => r.id)).size).toBe(REVIEW_RULES.length);
  });

  for (const rule of REVIEW_RULES) {
    describe(rule.id, () => {
      const c = CASES[rule.id] ?? { hits: [], misses: [] };
      it.each(c.hits)(`hits %s (${rule.action})`, (text) => {
        const r = evaluateRules(text);
        expect(r.hits.map((h) => h.ruleId)).toContain(rule.id);
        expect(r.verdict === 'block' || r.verdict === rule.action).toBe(true);
      });
      it.each(c.misses)('does not hit %s', (text) => {
        expect(evaluateRules(text).hits.map((h) => h.ruleId)).not.toContain(rule.id);
      });
    });
  }

  it('reads full-width, traditional and spaced-out writing as the plain words', () => {
    expect(foldForReview('根 治')).toBe('根治');
    expect(evaluateRules('這個方子堅持吃保證根治').verdict).toBe('block');
    expect(evaluateRules('保 证 根*治').verdict).toBe('block');
    expect(evaluateRules('１００％有效').verdict).toBe('block');
  });

  it('a negation in the previous sentence does not cancel a claim in the next', () => {
    expect(evaluateRules('别担心。这个方案保证根治').verdict).toBe('block');
  });
});

/** Every Chinese string literal in the files the system sends texts from (template fragments split at `${…}`). */
const SENT_TEXT_SOURCES = [
  'shared/services/triage/texts.ts',
  'shared/services/triage/guidance.ts',
  'shared/domain/triage/lexicon/first-aid.ts',
  'shared/domain/triage/first-aid.ts',
  'shared/services/welcome/welcome-texts.ts',
  'shared/domain/health/plan.ts',
  'shared/domain/health/plan-monitoring.ts',
  'shared/domain/health/report-text.ts',
  'shared/services/reminders/content.ts',
  'shared/services/reminders/low-cooperation.ts',
  'shared/services/intake/link-requests.ts',
];

function chineseLiterals(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g)) {
    const body = m[1] ?? m[2] ?? '';
    for (const part of body.split(/\$\{[^}]*\}/)) if (/[\u4e00-\u9fff]/.test(part)) out.push(part);
  }
  return out;
}

describe('the system’s own fixed texts', () => {
  const literals = SENT_TEXT_SOURCES.flatMap((f) => chineseLiterals(readFileSync(f, 'utf8')).map((t) => [f, t] as const));

  it('finds the texts it checks (the scan is not empty)', () => {
    expect(literals.length).toBeGreaterThan(100);
  });

  it('never blocks a literal from the files texts are sent from', () => {
    const blocked = literals.filter(([, t]) => evaluateRules(t).verdict === 'block');
    expect(blocked).toEqual([]);
  });

  it('never blocks an emergency, urgent or acknowledgement text, for any red flag', () => {
    const now = Date.UTC(2026, 2, 9, 2, 0);
    const texts = [
      ...RED_FLAGS.flatMap((f) => [emergencyText([f], { familyDoctor: true }), emergencyText([f], { familyDoctor: false }), urgentText({ watchFor: [f], dueAtMs: now + 3600_000, nowMs: now })]),
      emergencyText([...RED_FLAGS], { familyDoctor: true }),
      ...FOUR_R_ROLES.flatMap((role) => [acknowledgementText({ role, dueAtMs: now + 7200_000, nowMs: now, assigneeName: '王医生' }), appendedText(role)]),
      acknowledgementText({ role: 'health_butler', dueAtMs: now, nowMs: now, guidance: serviceGuidance('积分怎么兑换体检') }),
      unregisteredText(),
      unsupportedText(),
      ...Object.values(WELCOME_TEMPLATES),
      SERVICE_BOUNDARY_ZH,
      GROUP_WELCOME_TEXT_ZH,
    ];
    expect(texts.filter((t) => evaluateRules(t).verdict !== 'pass').map((t) => [t, evaluateRules(t).hits])).toEqual([]);
  });
});
