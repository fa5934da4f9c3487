/**
 * Indexes a CloudBase deployment needs, created in the console (数据库 → 集合 → 索引管理): the node SDK
 * cannot create them, so the adapter's ensureIndex only creates the collection. The README prints this
 * list (renderCloudbaseIndexTable; a test keeps the two equal) and it mirrors the services' ensureIndex
 * calls. Without them the due scan, the SLA scan and the member views read whole collections, and
 * uniqueness is not enforced. `npm run -s cli -- cloudbase indexes` (scripts/cli/commands/cloudbase.ts)
 * tells which of them an environment has, at deploy time; the functions never read them.
 */
export interface RequiredIndex {
  collection: string;
  fields: readonly string[];
  unique?: boolean;
  why: string;
}

const idx = (collection: string, fields: string[], why: string, unique = false): RequiredIndex => ({ collection, fields, why, ...(unique && { unique }) });

export const CLOUDBASE_INDEXES: readonly RequiredIndex[] = [
  idx('reminders', ['status', 'priority', 'dueAtMs'], 'due scan'),
  idx('reminders', ['status', 'priority', 'shard', 'dueAtMs'], 'due scan of a fan-out worker'),
  idx('reminders', ['status', 'leaseUntilMs'], 'lease reclaim'),
  idx('reminders', ['memberId'], 'member views'),
  idx('reminder_dead_letters', ['atMs'], 'ops list'),
  idx('triage_tickets', ['status', 'slaDueAtMs'], 'SLA scan'),
  idx('triage_tickets', ['assignee'], 'staff lists'),
  idx('triage_tickets', ['memberId'], 'member lists'),
  idx('triage_messages', ['ticketId'], 'ticket view'),
  idx('triage_messages', ['status'], 'resume of half-handled messages'),
  idx('triage_events', ['ticketId'], 'ticket history'),
  idx('triage_replies', ['ticketId'], 'ticket view (staff replies)'),
  idx('triage_replies', ['memberId'], 'member export and erasure'),
  idx('triage_on_call_alerts', ['staffId', 'atMs'], 'on-call queue'),
  idx('triage_on_call_alerts', ['ticketId'], 'who may act on an emergency'),
  idx('triage_on_call_alerts', ['memberId'], 'member export and erasure'),
  idx('members', ['externalUserId'], '微信客服 and forward lookups'),
  idx('profile_versions', ['memberId', 'version'], 'profile history'),
  idx('readings', ['memberId', 'measuredAtMs'], 'member views'),
  idx('exam_reports', ['memberId', 'uploadedAtMs'], 'member views'),
  idx('intake_follow_ups', ['status', 'nextCheckAtMs'], 'hourly pass'),
  idx('gap_reports', ['memberId', 'createdAtMs'], 'report lists'),
  ...['points_ledger_entries', 'points_stock_entries', 'points_activity_entries'].flatMap((c) => [
    idx(c, ['streamKey'], 'idempotency per stream', true),
    idx(c, ['streamId'], 'journals'),
    idx(c, ['streamId', 'seq'], 'a stream’s newest entries'),
  ]),
  idx('privacy_requests', ['memberId', 'createdAtMs'], 'member queue'),
  idx('privacy_requests', ['status', 'createdAtMs'], 'ops queue'),
  idx('consent_events', ['memberId', 'atMs'], 'the member’s own consent (intake)'),
  idx('staff_roster', ['role'], 'team assignment'),
  idx('outbound_reviews', ['status'], 'review queue'),
  idx('outbound_reviews', ['memberId'], 'member export and erasure'),
  idx('outbound_reviews', ['ticketId'], 'held replies on a ticket'),
  idx('offer_deliveries', ['memberId'], 'the member’s offers, export and erasure'),
  idx('offer_deliveries', ['status', 'checkAtMs'], 'offer sweep'),
  idx('outcome_events', ['atMs'], 'daily aggregation'),
  idx('outcome_events', ['memberId'], 'a member’s journey, export and erasure'),
  idx('outcome_events', ['key'], 'matching later steps to their cohort'),
  idx('outcome_aggregates', ['day'], 'dashboard and CSV'),
  idx('audit_log', ['subjectMemberId', 'atMs'], 'queries by member'),
  idx('audit_log', ['actor.id', 'atMs'], 'queries by staff'),
  idx('audit_log', ['expireAt'], 'purge'),
  idx('wecom_inbox', ['expireAt'], 'purge'),
  idx('rate_limits', ['expireAt'], 'purge'),
];

/** How the README and the ops command name an index: its fields in order, and "(unique)" when it must be. */
export const indexLabel = (i: Pick<RequiredIndex, 'fields' | 'unique'>) => `${i.fields.join(', ')}${i.unique ? ' (unique)' : ''}`;

/** The README's table: one row per index. */
export function renderCloudbaseIndexTable(list: readonly RequiredIndex[] = CLOUDBASE_INDEXES): string {
  const rows = list.map((i) => `| \`${i.collection}\` | \`${i.fields.join(', ')}\`${i.unique ? ' **unique**' : ''} | ${i.why} |`);
  return ['| collection | index | why |', '|---|---|---|', ...rows].join('\n');
}

/** An index as CloudBase describes it: its key fields in order, and whether it is unique. */
export interface ExistingIndex {
  fields: string[];
  unique: boolean;
}

/** Reads a collection's indexes (CloudBase's DescribeTable); rejects when they cannot be read. */
export type IndexLister = (collection: string) => Promise<ExistingIndex[]>;

/** A required index and whether the environment has it; `exists: null` when its collection's indexes could not be read. */
export type IndexStatus = RequiredIndex & ({ exists: boolean } | { exists: null; error: string });

/**
 * Reads each collection's indexes once, one collection after the other, and tells for every required
 * index whether it exists: one with the same fields in the same order (and unique if it must be).
 * A collection that cannot be read (no permission, API unreachable, collection not created yet)
 * marks its indexes `exists: null` with the reason; the others are still read. In the list's order.
 */
export async function cloudbaseIndexStatus(list: IndexLister, required: readonly RequiredIndex[] = CLOUDBASE_INDEXES): Promise<IndexStatus[]> {
  const present = new Map<string, ExistingIndex[] | { error: string }>();
  for (const collection of new Set(required.map((r) => r.collection))) {
    present.set(
      collection,
      await list(collection).catch((err: unknown) => ({ error: err instanceof Error ? err.message : String(err) })),
    );
  }
  return required.map((r): IndexStatus => {
    const found = present.get(r.collection) ?? [];
    if (!Array.isArray(found)) return { ...r, exists: null, error: found.error };
    return { ...r, exists: found.some((p) => p.fields.join('\u0000') === r.fields.join('\u0000') && (!r.unique || p.unique)) };
  });
}
