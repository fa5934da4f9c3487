import type { Principal } from '../../domain/access/principal';
import { readAuditTrail } from './audit-trail';
import { createPrivacyContext, type CallOptions, type PrivacyContext, type PrivacyDeps } from './deps';
import { eraseMember, type EraseInput } from './erase-member';
import { exportMember } from './export-member';
import { listPrivacyRequests, openPrivacyRequest, privacyRequestQueue } from './member-requests';
import type { PrivacyRequestType } from './records';
import type { AuditQueryInput, RequestQueueQuery } from './schemas';
import { privacyStats } from './stats';
import { withdrawConsent, type WithdrawInput } from './withdraw-consent';

/**
 * Member rights (PIPL art. 44-47) and oversight (docs/prd.md §3.2): consent withdrawal, export, erasure,
 * the member's requests that ops carry out, the audit trail and aggregate statistics. Every
 * operation goes through deps.authorize (the policy table) with the caller as principal.
 */
export function createPrivacyService(deps: PrivacyDeps, ports: Pick<PrivacyContext, 'reminders'>) {
  const ctx = createPrivacyContext(deps, ports);
  return {
    openRequest: (p: Principal, memberId: string, type: PrivacyRequestType, o?: CallOptions) => openPrivacyRequest(ctx, p, memberId, type, o),
    listRequests: (p: Principal, memberId: string, o?: CallOptions) => listPrivacyRequests(ctx, p, memberId, o),
    requestQueue: (p: Principal, q: RequestQueueQuery, o?: CallOptions) => privacyRequestQueue(ctx, p, q, o),
    withdrawConsent: (p: Principal, memberId: string, input: WithdrawInput, o?: CallOptions) => withdrawConsent(ctx, p, memberId, input, o),
    exportData: (p: Principal, memberId: string, input: { requestId?: string }, o?: CallOptions) => exportMember(ctx, p, memberId, input, o),
    erase: (p: Principal, memberId: string, input: EraseInput, o?: CallOptions) => eraseMember(ctx, p, memberId, input, o),
    auditTrail: (p: Principal, q: AuditQueryInput, o?: CallOptions) => readAuditTrail(ctx, p, q, o),
    stats: (p: Principal, o?: CallOptions) => privacyStats(ctx, p, o),
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
