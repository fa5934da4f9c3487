import type { Principal } from '../../domain/access/principal';
import { ValidationError } from '../../errors';
import type { AuditEntry } from '../../ports/audit-log';
import type { CallOptions, PrivacyContext } from './deps';
import type { AuditQueryInput } from './schemas';

/** What a member sees of an entry about them: what was done, when, by which kind of person. */
export interface MemberAuditView {
  atMs: number;
  action: string;
  outcome: AuditEntry['outcome'];
  reason: string | null;
  /** Staff appear by role only (their WeCom userids are their own personal data); others by id. */
  by: { kind: AuditEntry['actor']['kind']; role?: string; id?: string };
}

const memberView = (e: AuditEntry): MemberAuditView => ({
  atMs: e.atMs,
  action: e.action,
  outcome: e.outcome,
  reason: e.reason ?? null,
  by: e.actor.kind === 'staff' ? { kind: 'staff', ...(e.actor.role && { role: e.actor.role }) } : { kind: e.actor.kind, id: e.actor.id },
});

/**
 * The audit trail (docs/prd.md §3.2 操作审计): a member reads the entries about themselves; ops read any
 * member's, or one actor's. Reading it is itself audited (authorize records every staff access).
 */
export async function readAuditTrail(ctx: PrivacyContext, principal: Principal, q: AuditQueryInput, o: CallOptions = {}): Promise<{ entries: AuditEntry[] | MemberAuditView[] }> {
  if (principal.kind === 'member' && q.actorId !== undefined) {
    throw new ValidationError('actorId is for ops: members read the entries about themselves', [{ field: 'actorId', message: 'not allowed for members' }]);
  }
  const memberId = q.memberId ?? (principal.kind === 'member' ? principal.memberId : undefined);
  await ctx.deps.authorize(principal, 'audit.read', memberId, { ...(o.requestId && { requestId: o.requestId }) });
  const entries = await ctx.deps.audit.query({
    ...(memberId !== undefined && { memberId }),
    ...(q.actorId !== undefined && { actorId: q.actorId }),
    ...(q.sinceMs !== undefined && { sinceMs: q.sinceMs }),
    limit: q.limit,
  });
  return { entries: principal.kind === 'member' ? entries.map(memberView) : entries };
}
