import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MEMBER_DATA_MAP, type MemberDataEntry } from '../../../shared/services/privacy/member-data-map';
import { assertCollectionName } from '../../../shared/adapters/store/collection-name';

/**
 * Collections the code writes that hold no member data, or none attributable to a member, each with
 * the reason. A collection found in the source that is neither here nor in the map fails the test:
 * whoever adds one decides whether it is member data (and then adds it to the map).
 */
const NOT_MEMBER_DATA: Record<string, string> = {
  healthz: 'health check probe',
  rate_limits: 'hashed client address and counters',
  wecom_tokens: 'WeCom access tokens',
  wecom_tickets: 'WeCom JS-SDK tickets (corp-wide)',
  wecom_kf_cursors: 'kf sync cursors',
  wecom_corp_tags: 'corp tag ids by name (corp-wide, no member)',
  wecom_inbox: 'decrypted callbacks carry no member id; attributable only by decrypting every entry — deleted 30 days after receipt (TTL)',
  staff_roster: 'staff, not members',
  staff_grants: 'staff, not members',
  contact_ways: 'staff 联系我 codes',
  group_welcome_templates: 'templates',
  sla_escalations: 'per ticket: escalation level and instant',
  points_stock_heads: 'per right: stock counts',
  points_stock_entries: 'per right: reservations by redemption id',
  points_activities: 'activity definitions',
  points_activity_heads: 'per activity: seat counts',
  content_items: 'the content library: texts written for everyone',
  content_calendar: 'when a library item goes out, and how many it reached',
  content_group_sends: 'per calendar entry and staff sender: the group mass-send task',
  outcome_aggregates: 'daily counts per scene, campaign, team member and join week; no member ids, no cell under 10 members shown',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every collection name the code can write: literal and constant arguments of collection(), and SerialStream journals. */
function collectionsInSource(): Set<string> {
  const files = [...sourceFiles('shared'), ...sourceFiles('functions')].map((f) => readFileSync(f, 'utf8'));
  const constants = new Map<string, string>();
  for (const text of files) for (const m of text.matchAll(/export const ([A-Z][A-Z0-9_]*) = '([A-Za-z][A-Za-z0-9_-]*)';/g)) constants.set(m[1] as string, m[2] as string);
  const names = new Set<string>();
  for (const text of files) {
    for (const m of text.matchAll(/\.collection(?:<[^>]*>)?\(\s*(?:'([^']+)'|([A-Z][A-Z0-9_]*))\s*\)/g)) {
      const name = m[1] ?? constants.get(m[2] as string);
      if (name) names.add(name);
    }
    for (const m of text.matchAll(/new SerialStream\([^,]+,\s*'([a-z_]+)'/g)) {
      names.add(`${m[1]}_heads`);
      names.add(`${m[1]}_entries`);
    }
  }
  return names;
}

describe('the member-data map', () => {
  it('accounts for every collection the code writes', () => {
    const found = collectionsInSource();
    // The scan itself works: it sees collections of every capability.
    expect([...found]).toEqual(expect.arrayContaining(['members', 'readings', 'triage_messages', 'gap_reports', 'points_ledger_entries', 'reminders', 'audit_log']));
    const mapped = new Set(MEMBER_DATA_MAP.map((e) => e.collection));
    const unaccounted = [...found].filter((c) => !mapped.has(c) && !Object.hasOwn(NOT_MEMBER_DATA, c)).sort();
    expect(unaccounted).toEqual([]);
  });

  it('names each collection once, validly, with a reason for what erasure does', () => {
    const names = MEMBER_DATA_MAP.map((e) => e.collection);
    expect(new Set(names).size).toBe(names.length);
    for (const e of MEMBER_DATA_MAP) {
      expect(assertCollectionName(e.collection)).toBe(e.collection);
      expect(e.erase.why.length).toBeGreaterThan(10);
    }
    // The member document goes last: erasure needs its contact ids until everything else is done.
    expect(names.at(-1)).toBe('members');
    expect(MEMBER_DATA_MAP.find((e) => e.collection === 'audit_log')?.erase.strategy).toBe('retain');
  });

  const entry = (c: string): MemberDataEntry => MEMBER_DATA_MAP.find((e) => e.collection === c) as MemberDataEntry;
  const tomb = (c: string, doc: Record<string, unknown>) => {
    const e = entry(c).erase;
    if (e.strategy !== 'redact') throw new Error(`${c} is not redacted`);
    return e.tombstone({ _id: 'x', ...doc }, { nowMs: 1000 });
  };

  it('keeps only ids, codes, amounts and instants in tombstones', () => {
    const ticket = tomb('triage_tickets', { memberId: 'm1', role: 'family_doctor', status: 'open', emergency: true, redFlags: ['chest_pain'], intent: 'medical', upgradedBy: 'kf:1', assignee: 'doc', createdAtMs: 1 });
    expect(ticket).toEqual({ _id: 'x', memberId: 'm1', role: 'family_doctor', emergency: true, assignee: 'doc', createdAtMs: 1, redFlags: [], status: 'closed', closedAtMs: 1000, closedBy: 'system:privacy', resolution: 'member_erased', updatedAtMs: 1000 });

    const message = tomb('triage_messages', { memberId: 'm1', text: { _enc: 1 }, classification: { intent: 'medical' }, externalUserId: 'wm_1', openKfId: 'kf', lastError: 'x', status: 'failed', atMs: 5 });
    expect(message).toEqual({ _id: 'x', memberId: 'm1', atMs: 5, status: 'done', leaseUntilMs: 0 });

    const journal = tomb('points_ledger_entries', { streamId: 'm1', seq: 3, fingerprint: '{"reason":"血糖"}', effect: { amount: 20, reason: '血糖仪补偿', note: '电话', sourceRef: 'adjust:1', actor: { kind: 'staff', id: 'rc' } } });
    expect(journal).toEqual({ _id: 'x', streamId: 'm1', seq: 3, effect: { amount: 20, reason: 'redacted', sourceRef: 'redacted', actor: { kind: 'staff', id: 'rc' } } });

    const version = tomb('profile_versions', { memberId: 'm1', version: 1, form: { _enc: 1 }, assessment: { _enc: 1 }, tier: 'high', consent: { textVersion: 'v1' } });
    expect(version).toEqual({ _id: 'x', memberId: 'm1', version: 1, consent: { textVersion: 'v1' } });

    const member = tomb('members', { status: 'erased', externalUserId: 'wm_1', openId: 'o', tags: [{ code: 'hypertension' }], tier: 'high', team: { family_doctor: 'd' }, joinedAtMs: 1, erasedAtMs: 2 });
    expect(member).toEqual({ _id: 'x', status: 'erased', joinedAtMs: 1, erasedAtMs: 2, team: {}, updatedAtMs: 1000 });
  });
});
