import type { StaffRole } from '../domain/team/roles';

/** Where the store-backed audit log keeps its entries; privacy statistics and the member data map read them there. */
export const AUDIT_COLLECTION = 'audit_log';

/**
 * Append-only trail of who did what to whose records (docs/prd.md §3.2 操作审计, §3.3 记录留存).
 * Entries name people by opaque id only; `meta` holds identifiers and counts, never health
 * content, phone numbers or tokens.
 */
export interface AuditActor {
  kind: 'staff' | 'member' | 'machine' | 'system';
  id: string;
  role?: StaffRole;
}

export type AuditOutcome = 'allowed' | 'denied' | 'done' | 'failed';

export type AuditMeta = Record<string, string | number | boolean | null>;

export interface AuditEntry {
  _id: string;
  atMs: number;
  actor: AuditActor;
  /** A policy action ('health.read') or another operation name ('callback.received'). */
  action: string;
  subjectMemberId?: string;
  outcome: AuditOutcome;
  /** Why it was denied or failed: a DenyReason or an error code. */
  reason?: string;
  requestId?: string;
  meta?: AuditMeta;
}

export type NewAuditEntry = Omit<AuditEntry, '_id' | 'atMs'>;

export interface AuditQuery {
  /** Entries about this member. */
  memberId?: string;
  /** Entries by this actor. Both filters together mean both must match. */
  actorId?: string;
  sinceMs?: number;
  /** Default 100, at most 1000. */
  limit?: number;
}

export interface AuditLog {
  /** Stamps `_id` and `atMs` and stores the entry; there is no update and no delete. */
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first. */
  query(q: AuditQuery): Promise<AuditEntry[]>;
}
