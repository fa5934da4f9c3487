import type { Principal } from '../../domain/access/principal';
import type { GapInput } from '../../domain/gap/input';
import type { CoverageType, DimensionGap, GapReport } from '../../domain/gap/types';
import type { GapReportRecord, TierSource } from './report-doc';

/** Who a view is written for. Members never receive the consultant draft, products, prices or budgets. */
export type Audience = 'staff' | 'member';

export const audienceOf = (p: Principal): Audience => (p.kind === 'member' ? 'member' : 'staff');

/** The input as the consultant may see it: conditions are clinical detail the policy keeps from them. */
export type StaffInputView = Omit<GapInput, 'conditions'> & { conditionsProvided: boolean };

export interface StaffReportView extends GapReport {
  audience: 'staff';
  /** Absent for an unstored analysis (machine call without a member). */
  reportId?: string;
  memberId?: string;
  createdAtMs?: number;
  tierSource: TierSource;
  input: StaffInputView;
  consultantDraft: string;
  /** What the member sees, so the consultant knows what the member was told. */
  memberSummary: string;
}

/** The member's own numbers and a plain-words summary; nothing that sells. */
export interface MemberReportView {
  audience: 'member';
  reportId: string;
  memberId: string;
  createdAtMs: number;
  dimensions: Record<CoverageType, DimensionGap>;
  priority: CoverageType[];
  memberSummary: string;
}

export type GapReportView = StaffReportView | MemberReportView;

export interface StaffListItem {
  reportId: string;
  createdAtMs: number;
  tierSource: TierSource;
  pricingFactor: number;
  priority: CoverageType[];
  dimensions: Record<CoverageType, DimensionGap>;
  recommendationCount: number;
  unclosedGapCount: number;
}

export interface MemberListItem {
  reportId: string;
  createdAtMs: number;
  priority: CoverageType[];
  dimensions: Record<CoverageType, DimensionGap>;
}

export type GapReportListItem = StaffListItem | MemberListItem;

export function staffInputView(input: GapInput): StaffInputView {
  const { conditions, ...rest } = input;
  return { ...rest, conditionsProvided: conditions !== undefined };
}

type Content = Pick<GapReportRecord, 'input' | 'report' | 'consultantDraft' | 'memberSummary' | 'tierSource'>;

export function staffView(c: Content, stored?: Pick<GapReportRecord, 'reportId' | 'memberId' | 'createdAtMs'>): StaffReportView {
  return {
    audience: 'staff',
    ...(stored && { reportId: stored.reportId, memberId: stored.memberId, createdAtMs: stored.createdAtMs }),
    ...c.report,
    tierSource: c.tierSource,
    input: staffInputView(c.input),
    consultantDraft: c.consultantDraft,
    memberSummary: c.memberSummary,
  };
}

export function memberView(r: GapReportRecord): MemberReportView {
  return {
    audience: 'member',
    reportId: r.reportId,
    memberId: r.memberId,
    createdAtMs: r.createdAtMs,
    dimensions: r.report.dimensions,
    priority: r.report.priority,
    memberSummary: r.memberSummary,
  };
}

export const viewFor = (audience: Audience, r: GapReportRecord): GapReportView => (audience === 'member' ? memberView(r) : staffView(r, r));

export function listItemFor(audience: Audience, r: GapReportRecord): GapReportListItem {
  const common = { reportId: r.reportId, createdAtMs: r.createdAtMs, priority: r.report.priority, dimensions: r.report.dimensions };
  if (audience === 'member') return common;
  return {
    ...common,
    tierSource: r.tierSource,
    pricingFactor: r.report.pricingFactor,
    recommendationCount: r.report.recommendations.length,
    unclosedGapCount: r.report.unclosedGaps.length,
  };
}
