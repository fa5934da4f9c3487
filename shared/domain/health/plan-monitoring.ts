import type { ScheduleEntry } from '../schedule/recurrence';
import type { HealthForm } from './form';
import { bmiOf, bpCategory, hasCentralObesity } from './risk';

/**
 * Self-monitoring part of the personal plan (docs/prd.md §2.2.3 慢病管理/风险干预计划, §2.2.4 健康数据监测).
 * The product-design paper 慢病预防的健康保险产品设计 says *that* medium/high-risk members get dynamic
 * BP/glucose monitoring (“预防服务包·进阶层”: 智能血压计、血糖仪) but gives no measuring frequencies;
 * those below follow common Chinese clinical practice for home monitoring and are marked as such.
 */

const MONDAY = 1;
const THURSDAY = 4;
const WEDNESDAY = 3;

function bloodPressure(form: HealthForm): ScheduleEntry[] {
  const measured = form.systolic !== undefined && form.diastolic !== undefined;
  const category = measured ? bpCategory(form.systolic ?? 0, form.diastolic ?? 0) : undefined;
  // Clinical practice (not seeds): hypertensive home BP monitoring is morning and evening, daily.
  if (form.conditions.includes('hypertension') || category === 3) return twiceDailyBp();
  if (category === undefined) {
    // Without a reading the plan cannot grade BP; ask once, the plan is rebuilt when data arrives (docs/prd.md §4.4 step 5).
    return [{ kind: 'monitoring', title: '请测量一次血压并上传，帮助完善健康档案', recurrence: { type: 'once' }, audience: 'member', measures: 'blood_pressure' }];
  }
  if (category === 2) return [weeklyBp([MONDAY, THURSDAY])];
  if (category === 1) return [weeklyBp([MONDAY])];
  return [{ kind: 'monitoring', title: '每月血压自测：请测量血压并上传', recurrence: { type: 'monthly', day: 1, time: '07:30' }, audience: 'member', measures: 'blood_pressure' }];
}

/** Also what a plan adjustment switches to while BP stays above target (plan-adjustments.ts). */
export const twiceDailyBp = (): ScheduleEntry[] => [
  { kind: 'monitoring', title: '请测量早晨血压并上传（起床后、服药前）', recurrence: { type: 'daily', time: '07:30' }, audience: 'member', measures: 'blood_pressure' },
  { kind: 'monitoring', title: '请测量晚间血压并上传（睡前）', recurrence: { type: 'daily', time: '21:00' }, audience: 'member', measures: 'blood_pressure' },
];

const weeklyBp = (days: number[]): ScheduleEntry => ({
  kind: 'monitoring',
  title: '请测量血压并上传',
  recurrence: { type: 'weekly', days, time: '07:30' },
  audience: 'member',
  measures: 'blood_pressure',
});

function glucose(form: HealthForm): ScheduleEntry[] {
  const diagnosed = form.conditions.includes('diabetes');
  const g = form.fastingGlucose;
  const weekly = (days: number[]): ScheduleEntry => ({
    kind: 'monitoring',
    title: '请测量空腹血糖并上传',
    recurrence: { type: 'weekly', days, time: '07:00' },
    audience: 'member',
    measures: 'glucose',
  });
  // Clinical practice (not seeds): twice a week for diabetes not on insulin; docs/seeds/insurance-product-design.md 慢病前期 band 6.1–6.9 weekly.
  if (diagnosed || (g !== undefined && g >= 7.0)) return [weekly([MONDAY, THURSDAY])];
  if (g === undefined) {
    return [{ kind: 'monitoring', title: '请测量一次空腹血糖并上传，帮助完善健康档案', recurrence: { type: 'once' }, audience: 'member', measures: 'glucose' }];
  }
  if (g >= 6.1) return [weekly([MONDAY])];
  if (g >= 5.6) return [{ kind: 'monitoring', title: '每月空腹血糖自测：请测量并上传', recurrence: { type: 'monthly', day: 1, time: '07:00' }, audience: 'member', measures: 'glucose' }];
  return [];
}

function weight(form: HealthForm): ScheduleEntry[] {
  // docs/seeds/insurance-product-design.md “动态保费调整”: BMI 降低 1 counts as improvement, so overweight members weigh in weekly to see it.
  if (bmiOf(form) < 24 && !hasCentralObesity(form)) return [];
  return [{ kind: 'monitoring', title: '请在早起空腹时称体重并上传', recurrence: { type: 'weekly', days: [MONDAY], time: '07:00' }, audience: 'member', measures: 'weight' }];
}

/** docs/seeds/health-management-standard.md §4.5 营养饮食管理: condition-specific guidance; the member logs a day of meals once a week. */
function diet(form: HealthForm): ScheduleEntry {
  const bp = form.systolic !== undefined && form.diastolic !== undefined ? bpCategory(form.systolic, form.diastolic) : 0;
  const has = (c: HealthForm['conditions'][number]) => form.conditions.includes(c);
  const tips = [
    has('hypertension') || bp >= 2 ? '每天盐不超过5克' : '',
    has('diabetes') || (form.fastingGlucose ?? 0) >= 5.6 ? '主食定时定量、少喝含糖饮料' : '',
    has('hyperlipidemia') || has('fatty_liver') ? '少吃油炸和动物内脏' : '',
    bmiOf(form) >= 24 ? '晚餐七分饱' : '',
    form.drinking === 'frequent' ? '少喝酒' : '',
  ].filter(Boolean);
  // Three tips at most keep the reminder short enough to read at a glance.
  const advice = tips.length > 0 ? tips.slice(0, 3).join('，') : '清淡少盐，多吃蔬菜水果';
  return {
    kind: 'monitoring',
    title: `本周饮食：${advice}；请记录今天的三餐`,
    recurrence: { type: 'weekly', days: [WEDNESDAY], time: '11:30' },
    audience: 'member',
  };
}

function habits(form: HealthForm): ScheduleEntry[] {
  const out: ScheduleEntry[] = [];
  // docs/seeds/health-management-standard.md §4.7 健康方式养成: regular reminders plus a record of the habit being cut down.
  if (form.smoking === 'current') {
    out.push({ kind: 'monitoring', title: '记录本周吸烟量，坚持逐步减量', recurrence: { type: 'weekly', days: [MONDAY], time: '20:00' }, audience: 'member' });
  }
  if (form.medications !== undefined && form.medications.trim() !== '') {
    out.push({ kind: 'medication', title: '请按医嘱按时服药', recurrence: { type: 'daily', time: '08:00' }, audience: 'member' });
  }
  return out;
}

export function monitoringEntries(form: HealthForm): ScheduleEntry[] {
  return [...bloodPressure(form), ...glucose(form), ...weight(form), diet(form), ...habits(form)];
}
