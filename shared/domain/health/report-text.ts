import type { PlanChangesView } from './plan-change-text';
import type { FourRRole, RiskTier } from '../team/roles';
import type { Recurrence, ReminderKind } from '../schedule/recurrence';
import { CONDITION_LABELS } from './form-fields';
import type { RiskFactor } from './risk';

/**
 * The words of the member's first health report (docs/prd.md §2.2.2 个性化健康评估报告; the field
 * report (docs/seeds/field-report.md) builds the service on it). Pure: the numbers come from risk.ts, plan.ts and
 * red-flags.ts; this module only says them in plain Chinese.
 */
export const TIER_ZH: Record<RiskTier, { name: string; meaning: string }> = {
  low: { name: '低风险', meaning: '目前慢性病风险较低。保持好习惯，每年体检一次，团队每两周问候一次。' },
  medium: { name: '中风险', meaning: '有一些需要注意的地方，现在改善效果最好。团队会给您个性化的饮食和运动计划，大约每周和您联系一次。' },
  high: { name: '高风险', meaning: '有需要重点关注的健康问题。家庭医生和健康管家每周跟进，帮您按时监测、按医嘱用药和复查。' },
};

/** Which factors the member can change by what they do (age, family history, a diagnosis: no). */
const CHANGEABLE = new Set(['bmi', 'waist', 'blood_pressure', 'fasting_glucose', 'smoking', 'drinking', 'exercise']);

const FACTOR_ZH: Record<string, (f: RiskFactor) => string> = {
  age: (f) => (f.detail === '≥60' ? '年龄 60 岁及以上' : '年龄 45–59 岁'),
  bmi: (f) => (f.detail === '≥28' ? '体重指数（BMI）28 及以上，属于肥胖' : '体重指数（BMI）24–28，属于超重'),
  waist: (f) => `腰围偏大（${f.detail === '≥90 cm' ? '男性 90 厘米及以上' : '女性 85 厘米及以上'}）`,
  blood_pressure: (f) => `血压 ${f.detail ?? ''} mmHg，${f.points >= 3 ? '达到高血压范围' : f.points === 2 ? '属于正常高值' : '略高于理想值'}`,
  fasting_glucose: (f) => `空腹血糖 ${f.detail ?? ''} mmol/L，${f.points >= 3 ? '达到糖尿病范围，需要医生确认' : f.points === 2 ? '属于空腹血糖受损' : '略高于理想值'}`,
  smoking: (f) => (f.detail === 'current' ? '现在吸烟' : '以前吸烟（已戒）'),
  drinking: () => '经常饮酒',
  exercise: () => '每周运动不到 3 天',
  family_history: (f) => `有家族病史（${f.points >= 2 ? '两种及以上' : '一种'}慢病）`,
  score: (f) => `各项加起来 ${f.detail === '≥7' ? '7 分及以上' : '3 分及以上'}`,
};

const HOW_TO_CHANGE: Record<string, string> = {
  bmi: '每周减重 0.5 公斤左右，少油少糖、晚饭七分饱',
  waist: '多走路、少久坐，腰围每减 1 厘米都有好处',
  blood_pressure: '少盐（每天不超过 5 克）、按时量血压',
  fasting_glucose: '少吃甜食和精米白面，饭后散步 20 分钟',
  smoking: '戒烟是最有效的一步，健康管家可以陪您制定戒烟计划',
  drinking: '减少饮酒，每周至少 3 天不喝',
  exercise: '从每周 3 天、每次快走 30 分钟开始',
};

export interface FactorExplained {
  code: string;
  text: string;
  points: number;
  /** True when the member's own habits can move it. */
  changeable: boolean;
  howToChange?: string;
  /** This factor alone puts the member at least in this tier. */
  lifts?: 'medium' | 'high';
}

