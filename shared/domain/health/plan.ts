import type { ScheduleEntry } from '../schedule/recurrence';
import type { HealthForm } from './form';
import { monitoringEntries } from './plan-monitoring';
import { HIGH_RISK_CONDITIONS, type RiskAssessment } from './risk';

const WEEK_MS = 7 * 86_400_000;

/** Conditions where exercise intensity is the doctor's call, so the task stays gentle. */
const CAUTIOUS_EXERCISE = ['heart_disease', 'stroke', 'copd'] as const;

function exercise(form: HealthForm): ScheduleEntry {
  if (form.conditions.some((c) => (CAUTIOUS_EXERCISE as readonly string[]).includes(c))) {
    return { kind: 'exercise_task', title: '今日运动：按医生建议低强度活动，如散步20分钟，量力而行', recurrence: { type: 'weekly', days: [1, 3, 5], time: '19:00' }, audience: 'member' };
  }
  if (form.exerciseDaysPerWeek < 3) {
    // docs/seeds/health-management-standard.md §4.6.2: 循序渐进 — start at three days a week before aiming higher.
    return { kind: 'exercise_task', title: '今日运动：快走30分钟', recurrence: { type: 'weekly', days: [1, 3, 5], time: '19:00' }, audience: 'member' };
  }
  // docs/seeds/insurance-product-design.md “长期健康管理激励”: 每月运动≥20次, i.e. five days a week.
  return { kind: 'exercise_task', title: '今日运动：中等强度运动30分钟（快走、骑车或游泳）', recurrence: { type: 'weekly', days: [1, 2, 3, 4, 5], time: '19:00' }, audience: 'member' };
}

/**
 * Staff follow-ups by tier. docs/seeds/field-report.md §二/§三 (existing service model): members are followed up a fixed
 * 2 times a month (1 次/2 周); members with abnormal first-visit findings at least 3 times a month
 * and fixed return visits 3–4 times a month — so high risk is weekly. docs/seeds/insurance-product-design.md 预防服务包: medium risk
 * (进阶层) adds personalised plans, high risk (深层) adds a 1-to-1 health butler.
 */
function followUps(risk: RiskAssessment, nowMs: number): ScheduleEntry[] {
  if (risk.tier === 'high') {
    return [
      { kind: 'staff_follow_up', title: '高风险会员每周随访：复核血压/血糖记录和用药情况', recurrence: { type: 'weekly', days: [2], time: '10:00' }, audience: 'family_doctor' },
      { kind: 'staff_follow_up', title: '一对一健康管家周回访：提醒监测、了解本周计划完成情况', recurrence: { type: 'weekly', days: [5], time: '10:00' }, audience: 'health_butler' },
    ];
  }
  const doctor: ScheduleEntry = {
    kind: 'staff_follow_up',
    title: '会员定期随访（每两周）：了解近况，解读上传的健康数据',
    recurrence: { type: 'every_n_weeks', n: 2, time: '10:00' },
    startAtMs: nowMs,
    audience: 'family_doctor',
  };
  if (risk.tier === 'low') return [doctor];
  // Medium: the butler calls in the weeks between the doctor's, so the member hears from the team weekly.
  return [
    doctor,
    { kind: 'staff_follow_up', title: '健康管家回访（每两周）：跟进个性化饮食和运动计划', recurrence: { type: 'every_n_weeks', n: 2, time: '10:00' }, startAtMs: nowMs + WEEK_MS, audience: 'health_butler' },
  ];
}

/**
 * Not in the seeds: 国家基本公共卫生服务规范 asks for at least 4 face-to-face visits a year for
 * chronic patients, i.e. every 13 weeks; the first falls one interval after the plan starts.
 */
const VISIT_INTERVAL_WEEKS = 13;

function visits(form: HealthForm, nowMs: number): ScheduleEntry[] {
  if (!form.conditions.some((c) => HIGH_RISK_CONDITIONS.includes(c))) return [];
  return [{ kind: 'follow_up_visit', title: '复诊提醒：请按医生要求到医院复查', recurrence: { type: 'every_n_weeks', n: VISIT_INTERVAL_WEEKS, time: '09:00' }, startAtMs: nowMs + VISIT_INTERVAL_WEEKS * WEEK_MS, audience: 'member' }];
}

function checkUp(nowMs: number): ScheduleEntry[] {
  // docs/seeds/insurance-product-design.md 基础层: 年度体检, 每年1次. Recurrence has no yearly type; 52 weeks drifts ~1 day a year, which is fine for an invitation.
  // docs/seeds/field-report.md 广州团队: the first follow-ups ask whether this year's check-up is done, so the first invitation goes out now.
  return [
    { kind: 'check_up', title: '年度体检提醒：预约今年的健康体检，完成后上传体检报告', recurrence: { type: 'every_n_weeks', n: 52, time: '10:00' }, startAtMs: nowMs, audience: 'member' },
    { kind: 'staff_follow_up', title: '为会员安排年度体检权益并跟进预约', recurrence: { type: 'once' }, startAtMs: nowMs, audience: 'rights_consultant' },
  ];
}

/** The personal plan (docs/prd.md §2.2.3, §4.4): same profile, risk and time give the same entries in the same order. */
export function buildPlan(profile: HealthForm, risk: RiskAssessment, nowMs: number): ScheduleEntry[] {
  return [...monitoringEntries(profile), exercise(profile), ...visits(profile, nowMs), ...followUps(risk, nowMs), ...checkUp(nowMs)];
}
