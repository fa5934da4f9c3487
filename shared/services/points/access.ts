import { ForbiddenError } from '../../errors';
import type { PointsActor } from '../../domain/points/types';
import type { StaffRole } from '../../domain/team/roles';

/** Staff who manage rights, fulfilment, corrections and activities (权益顾问 and oversight). */
export const RIGHTS_STAFF: readonly StaffRole[] = ['rights_consultant', 'supervisor', 'ops_admin'];

export function assertStaff(actor: PointsActor, roles: readonly StaffRole[]): void {
  if (actor.kind !== 'staff' || !actor.role || !roles.includes(actor.role)) {
    throw new ForbiddenError('role_not_allowed', 'this action needs a rights consultant or supervisor');
  }
}

/** Points are awarded by the system or staff on evidence, never claimed by the member directly. */
export function assertCanAward(actor: PointsActor): void {
  if (actor.kind === 'member') throw new ForbiddenError('members_cannot_award_points', 'points are awarded by the system');
  if (actor.kind === 'staff') assertStaff(actor, [...RIGHTS_STAFF, 'family_doctor', 'health_butler']);
}

/** The member themself, or rights staff acting for them. */
export function assertSelfOrStaff(actor: PointsActor, memberId: string): void {
  if (actor.kind === 'member' && actor.id === memberId) return;
  if (actor.kind === 'staff') return assertStaff(actor, RIGHTS_STAFF);
  throw new ForbiddenError('not_your_account', 'members act only on their own account');
}

/** Attendance is confirmed by staff or a verified machine scan, not self-declared (行为真实性验证: points reward behaviour that really happened). */
export function assertCanConfirmAttendance(actor: PointsActor): void {
  if (actor.kind === 'machine' || actor.kind === 'system') return;
  if (actor.kind === 'staff') return assertStaff(actor, [...RIGHTS_STAFF, 'health_butler']);
  throw new ForbiddenError('attendance_needs_staff', 'attendance is confirmed by staff or a check-in scanner');
}
