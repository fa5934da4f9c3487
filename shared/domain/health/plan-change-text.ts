import { ruleOf, type ActiveAdjustment, type AdjustmentCode, type Hold } from './plan-adjustments';

/**
 * How plan changes read to people (the member's 「计划调整」 on /m/report, the doctor's history in the
 * workbench): what changed, why, and who decided — the system from the member's data, the member's
 * new health form, or the family doctor. Staff ids never appear; the role does.
 */
export type PlanCauseCode = 'profile' | 'adjustment' | 'override';

export interface PlanChangeRecord {
  code: AdjustmentCode;
  change: 'start' | 'end' | 'hold';
  reasonZh: string;
  weeks?: number;
}

export interface PlanHistoryRecord {
  version: number;
  revision: number;
  atMs: number;
  cause: PlanCauseCode;
  changes: PlanChangeRecord[];
}

export interface PlanChangesView {
  /** The adjustments in force now, each with what it does and why it started. */
  current: { code: AdjustmentCode; titleZh: string; effectZh: string; reasonZh: string; sinceMs: number }[];
  /** Doctors' overrides still holding a rule off. */
  holds: { code: AdjustmentCode; titleZh: string; untilMs: number }[];
  /** Newest first. */
  history: {
    version: number;
    revision: number;
    atMs: number;
    cause: PlanCauseCode;
    /** Who decided, in words: 「根据您的健康信息表」, 「根据近期数据自动调整」, 「家庭医生调整」. */
    causeZh: string;
    changes: { code: AdjustmentCode; titleZh: string; change: PlanChangeRecord['change']; changeZh: string; reasonZh: string; weeks?: number }[];
  }[];
}

const CAUSE_ZH: Record<PlanCauseCode, string> = { profile: '根据健康信息表制定', adjustment: '根据近期数据自动调整', override: '家庭医生调整' };
const CHANGE_ZH: Record<PlanChangeRecord['change'], string> = { start: '开始调整', end: '恢复原计划', hold: '暂不调整' };

export function planChangesView(adjustments: readonly ActiveAdjustment[], holds: readonly Hold[], history: readonly PlanHistoryRecord[], nowMs: number): PlanChangesView {
  return {
    current: adjustments.map((a) => ({ code: a.code, titleZh: ruleOf(a.code).titleZh, effectZh: ruleOf(a.code).effectZh, reasonZh: a.reasonZh, sinceMs: a.sinceMs })),
    holds: holds.filter((h) => h.untilMs > nowMs).map((h) => ({ code: h.code, titleZh: ruleOf(h.code).titleZh, untilMs: h.untilMs })),
    history: history.map((h) => ({
      version: h.version,
      revision: h.revision,
      atMs: h.atMs,
      cause: h.cause,
      causeZh: h.cause === 'profile' ? `${CAUSE_ZH.profile}（第 ${h.version} 版）` : CAUSE_ZH[h.cause],
      changes: h.changes.map((c) => ({ code: c.code, titleZh: ruleOf(c.code).titleZh, change: c.change, changeZh: CHANGE_ZH[c.change], reasonZh: c.reasonZh, ...(c.weeks !== undefined && { weeks: c.weeks }) })),
    })),
  };
}
