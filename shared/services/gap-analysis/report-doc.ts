import type { GapInput } from '../../domain/gap/input';
import type { GapReport } from '../../domain/gap/types';
import type { AuditActor } from '../../ports/audit-log';
import type { Doc } from '../../ports/document-store';

export const GAP_REPORTS = 'gap_reports';

/** Where the tier that priced the report came from. */
export const TIER_SOURCES = ['input', 'member_profile', 'assumed'] as const;
export type TierSource = (typeof TIER_SOURCES)[number];

/** The decrypted content of a report. */
export interface GapReportContent {
  /** The input that produced the report: the request after schema defaults, with the tier filled in when it came from the profile. */
  input: GapInput;
  report: GapReport;
  consultantDraft: string;
  memberSummary: string;
}

/** One stored report. The content carries income, debts and derived sums, so all of it is encrypted (aad = memberId). */
export interface GapReportRecord extends GapReportContent {
  reportId: string;
  memberId: string;
  createdAtMs: number;
  createdBy: AuditActor;
  tierSource: TierSource;
}

/** Paths of GapReportContent encrypted at rest. */
export const ENCRYPTED_PATHS = ['input', 'report', 'consultantDraft', 'memberSummary'] as const;

export type GapReportDoc = Doc & {
  _id: string;
  memberId: string;
  createdAtMs: number;
  createdBy: AuditActor;
  tierSource: TierSource;
} & Record<(typeof ENCRYPTED_PATHS)[number], unknown>;
