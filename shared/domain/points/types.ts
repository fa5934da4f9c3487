import type { StaffRole } from '../team/roles';

/** Who did it, for the journal's audit trail (same shape as the audit-log port's actor). */
export interface PointsActor {
  kind: 'staff' | 'member' | 'machine' | 'system';
  id: string;
  role?: StaffRole;
}

/** A per-expiry bucket of points ("lot"); all points earned in one month share one expiry. */
export interface Lot {
  expiresAtMs: number;
  points: number;
}

export const SYSTEM_EXPIRY_ACTOR: PointsActor = { kind: 'system', id: 'points-expiry' };
