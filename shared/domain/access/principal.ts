import { FOUR_R_ROLES, STAFF_ROLES, type FourRRole, type StaffRole } from '../team/roles';

/**
 * How a member proved who they are: `member-link` is the welcome link's token (21 days, in a link card
 * that can be forwarded), so it carries only the health-form flow (policy.ts LINK_TOKEN_ACTIONS);
 * a mini-program session (`mini-program`) or the platform's OPENID of a bound account (`openid`) is
 * the member's own login. Unset counts as a full member credential (in-process callers).
 */
export const MEMBER_CREDENTIALS = ['member-link', 'mini-program', 'openid'] as const;
export type MemberCredential = (typeof MEMBER_CREDENTIALS)[number];

/** Who is asking. Supervisors and ops admins are staff with those roles; `machine` is the internal API key. */
export type Principal =
  | { kind: 'member'; memberId: string; credential?: MemberCredential }
  | {
      kind: 'staff';
      staffId: string;
      role: StaffRole;
      /** Set for a signed staff session: the roster version it was issued at (sessions are revoked by moving it). */
      rosterVersion?: number;
    }
  | { kind: 'machine'; id: string };

/** The policy's columns: a member, each staff role, the machine. */
export const PRINCIPAL_ROLES = ['member', ...STAFF_ROLES, 'machine'] as const;
export type PrincipalRole = (typeof PRINCIPAL_ROLES)[number];

/**
 * How the principal stands to the member the action concerns.
 * - self: the member themself;
 * - own_team: staff assigned to this member in the staff member's own 4R role;
 * - on_request: staff acting on a verified, pending request the member made (export, deletion…);
 * - other: anyone else;
 * - none: the action concerns no single member (aggregates).
 */
export const RELATIONS = ['self', 'own_team', 'on_request', 'other', 'none'] as const;
export type Relation = (typeof RELATIONS)[number];

export const principalRole = (p: Principal): PrincipalRole => (p.kind === 'staff' ? p.role : p.kind);

/** The member's own login (mini-program session, bound OPENID, or in-process), not the forwardable welcome link. */
export const isOwnLogin = (p: Principal): boolean => p.kind === 'member' && p.credential !== 'member-link';

export const principalId = (p: Principal): string => (p.kind === 'member' ? p.memberId : p.kind === 'staff' ? p.staffId : p.id);

export interface MemberSubject {
  memberId: string;
  /** The member's 4R team: role → staff id. */
  team: Partial<Record<FourRRole, string>>;
  /**
   * Set when the resource belongs to one role only (a ticket routed to the doctor): then only the
   * member's staff in that role count as own team, so the insurance consultant cannot read a
   * medical question just because they serve the same member.
   */
  assignedRole?: FourRRole;
  /** The member asked for this (export, deletion, withdrawal) and the request was verified. */
  verifiedRequest?: boolean;
  /**
   * Staff who serve this one resource in `assignedRole` without being on the member's team: the
   * on-call doctors alerted about an emergency must be able to open and acknowledge it.
   */
  coServing?: readonly string[];
}

const isFourR = (role: StaffRole): role is FourRRole => (FOUR_R_ROLES as readonly string[]).includes(role);

export function relationOf(principal: Principal, subject?: MemberSubject): Relation {
  if (!subject) return 'none';
  if (principal.kind === 'member') return principal.memberId === subject.memberId ? 'self' : 'other';
  if (principal.kind === 'machine') return 'other';
  const { role, staffId } = principal;
  const servesResource = !subject.assignedRole || subject.assignedRole === role;
  if (isFourR(role) && servesResource && (subject.team[role] === staffId || (subject.assignedRole && subject.coServing?.includes(staffId)))) return 'own_team';
  return subject.verifiedRequest ? 'on_request' : 'other';
}
