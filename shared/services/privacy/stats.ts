import type { Principal } from '../../domain/access/principal';
import { AUDIT_COLLECTION } from '../../ports/audit-log';
import { MEMBERS, type MemberStatus } from '../members/member';
import type { CallOptions, PrivacyContext } from './deps';
import { PRIVACY_REQUEST_STATUSES, PRIVACY_REQUEST_TYPES, type PrivacyRequestStatus, type PrivacyRequestType } from './records';

export interface PrivacyStats {
  members: Record<MemberStatus, number>;
  requests: Record<PrivacyRequestType, Record<PrivacyRequestStatus, number>>;
  /** The last 24 hours of the audit trail. */
  last24h: { staffAccesses: number; denials: number };
}

const MEMBER_STATUSES: readonly MemberStatus[] = ['active', 'consent_withdrawn', 'erased'];
const DAY_MS = 86_400_000;

/** Counts only, no member named (supervisors see aggregates, never a member's records): for supervisors and ops. */
export async function privacyStats(ctx: PrivacyContext, principal: Principal, o: CallOptions = {}): Promise<PrivacyStats> {
  const { store, clock, authorize } = ctx.deps;
  await authorize(principal, 'stats.read', undefined, { ...(o.requestId && { requestId: o.requestId }) });
  const members = store.collection(MEMBERS);
  const memberCounts = await Promise.all(MEMBER_STATUSES.map(async (s) => [s, await members.count({ status: s })] as const));
  const requests = {} as PrivacyStats['requests'];
  for (const type of PRIVACY_REQUEST_TYPES) {
    const counts = await Promise.all(PRIVACY_REQUEST_STATUSES.map(async (s) => [s, await ctx.requests.countBy(type, s)] as const));
    requests[type] = Object.fromEntries(counts) as Record<PrivacyRequestStatus, number>;
  }
  const since = clock.nowMs() - DAY_MS;
  const audit = store.collection(AUDIT_COLLECTION);
  const [staffAccesses, denials] = await Promise.all([
    audit.count({ outcome: 'allowed', 'actor.kind': 'staff', atMs: { $gte: since } }),
    audit.count({ outcome: 'denied', atMs: { $gte: since } }),
  ]);
  return { members: Object.fromEntries(memberCounts) as Record<MemberStatus, number>, requests, last24h: { staffAccesses, denials } };
}
