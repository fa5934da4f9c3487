import { createHash } from 'node:crypto';
import type { Doc } from '../../ports/document-store';
import type { FourRRole, RiskTier, Scene } from '../../domain/team/roles';

export const MEMBERS = 'members';
export const MEMBER_BINDINGS = 'member_bindings';

export type MemberStatus = 'active' | 'consent_withdrawn' | 'erased';

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
