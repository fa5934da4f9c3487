import type { Principal } from '../../domain/access/principal';
import type { AuditActor } from '../../ports/audit-log';

/** The audit trail's name for whoever a policy decision was about. */
export function actorFromPrincipal(p: Principal): AuditActor {
  switch (p.kind) {
    case 'member':
      return { kind: 'member', id: p.memberId };
    case 'staff':
      return { kind: 'staff', id: p.staffId, role: p.role };
    case 'machine':
      return { kind: 'machine', id: p.id };
  }
}
