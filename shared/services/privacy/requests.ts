import { randomBytes } from 'node:crypto';
import type { Action } from '../../domain/access/policy';
import type { AuditActor } from '../../ports/audit-log';
import type { DocumentStore } from '../../ports/document-store';
import { PRIVACY_REQUESTS, type PrivacyRequest, type PrivacyRequestStatus, type PrivacyRequestType } from './records';
import { onceUntilFailure } from '../../once-until-failure';

/** The policy action each request type asks for: a request may only ask for what the member may do. */
export const ACTION_FOR_REQUEST: Record<PrivacyRequestType, Action> = {
  export: 'member.export',
  erase: 'member.delete',
  consent_withdraw: 'consent.withdraw',
};

/**
 * How long a request verifies staff action. PIPL art. 50 asks for a timely answer and GB/T 35273
 * names 30 days; past that the member asks again, so a forgotten request cannot be used much later.
 */
export const REQUEST_VALIDITY_MS = 30 * 86_400_000;

/** How long a carried-out request still verifies a repeat of the same operation. */
export const RETRY_WINDOW_MS = 3_600_000;

export const newPrivacyRequestId = (): string => `pr_${randomBytes(16).toString('base64url').slice(0, 22)}`;

export interface PrivacyRequestView {
  requestId: string;
  memberId: string;
  type: PrivacyRequestType;
  status: PrivacyRequestStatus;
  createdAtMs: number;
  expiresAtMs: number;
  completedAtMs: number | null;
}

export const requestView = (r: PrivacyRequest): PrivacyRequestView => ({
  requestId: r._id,
  memberId: r.memberId,
  type: r.type,
  status: r.status,
  createdAtMs: r.createdAtMs,
  expiresAtMs: r.expiresAtMs,
  completedAtMs: r.completedAtMs ?? null,
});

export function createRequestStore(store: DocumentStore) {
  const requests = store.collection<PrivacyRequest>(PRIVACY_REQUESTS);
  const ready = onceUntilFailure(() =>
    Promise.all([requests.ensureIndex({ fields: ['memberId', 'createdAtMs'] }), requests.ensureIndex({ fields: ['status', 'createdAtMs'] })]).then(() => undefined),
  );

  const pendingOf = async (memberId: string, type: PrivacyRequestType, nowMs: number): Promise<PrivacyRequest | null> =>
    requests.findOne({ memberId, type, status: 'pending', expiresAtMs: { $gt: nowMs } }, { sort: { createdAtMs: -1 } });

  return {
    /** The member's pending request of this type, or a new one: asking twice makes one request. */
    async open(memberId: string, type: PrivacyRequestType, createdBy: AuditActor, nowMs: number): Promise<{ request: PrivacyRequest; created: boolean }> {
      await ready();
      const existing = await pendingOf(memberId, type, nowMs);
      if (existing) return { request: existing, created: false };
      const request: PrivacyRequest = { _id: newPrivacyRequestId(), memberId, type, status: 'pending', createdAtMs: nowMs, expiresAtMs: nowMs + REQUEST_VALIDITY_MS, createdBy };
      await requests.insert(request);
      return { request, created: true };
    },

    /**
     * Whether `requestId` is this member's own, unexpired, pending request for this type. A request
     * carried out a moment ago still counts for RETRY_WINDOW_MS, so staff whose answer was lost may
     * repeat the (idempotent) operation; after that it verifies nothing.
     */
    async verifies(requestId: string, memberId: string, type: PrivacyRequestType, nowMs: number): Promise<boolean> {
      const r = await requests.get(requestId);
      if (!r || r.memberId !== memberId || r.type !== type || r.expiresAtMs <= nowMs) return false;
      return r.status === 'pending' || (r.completedAtMs !== undefined && nowMs - r.completedAtMs < RETRY_WINDOW_MS);
    },

    /** Marks the member's pending requests of `type` done (by whoever carried them out). */
    async complete(memberId: string, type: PrivacyRequestType, by: AuditActor, nowMs: number): Promise<number> {
      await ready();
      const r = await requests.updateMany({ memberId, type, status: 'pending' }, { $set: { status: 'completed', completedAtMs: nowMs, completedBy: by } });
      return r.matched;
    },

    async listForMember(memberId: string, limit = 50): Promise<PrivacyRequest[]> {
      await ready();
      return requests.find({ memberId }, { sort: { createdAtMs: -1, _id: 1 }, limit });
    },

    /** Ops' queue, oldest first (the deadline runs from creation). */
    async queue(status: PrivacyRequestStatus | undefined, limit: number): Promise<PrivacyRequest[]> {
      await ready();
      return requests.find(status ? { status } : {}, { sort: { createdAtMs: 1, _id: 1 }, limit });
    },

    async countBy(type: PrivacyRequestType, status: PrivacyRequestStatus): Promise<number> {
      return requests.count({ type, status });
    },
  };
}

export type RequestStore = ReturnType<typeof createRequestStore>;
