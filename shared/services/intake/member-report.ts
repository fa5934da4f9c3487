import { bmiOf } from '../../domain/health/risk';
import { explainFactor, HOW_TO_STOP_ZH, recurrenceZh, REMINDER_KIND_ZH, SERVICE_BOUNDARY_ZH, TEAM_DUTIES_ZH, TIER_ZH, weekdaysOf, type MemberReport } from '../../domain/health/report-text';
export type { MemberReport } from '../../domain/health/report-text';
import type { ReminderKind } from '../../domain/schedule/recurrence';
import { FOUR_R_ROLES, ROLE_LABELS_ZH, type FourRRole } from '../../domain/team/roles';
import type { IntakeDeps } from './deps';
import { readHealthProfile } from './read-profile';
import { RED_FLAG, redFlagOf, type RedFlagCode } from './red-flags';
import { readPlanChanges } from './plan-view';

/**
 * The member's first health report (docs/prd.md §2.2.2; docs/seeds/field-report.md): one answer that the
 * member pages show as it is (shape: MemberReport in report-text.ts). Every number is the stored
 * assessment (risk.ts) and the stored plan (plan.ts) — the same the staff read on the member's
 * profile — put into plain words by report-text.ts. `report: null` until the member sent the form.
 */
const ACT_NOW: Record<RedFlagCode, string> = {
  bp_crisis: `血压达到 ${RED_FLAG.systolicAtLeast}/${RED_FLAG.diastolicAtLeast} mmHg 及以上：请静坐休息 5 分钟后再量一次；仍然这么高，或有头痛、胸闷、看不清、说话不清，请立即就医或拨打 120。您的家庭医生也会联系您。`,
  glucose_high: `血糖 ${RED_FLAG.glucoseHighAtLeast} mmol/L 及以上：请多喝白开水、今天就联系家庭医生或去医院；口渴明显、恶心、呼吸有烂苹果味请立即就医。`,
  glucose_low: `血糖 ${RED_FLAG.glucoseLowAtMost} mmol/L 及以下属于低血糖：请马上吃 3–4 块糖或喝半杯果汁，15 分钟后再测；没有好转请立即就医。`,
};

export async function readMemberReport(deps: Pick<IntakeDeps, 'store' | 'cipher' | 'clock'>, memberId: string): Promise<MemberReport> {
  const profile = await readHealthProfile(deps, memberId);
  const team = FOUR_R_ROLES.filter((r) => profile.team[r]).map((role) => ({ role, roleName: ROLE_LABELS_ZH[role], name: profile.team[role]?.name ?? null, duty: TEAM_DUTIES_ZH[role] }));
  const base = { memberId, team, boundary: SERVICE_BOUNDARY_ZH };
  const current = profile.current;
  if (!current) return { ...base, report: null };

  const form = current.form;
  const tier = profile.history.find((h) => h.version === current.version)?.tier ?? profile.tier ?? 'low';
  const factors = current.factors.map(explainFactor);

  const actNow: NonNullable<MemberReport['report']>['actNow'] = [];
  if (form.systolic !== undefined && form.diastolic !== undefined) {
    const value = `${form.systolic}/${form.diastolic} mmHg`;
    if (redFlagOf({ type: 'blood_pressure', systolic: form.systolic, diastolic: form.diastolic })) actNow.push({ code: 'bp_crisis', value, urgent: true, what: ACT_NOW.bp_crisis });
    else if (form.systolic >= 140 || form.diastolic >= 90) actNow.push({ code: 'bp_high', value, urgent: false, what: '血压达到高血压范围：请在一周内找家庭医生或到医院复查，这一周每天早晚各量一次并上传。' });
  }
  if (form.fastingGlucose !== undefined) {
    const value = `${form.fastingGlucose} mmol/L`;
    const flag = redFlagOf({ type: 'fasting_glucose', mmolL: form.fastingGlucose });
    if (flag) actNow.push({ code: flag, value, urgent: true, what: ACT_NOW[flag] });
    else if (form.fastingGlucose >= 7.0) actNow.push({ code: 'glucose_diabetic', value, urgent: false, what: '空腹血糖达到 7.0 mmol/L 及以上：请在两周内到医院复查空腹血糖和糖化血红蛋白，由医生判断。' });
  }
  actNow.sort((a, b) => Number(b.urgent) - Number(a.urgent));

  const entries = profile.plan?.version === current.version ? profile.plan.entries : [];
  const mine = entries.filter((e) => e.audience === 'member');
  const week = [1, 2, 3, 4, 5, 6, 7].map((day) => ({
    day,
    items: mine
      .filter((e) => weekdaysOf(e.recurrence).includes(day))
      .map((e) => ({ time: 'time' in e.recurrence ? e.recurrence.time : '', title: e.title, kind: e.kind }))
      .sort((a, b) => a.time.localeCompare(b.time)),
  }));
  const longer = mine.filter((e) => weekdaysOf(e.recurrence).length === 0).map((e) => ({ title: e.title, when: recurrenceZh(e.recurrence), kind: e.kind }));
  const teamCalls = entries
    .filter((e): e is typeof e & { audience: FourRRole } => e.audience !== 'member')
    .map((e) => ({ role: e.audience, roleName: ROLE_LABELS_ZH[e.audience], title: e.title, when: recurrenceZh(e.recurrence) }));
  const counts = new Map<ReminderKind, number>();
  for (const e of mine) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);

  return {
    ...base,
    report: {
      version: current.version,
      submittedAtMs: current.submittedAtMs,
      tier,
      tierName: TIER_ZH[tier].name,
      tierMeaning: TIER_ZH[tier].meaning,
      score: current.score,
      bmi: Math.round(bmiOf(form) * 10) / 10,
      factors,
      actNow,
      week,
      longer,
      teamCalls,
      reminders: [...counts].map(([kind, count]) => ({ kind, kindName: REMINDER_KIND_ZH[kind] ?? kind, count })),
      howToStop: HOW_TO_STOP_ZH,
      planChanges: profile.plan?.version === current.version ? await readPlanChanges(deps, memberId, 10) : null,
    },
  };
}
