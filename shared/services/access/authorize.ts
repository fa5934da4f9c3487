import { AppError, ForbiddenError, NotFoundError } from '../../errors';
import { consentWithdrawn } from './refusals';
import { decide, type Action } from '../../domain/access/policy';
import { relationOf, type MemberSubject, type Principal } from '../../domain/access/principal';
import { standing, type Refusal } from '../../domain/access/member-standing';
import { actorFromPrincipal } from './actor';
import type { AuditLog } from '../../ports/audit-log';
import type { FourRRole } from '../../domain/team/roles';
import type { MemberRepository } from '../members/member-repository';
import type { Clock } from '../../ports/clock';
import type { DocumentStore } from '../../ports/document-store';
import { boundedDenialAudit } from './denial-audit';
import { windowCounter } from './windows';
import type { StaffSessionCheck } from '../identity/session-check';

export interface AuthorizeOptions {
  /** The resource belongs to one role's work (a ticket routed to the doctor). */
  assignedRole?: FourRRole;
  verifiedRequest?: boolean;
  /** Staff serving this resource in `assignedRole` besides the member's team (on-call for an emergency). */
  coServing?: readonly string[];
  requestId?: string;
}

export type Authorize = (principal: Principal, action: Action, memberId?: string, options?: AuthorizeOptions) => Promise<void>;

const REFUSALS: Record<Refusal, () => AppError> = {
  member_erased: () => new NotFoundError('member'),
  consent_withdrawn: () => consentWithdrawn(),
};

/**
 * The one gate every route passes: holds a staff session to the roster (a deactivated person's
 * session ends at once: session-check.ts), asks the policy, then the member's standing (erased, consent
 * withdrawn: member-standing.ts), audits each staff access and every denial (repeats bounded:
 * denial-audit.ts), and throws with the
 * reason code (403 from the policy; 404 or 409 from the standing). An unknown member id is judged
 * exactly like a member the caller is not related to, so a denial never reveals whether the member
 * exists; the standing is only consulted once the policy allowed the caller.
 */
export function createAuthorize(deps: { members: MemberRepository; audit: AuditLog; store: DocumentStore; clock: Clock; staffSessions: StaffSessionCheck }): Authorize {
  const auditDenial = boundedDenialAudit(windowCounter(deps), deps.audit);
  return async (principal, action, memberId, options = {}) => {
    const base = { actor: actorFromPrincipal(principal), action, ...(memberId ? { subjectMemberId: memberId } : {}), ...(options.requestId ? { requestId: options.requestId } : {}) };
    try {
      await deps.staffSessions(principal);
    } catch (err) {
      if (err instanceof AppError) await auditDenial({ ...base, outcome: 'denied', reason: err.code });
      throw err;
    }
    let subject: MemberSubject | undefined;
    const member = memberId !== undefined ? await deps.members.get(memberId) : null;
    if (memberId !== undefined) {
      subject = { memberId, team: member?.team ?? {}, assignedRole: options.assignedRole, verifiedRequest: options.verifiedRequest, coServing: options.coServing };
      if (member?.status === 'erased' && principal.kind !== 'machine') subject.team = {};
    }
    const decision = decide(principal, action, relationOf(principal, subject));
    if (!decision.allow) {
      await auditDenial({ ...base, outcome: 'denied', reason: decision.reason });
      throw new ForbiddenError(decision.reason, `${action} is not allowed for this caller`);
    }
    const stand = member && memberId !== undefined ? standing(member.status, action, principal, memberId) : { ok: true as const };
    if (!stand.ok) {
      await auditDenial({ ...base, outcome: 'denied', reason: stand.refusal });
      throw REFUSALS[stand.refusal]();
    }
    if (principal.kind === 'staff') await deps.audit.append({ ...base, outcome: 'allowed' });
  };
}
