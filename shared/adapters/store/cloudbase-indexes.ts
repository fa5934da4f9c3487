/**
 * Indexes a CloudBase deployment needs, created in the console (数据库 → 集合 → 索引管理): the node SDK
 * cannot create them, so the adapter's ensureIndex only creates the collection. The README prints this
 * list (renderCloudbaseIndexTable; a test keeps the two equal) and it mirrors the services' ensureIndex
 * calls. Without them the due scan, the SLA scan and the member views read whole collections, and
 * uniqueness is not enforced.
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
  idx('audit_log', ['subjectMemberId', 'atMs'], 'queries by member'),
  idx('audit_log', ['actor.id', 'atMs'], 'queries by staff'),
  idx('audit_log', ['expireAt'], 'purge'),
  idx('wecom_inbox', ['expireAt'], 'purge'),
  idx('rate_limits', ['expireAt'], 'purge'),
];

const label = (i: Pick<RequiredIndex, 'fields' | 'unique'>) => `${i.fields.join(', ')}${i.unique ? ' (unique)' : ''}`;

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

/** A required index is there when one with the same fields in the same order exists (and is unique if it must be). */
export async function missingCloudbaseIndexes(list: IndexLister, required: readonly RequiredIndex[] = CLOUDBASE_INDEXES): Promise<RequiredIndex[]> {
  const byCollection = new Map<string, RequiredIndex[]>();
  for (const r of required) byCollection.set(r.collection, [...(byCollection.get(r.collection) ?? []), r]);
  const missing: RequiredIndex[] = [];
  for (const [collection, wanted] of byCollection) {
    const present = await list(collection);
    const has = (r: RequiredIndex) => present.some((p) => p.fields.join('\u0000') === r.fields.join('\u0000') && (!r.unique || p.unique));
    missing.push(...wanted.filter((r) => !has(r)));
  }
  return missing;
}

/**
 * Checks the list at start and warns once per missing index, naming it; a check that cannot run
 * (no permission to read indexes, API unreachable) says so. Never throws: the functions work without
 * the indexes, only slower and without uniqueness.
 */
export async function checkCloudbaseIndexes(list: IndexLister, warn: (message: string, fields: Record<string, unknown>) => void): Promise<RequiredIndex[]> {
  try {
    const missing = await missingCloudbaseIndexes(list);
    for (const m of missing) {
      warn(`CloudBase index missing: ${m.collection} (${label(m)}) — create it in the console (数据库 → 集合 → 索引管理), see README "CloudBase indexes"`, {
        collection: m.collection,
        index: label(m),
        why: m.why,
      });
    }
    return missing;
  } catch (err) {
    warn('CloudBase indexes could not be checked; create the ones README "CloudBase indexes" lists', { error: err instanceof Error ? err.message : 'unknown' });
    return [];
  }
}
