import { randomUUID } from 'node:crypto';
import type { Clock } from '../../ports/clock';
import { systemClock } from '../../ports/clock';
import { AUDIT_COLLECTION, type AuditEntry, type AuditLog, type AuditMeta, type AuditQuery, type NewAuditEntry } from '../../ports/audit-log';
import type { Doc, DocumentStore, Filter } from '../../ports/document-store';
import { redact } from '../log/redact';
import { onceUntilFailure } from '../../once-until-failure';

export { AUDIT_COLLECTION } from '../../ports/audit-log';

/**
 * Entries must be kept at least 6 months (Cybersecurity Law art. 21 for network logs; docs/prd.md §3.3
 * 记录留存). 400 days keeps a full year plus a month of slack, so an annual compliance review or a
 * complaint raised a year later can still see the whole trail; the TTL index then removes them.
 * A member's deletion request does not erase entries about them: they name the member by opaque
 * id only and are retained under that legal obligation.
 */
export const AUDIT_RETENTION_DAYS = 400;
const RETENTION_MS = AUDIT_RETENTION_DAYS * 86_400_000;

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

type AuditDoc = Doc & AuditEntry & { expireAt: Date };

export interface StoreAuditLogOptions {
  clock?: Clock;
  newId?: () => string;
}

/** Append-only: this adapter has no code path that updates or deletes an entry. */
export function createStoreAuditLog(store: DocumentStore, options: StoreAuditLogOptions = {}): AuditLog {
  const clock = options.clock ?? systemClock;
  const newId = options.newId ?? randomUUID;
  const col = store.collection<AuditDoc>(AUDIT_COLLECTION);

  // Once per instance (cold start), retried if it failed.
  const ensureIndexes = onceUntilFailure(() =>
    Promise.all([
      col.ensureIndex({ fields: ['expireAt'], expireAfterSeconds: 0 }),
      col.ensureIndex({ fields: ['subjectMemberId', 'atMs'] }),
      col.ensureIndex({ fields: ['actor.id', 'atMs'] }),
    ]).then(() => undefined),
  );

  async function append(entry: NewAuditEntry): Promise<AuditEntry> {
    await ensureIndexes();
    const atMs = clock.nowMs();
    const defined = Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as NewAuditEntry;
    const stored: AuditEntry = {
      ...defined,
      ...(defined.meta !== undefined && { meta: redact(defined.meta) as AuditMeta }),
      _id: newId(),
      atMs,
    };
    await col.insert({ ...stored, expireAt: new Date(atMs + RETENTION_MS) } as AuditDoc);
    return stored;
  }

  async function query(q: AuditQuery): Promise<AuditEntry[]> {
    await ensureIndexes();
    const filter: Filter = {};
    if (q.memberId !== undefined) filter.subjectMemberId = q.memberId;
    if (q.actorId !== undefined) filter['actor.id'] = q.actorId;
    if (q.sinceMs !== undefined) filter.atMs = { $gte: q.sinceMs };
    const limit = Math.min(Math.max(Math.trunc(q.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
    const docs = await col.find(filter, { sort: { atMs: -1 }, limit });
    return docs.map(({ expireAt: _expireAt, ...entry }) => entry as AuditEntry);
  }

  return { append, query };
}