export function explainFactor(f: RiskFactor): FactorExplained {
  const condition = f.code.startsWith('condition:') ? f.code.slice('condition:'.length) : undefined;
  const text = condition ? `已确诊${(CONDITION_LABELS as Record<string, string>)[condition] ?? condition}` : (FACTOR_ZH[f.code]?.(f) ?? f.code);
  const changeable = CHANGEABLE.has(f.code);
  return { code: f.code, text, points: f.points, changeable, ...(changeable && HOW_TO_CHANGE[f.code] && { howToChange: HOW_TO_CHANGE[f.code] }), ...(f.trigger && { lifts: f.trigger }) };
}

export const TEAM_DUTIES_ZH: Record<FourRRole, string> = {
  family_doctor: '解读您的血压、血糖和体检报告，回答健康问题，数值异常时第一时间联系您',
  health_butler: '每天的提醒和计划由他/她安排，陪您坚持监测、运动和饮食，有事先找管家',
  rights_consultant: '帮您预约体检、兑换积分和健康权益',
  insurance_consultant: '解答保单和理赔问题，帮您看保障是否够用',
};

const WEEKDAYS_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** "每天 07:30" / "每周一、三、五 19:00" / "每两周" / "每月1日 07:00" / "一次". */
export function recurrenceZh(r: Recurrence): string {
  switch (r.type) {
    case 'once':
      return '一次';
    case 'daily':
      return `每天 ${r.time}`;
    case 'weekly':
      return `每${r.days.map((d, i) => (i === 0 ? WEEKDAYS_ZH[d] : WEEKDAYS_ZH[d]?.slice(1))).join('、')} ${r.time}`;
    case 'every_n_days':
      return `每 ${r.n} 天 ${r.time}`;
    case 'every_n_weeks':
      return r.n === 2 ? `每两周 ${r.time}` : r.n === 52 ? '每年一次' : `每 ${r.n} 周 ${r.time}`;
    case 'monthly':
      return `每月 ${r.day} 日 ${r.time}`;
  }
}

/** Days of the week (1–7) a recurrence falls on every week; empty when it is rarer than weekly. */
export function weekdaysOf(r: Recurrence): number[] {
  if (r.type === 'daily') return [1, 2, 3, 4, 5, 6, 7];
  if (r.type === 'weekly') return [...r.days].sort();
  return [];
}

export const REMINDER_KIND_ZH: Partial<Record<ReminderKind, string>> = {
  monitoring: '测量和记录',
  medication: '服药',
  follow_up_visit: '复诊',
  exercise_task: '运动',
  check_up: '体检',
  activity: '活动',
  policy_renewal: '保单续期',
  health_content: '健康知识',
};

export const SERVICE_BOUNDARY_ZH =
  '本报告和提醒是健康管理建议，不是诊断，也不能代替医院看病。用药和治疗请听从您的医生。身体不适请及时就医；胸痛、呼吸困难、说话不清、一侧手脚无力等紧急情况请立即拨打 120。';

export const HOW_TO_STOP_ZH = '在「我的提醒」页面可以按类别暂停 7 天或停止提醒；也可以直接回复健康管家。';

/** The member's first health report as GET /api/intake/report answers it (services/intake/member-report.ts). */
export interface MemberReport {
  memberId: string;
  report: null | {
    version: number;
    submittedAtMs: number;
    tier: RiskTier;
    tierName: string;
    tierMeaning: string;
    score: number;
    bmi: number;
    factors: FactorExplained[];
    /** Values that need action now, most urgent first. */
    actNow: { code: string; value: string; urgent: boolean; what: string }[];
    /** Monday (1) … Sunday (7): what the member does that day. */
    week: { day: number; items: { time: string; title: string; kind: ReminderKind }[] }[];
    /** Member tasks rarer than weekly (monthly measurements, the yearly check-up, return visits). */
    longer: { title: string; when: string; kind: ReminderKind }[];
    /** What the team does for the member on its own schedule. */
    teamCalls: { role: FourRRole; roleName: string; title: string; when: string }[];
    reminders: { kind: ReminderKind; kindName: string; count: number }[];
    howToStop: string;
    /** 「计划调整」: what the data or the doctor changed in the plan, and why (null: no plan stored). */
    planChanges: PlanChangesView | null;
  };
  team: { role: FourRRole; roleName: string; name: string | null; duty: string }[];
  boundary: string;
}

