import type { Clock } from '../../ports/clock';
import type { DocumentStore } from '../../ports/document-store';
import type { NewAuditEntry } from '../../ports/audit-log';
import type { RiskTier } from '../../domain/team/roles';
import type { StreamHooks } from './serial-stream';

/** Only what the points service needs of the audit log (structural, so any AuditLog fits). */
export interface PointsAuditSink {
  append(entry: NewAuditEntry): Promise<unknown>;
}

export const REDEMPTION_STEPS = ['stock_reserved', 'points_debited', 'points_refunded', 'stock_released'] as const;
export type RedemptionStep = (typeof REDEMPTION_STEPS)[number];

export interface PointsHooks extends StreamHooks {
  /** Test hook: runs after each saga step of a redemption (throw to simulate a crash there). */
  afterRedemptionStep?(step: RedemptionStep, redemptionId: string): void | Promise<void>;
}

export interface PointsDeps {
  store: DocumentStore;
  clock: Clock;
  audit?: PointsAuditSink;
  /** The member's risk tier (entitlements per tier: shared/domain/points/rights-catalogue.ts) for free entitlements; unknown → none. */
  memberTier?: (memberId: string) => Promise<RiskTier | null>;
  /** Months until staff-credited points expire (earning rules carry their own). Default 12. */
  adjustExpiryMonths?: number;
  /** Lottery seed source when the caller gives none. Default: crypto random 32-bit. */
  randomSeed?: () => number;
  hooks?: PointsHooks;
}
