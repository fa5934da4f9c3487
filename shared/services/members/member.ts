import { createHash } from 'node:crypto';
import type { Doc } from '../../ports/document-store';
import type { EncryptedField } from '../../ports/field-cipher';
import type { FourRRole, RiskTier, Scene } from '../../domain/team/roles';
import type { TagDimension } from '../../domain/health/tag-catalogue';
import type { MemberStatus } from '../../domain/access/member-standing';

export const MEMBERS = 'members';
export const MEMBER_BINDINGS = 'member_bindings';

export type { MemberStatus } from '../../domain/access/member-standing';

/** Where the member stands with the intake form (docs/prd.md §4.5 step 2; low cooperation: no form three weeks after joining, shared/domain/health/intake-follow-up.ts). */
export type IntakeStatus = 'pending' | 'completed' | 'low_cooperation';

/** A smart tag as stored on the member: catalogue codes only (labels come from the catalogue). */
export interface MemberTag {
  dimension: TagDimension;
  code: string;
}

/** Outcome of the one welcome message a join may send (send_welcome_msg is single-use). */
/** `held_for_review`: the outbound review blocked the composed welcome (services/review); the code expired unused. */
export type WelcomeStatus = 'sending' | 'sent' | 'no_code' | 'code_used' | 'code_expired' | 'failed' | 'outcome_unknown' | 'held_for_review';

/** A customer of the community. Health content lives in `profiles`, encrypted; this is who and where. */
export interface Member extends Doc {
  _id: string;
  /** WeCom external contact id (客户 external_userid). */
  externalUserId?: string;
  /** Mini-program OPENID, once bound. */
  openId?: string;
  /** Staff member whose "contact me" code the customer used. */
  addedBy?: string;
  scene?: Scene;
  campaign?: string;
  team: Partial<Record<FourRRole, string>>;
  groups?: string[];
  tier?: RiskTier;
  status: MemberStatus;
  joinedAtMs: number;
  updatedAtMs: number;
  formCompletedAtMs?: number;
  intakeStatus?: IntakeStatus;
  /** Current version of the health profile (profile_versions). */
  profileVersion?: number;
  /**
   * Smart tags (docs/prd.md §2.3.3). Stored in clear because they drive routing and segmentation and are
   * mirrored to WeCom customer tags, where the member's staff see them anyway.
   */
  tags?: MemberTag[];
  /** Corp tag ids currently marked on the contact in WeCom (what mark_tag last applied). */
  wecomTagIds?: string[];
  welcome?: { status: WelcomeStatus; atMs: number };
  checkUpReportAtMs?: number;
  /**
   * The name staff see (members/display-name.ts): the remark the staff member who brought the
   * customer in gave them, else the contact's WeChat name, from externalcontact/get. Encrypted with
   * aad = member id, field path `displayName`; never logged.
   */
  displayName?: EncryptedField;
  /** When `displayName` was last fetched (absent: never fetched successfully). */
  displayNameAtMs?: number;
}

/** Deterministic, opaque: the same external contact always maps to the same member (idempotent joins). */
export function memberIdForExternalUser(corpId: string, externalUserId: string): string {
  return `m_${createHash('sha256').update(`${corpId}\n${externalUserId}`).digest('base64url').slice(0, 22)}`;
}

export interface MemberBinding extends Doc {
  /** `openid:<OPENID>`; `_id` uniqueness makes a binding single across every store backend. */
  _id: string;
  memberId: string;
  boundAtMs: number;
}

export const openIdBindingId = (openId: string) => `openid:${openId}`;
