import type { AuditActor } from '../../ports/audit-log';
import type { Doc } from '../../ports/document-store';

/**
 * What the privacy capability keeps itself. Both are records of a member exercising a right
 * (PIPL art. 44-47) and hold ids, types and instants only; they survive the member's erasure
 * because they are the proof that the right was honoured.
 */
export const PRIVACY_REQUESTS = 'privacy_requests';
export const CONSENT_EVENTS = 'consent_events';

export const PRIVACY_REQUEST_TYPES = ['export', 'erase', 'consent_withdraw'] as const;
export type PrivacyRequestType = (typeof PRIVACY_REQUEST_TYPES)[number];

export const PRIVACY_REQUEST_STATUSES = ['pending', 'completed'] as const;
export type PrivacyRequestStatus = (typeof PRIVACY_REQUEST_STATUSES)[number];

/** A member's own request that ops may carry out for them ("on a verified request"). */
export interface PrivacyRequest extends Doc {
  /** `pr_` + 22 random base64url characters: unguessable, so a request id cannot be probed. */
  _id: string;
  memberId: string;
  type: PrivacyRequestType;
  status: PrivacyRequestStatus;
  createdAtMs: number;
  /** After this the request no longer verifies anything (the member asks again). */
  expiresAtMs: number;
  /** Who made it: always the member themself (the only caller the policy lets create one). */
  createdBy: AuditActor;
  completedAtMs?: number;
  completedBy?: AuditActor;
}

/**
 * One withdrawal of the separate consent to process health data, or the consent given again after
 * one (intake: the health form submitted with consent by a member who had withdrawn).
 */
export interface ConsentEvent extends Doc {
  /**
   * `${memberId}:withdrawn:${atMs}`; `${memberId}:given:${withdrawal's atMs}` for a renewed consent:
   * the same withdrawal or renewal, retried, writes one record.
   */
  _id: string;
  memberId: string;
  kind: 'withdrawn' | 'given';
  atMs: number;
  /** The consent text the member had accepted and now withdraws (null: never consented), or now accepts. */
  consentTextVersion: string | null;
  /** The withdrawal notice the member confirmed (what stops, what is deleted); null for a consent given. */
  noticeTextVersion: string | null;
  actor: AuditActor;
  privacyRequestId?: string;
}
