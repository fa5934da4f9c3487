import { UnauthorizedError } from '../../errors';
import type { Principal } from '../../domain/access/principal';
import type { DocumentStore } from '../../ports/document-store';
import { STAFF_ROSTER, type StaffMember } from '../team/roster';
import { STAFF_GRANTS, type StaffGrant } from './staff-session';

/** Throws 401 `session_revoked` when the staff member behind a session no longer holds it. */
export type StaffSessionCheck = (principal: Principal) => Promise<void>;

const OVERSIGHT = new Set(['supervisor', 'ops_admin', 'compliance_reviewer']);

/**
 * A staff session is signed for 8 h, but what it stands for can end sooner: a deactivated doctor kept
 * reading their members' health data for the rest of the session. So every staff request is held to
 * the record the session came from (the roster for 4R roles, `staff_grants` for oversight roles, as
 * exchangeStaffCode chose): the person must still be active in the same role, and a session must
 * carry the record's current roster version — deactivation (and a role change) moves it, so every
 * session issued before ends at once, and a later reactivation does not bring them back.
 * A staff principal with no record behind it was not issued by sign-in (local tools) and has
 * nothing to be revoked by; principals made in-process from a verified WeCom identity (no
 * `rosterVersion`) are held to active and role only.
 */
export function createStaffSessionCheck(store: DocumentStore): StaffSessionCheck {
  const checked = new WeakMap<Principal, Promise<void>>(); // one request, one look, however many authorize calls
  const roster = store.collection<StaffMember>(STAFF_ROSTER);
  const grants = store.collection<StaffGrant>(STAFF_GRANTS);

  async function check(p: Extract<Principal, { kind: 'staff' }>): Promise<void> {
    const record: { role: string; active?: boolean; rosterVersion?: number } | null = OVERSIGHT.has(p.role) ? await grants.get(p.staffId) : await roster.get(p.staffId);
    if (!record) return;
    const current = record.active !== false && record.role === p.role && (p.rosterVersion === undefined || p.rosterVersion === (record.rosterVersion ?? 0));
    if (!current) throw new UnauthorizedError('session_revoked', 'this staff session has ended (the roster changed); sign in again');
  }

  return (principal) => {
    if (principal.kind !== 'staff') return Promise.resolve();
    let done = checked.get(principal);
    if (!done) checked.set(principal, (done = check(principal)));
    return done;
  };
}
