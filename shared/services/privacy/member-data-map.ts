import { FOUR_R_ROLES } from '../../domain/team/roles';
import { AUDIT_COLLECTION } from '../../ports/audit-log';
import type { Doc, DocumentStore } from '../../ports/document-store';
import { MEMBER_BINDINGS, MEMBERS } from '../members/member';
import { DISPLAY_NAME_PATHS } from '../members/display-name';
import { TEAM_ASSIGNMENTS } from '../team/assign-team';
import { GROUP_MEMBERSHIPS } from '../welcome/group-membership';
import { WELCOME_SENDS } from '../welcome/welcome-send';
import { INTAKE_FOLLOW_UPS } from '../intake/follow-ups';
import { PROFILE_VERSIONS, PROFILES } from '../intake/profile-store';
import { PLAN_VERSIONS, PLANS } from '../intake/plans';
import { PLAN_EVALUATIONS } from '../intake/plan-evaluation-run';
import { BEHAVIOUR_SCORE_RUNS, BEHAVIOUR_SCORES, SCORE_ENCRYPTED } from '../intake/behaviour-scores';
import { FORM_SUBMISSIONS } from '../intake/form-submissions';
import { READINGS } from '../intake/readings';
import { EXAM_REPORTS } from '../intake/reports';
import { PLAN_ENCRYPTED, PLAN_VERSION_ENCRYPTED, PROFILE_ENCRYPTED, READING_ENCRYPTED, REPORT_ENCRYPTED } from '../intake/sensitive-fields';
import { REMINDER_DEAD_LETTERS, REMINDERS } from '../reminders/reminder-doc';
import { textAad } from '../reminders/content';
import { REMINDER_MEMBER_STATE } from '../reminders/member-state';
import { SUBSCRIPTIONS } from '../reminders/subscriptions';
import { KF_SESSIONS } from '../reminders/kf-window';
import { POLICY_EXPIRIES } from '../reminders/reminder-service';
import { EVENTS, MESSAGES, ON_CALL_ALERTS, OPEN_TICKETS, openKeyOf, REPLIES, TICKETS } from '../triage/records';
import { ENCRYPTED_PATHS as GAP_ENCRYPTED, GAP_REPORTS } from '../gap-analysis/report-doc';
import { CONSENT_EVENTS, PRIVACY_REQUESTS } from './records';
import { MEMBER_CONSENTS } from '../members/optional-consents';
import { OUTCOME_EVENTS } from '../outcomes/outcome-events';
import { OFFER_DELIVERIES, OFFER_LEDGERS } from '../offers/deliveries';
import { OUTBOUND_REVIEWS, REVIEW_ENCRYPTED } from '../review/records';
import { PARTNER_CUSTOMERS } from '../outcomes/partner';

/**
 * Every collection that holds data about a member, how to find a member's documents in it, how to
 * open them for the member's export, and what erasure does to them (PIPL art. 45 copy, art. 47
 * deletion; docs/prd.md §3.2 隐私保护, §3.3 记录留存). The privacy service walks this list; a collection that
 * stores member data and is missing here is neither exported nor erased, so a capability adding one
 * adds it here.
 *
 * Erasure strategies:
 * - delete: the documents go;
 * - redact: a tombstone stays with ids, codes, amounts and instants only, because a retention duty or
 *   the integrity of another record needs the fact (a ledger must still add up, a ticket's SLA history
 *   must still show who answered when); every free text, health value and contact identifier goes;
 * - retain: kept as is, because the documents already hold nothing but opaque ids, codes and instants
 *   and are themselves the compliance record (the audit trail, the record of this very request).
 *
 * Scopes: withdrawing the separate consent to process health data (PIPL art. 29, 47(3)) applies the
 * erasure of the `health_consent` entries only — what exists because of that consent; erasure applies
 * every entry.
 *
 * Looked at and left out, on purpose:
 * - wecom_inbox: callbacks not yet run keep their decrypted payload (encrypted, aad = dedup key; done entries keep
 *   none) and carry no member id; attributing one
 *   would mean decrypting every entry. Its owner keeps each entry 30 days (TTL on `expireAt`).
 * - sla_escalations (per ticket: level, instant), points_stock_* (per right: redemption ids, counts),
 *   points_activities (activity definitions), rate_limits (hashed client address), contact_ways,
 *   staff_roster, staff_grants, wecom_* caches: no member data.
 * - content_items, content_calendar, content_group_sends: texts written for everyone, when they go
 *   out and which staff member's group task was made — no member data.
 */

export type MemberDataScope =
  /** Collected under the health-data consent: goes when that consent is withdrawn. */
  | 'health_consent'
  /** Being a member of the community: who, where, which team. */
  | 'membership'
  /** Conversations and advice given to the member: kept as a service record until erasure. */
  | 'service_record'
  /** Points and rights: an account that must keep adding up. */
  | 'benefits'
  /** Records of access and of the member's own requests. */
  | 'compliance';

export interface FinderContext {
  store: DocumentStore;
}

export type FindMemberDocs =
  /** `_id` is the member id. */
  | { by: 'id' }
  /** Documents whose (possibly dotted) field equals the member id. */
  | { by: 'field'; field: string }
  /** Ids derived from the member id or from the member's documents elsewhere. */
  | { by: 'ids'; how: string; ids: (memberId: string, ctx: FinderContext) => Promise<string[]> };

export interface Encryption {
  /** The owning capability's encrypted paths (deps.cipher.encryptFields). */
  paths: readonly string[];
  /** The AAD the owner encrypted with; the cipher binds each path to (aad, path). */
  aad: (doc: Doc) => string;
  convention: string;
}

export interface TombstoneContext {
  nowMs: number;
}

export type Erasure =
  | { strategy: 'delete'; why: string }
  | { strategy: 'redact'; why: string; tombstone: (doc: Doc, ctx: TombstoneContext) => Doc }
  | { strategy: 'retain'; why: string };

export interface MemberDataEntry {
  collection: string;
  /** The capability that writes it. */
  owner: string;
  holds: string;
  scope: MemberDataScope;
  find: FindMemberDocs;
  encryption?: Encryption;
  erase: Erasure;
  /** In the member's export (false only where the member reads it through its own route). */
  exported: boolean;
}

/** The listed top-level fields of `doc` (absent ones stay absent). */
export function keepOnly(doc: Doc, fields: readonly string[]): Doc {
  const out: Doc = { _id: doc._id };
  for (const f of fields) if (f in doc && doc[f] !== undefined) out[f] = doc[f];
  return out;
}

const byMember = { by: 'field', field: 'memberId' } as const;
const byId = { by: 'id' } as const;
const memberAad = { aad: (d: Doc) => String(d.memberId), convention: 'aad = memberId, per field path' };

const TICKET_KEEP = [
  'memberId', 'memberKnown', 'role', 'assignee', 'status', 'emergency', 'channel', 'createdAtMs', 'updatedAtMs', 'lastMessageAtMs',
  'slaStartAtMs', 'slaDueAtMs', 'emergencyAckMinutes', 'onCallList', 'onCallAlertsKept', 'acknowledgedAtMs', 'acknowledgedBy', 'closedAtMs', 'closedBy', 'resolution',
] as const;

const MESSAGE_KEEP = [
  'channel', 'memberId', 'memberKnown', 'atMs', 'receivedAtMs', 'staffId', 'ticketId', 'opened', 'upgraded', 'appendedToAcknowledged', 'reply', 'repliedAtMs', 'notified', 'attempts',
] as const;

const REPLY_KEEP = ['ticketId', 'memberId', 'staffId', 'key', 'channel', 'status', 'reviewId', 'createdAtMs', 'updatedAtMs', 'sentAtMs'] as const;

const REVIEW_KEEP = ['memberId', 'channel', 'ref', 'ticketId', 'author', 'status', 'hits', 'model', 'createdAtMs', 'decidedAtMs', 'decidedBy', 'delivery', 'deliveredAtMs'] as const;

const REDEMPTION_KEEP = ['memberId', 'rightId', 'idempotencyKey', 'status', 'failureCode', 'pointsSpent', 'free', 'steps', 'requestedBy', 'createdAtMs', 'updatedAtMs'] as const;

/** The member's keys in the points key registry: client keys their ledger entries and redemptions were bound to. */
async function pointsKeysOf(memberId: string, ctx: FinderContext): Promise<string[]> {
  const [entries, redemptions] = await Promise.all([
    ctx.store.collection('points_ledger_entries').find({ streamId: memberId }),
    ctx.store.collection('points_redemptions').find({ memberId }),
  ]);
  const keys = new Set<string>();
  for (const e of entries) if (typeof e.key === 'string' && e.key.startsWith('req:')) keys.add(e.key.slice(4));
  for (const r of redemptions) if (typeof r.idempotencyKey === 'string') keys.add(r.idempotencyKey);
  return [...keys];
}

/**
 * In erasure order: the member document comes last, so a retried erasure still finds the contact
 * identifiers it needs (the WeCom tags to remove) until everything else is done.
 */
export const MEMBER_DATA_MAP: readonly MemberDataEntry[] = [
  // ── intake: everything here exists because of the health-data consent ──
  {
    collection: PROFILE_VERSIONS,
    owner: 'intake',
    holds: 'every health form submission (answers, risk score and factors) and the consent given with it',
    scope: 'health_consent',
    find: byMember,
    encryption: { paths: PROFILE_ENCRYPTED, ...memberAad },
    erase: {
      strategy: 'redact',
      why: 'the consent record (text version, time, who submitted) proves the earlier processing was consented to (PIPL art. 14, 29); answers, score and tier go',
      tombstone: (d) => keepOnly(d, ['memberId', 'version', 'submittedAtMs', 'submittedBy', 'consent']),
    },
    exported: true,
  },
  { collection: FORM_SUBMISSIONS, owner: 'intake', holds: 'hashed submission keys and the profile version each produced (no answers)', scope: 'health_consent', find: byMember, erase: { strategy: 'delete', why: 'bookkeeping against double submission' }, exported: true },
  { collection: PROFILES, owner: 'intake', holds: 'pointer to the current profile version and the tier', scope: 'health_consent', find: byId, erase: { strategy: 'delete', why: 'derived from the form' }, exported: true },
  {
    collection: PLANS,
    owner: 'intake',
    holds: 'the personal health plan (entries name conditions and habits)',
    scope: 'health_consent',
    find: byId,
    encryption: { paths: PLAN_ENCRYPTED, aad: (d) => d._id, convention: 'aad = memberId (the plan _id), per field path' },
    erase: { strategy: 'delete', why: 'derived from the form; no retention duty' },
    exported: true,
  },
  {
    collection: PLAN_VERSIONS,
    owner: 'intake',
    holds: 'every plan version with why it changed (adjustments from readings and adherence, doctors\' overrides)',
    scope: 'health_consent',
    find: byMember,
    encryption: { paths: PLAN_VERSION_ENCRYPTED, ...memberAad },
    erase: { strategy: 'delete', why: 'derived from the form and the readings; the overrides are in the audit trail (plan.override)' },
    exported: true,
  },
  {
    collection: READINGS,
    owner: 'intake',
    holds: 'blood pressure, glucose, weight and step readings, with notes',
    scope: 'health_consent',
    find: byMember,
    encryption: { paths: READING_ENCRYPTED, ...memberAad },
    erase: { strategy: 'delete', why: 'health values; the red-flag alert to the doctor is in the audit trail (reading.red_flag_alert)' },
    exported: true,
  },
  {
    collection: EXAM_REPORTS,
    owner: 'intake',
    holds: 'physical-exam report references, institution, notes',
    scope: 'health_consent',
    find: byMember,
    encryption: { paths: REPORT_ENCRYPTED, ...memberAad },
    erase: { strategy: 'delete', why: 'health data; the file itself lives in the storage the reference points to (not this store)' },
    exported: true,
  },
  {
    collection: BEHAVIOUR_SCORES,
    owner: 'intake',
    holds: 'monthly behaviour scores (plan adherence, readings\' trend against the month before) and tips',
    scope: 'health_consent',
    find: byMember,
    encryption: { paths: SCORE_ENCRYPTED, ...memberAad },
    erase: { strategy: 'delete', why: 'derived from plan events and readings; disclosures to the policy system are in the audit trail (score.disclosed)' },
    exported: true,
  },
  { collection: BEHAVIOUR_SCORE_RUNS, owner: 'intake', holds: 'months the monthly score run passed the member over or failed (no health content)', scope: 'health_consent', find: byMember, erase: { strategy: 'delete', why: 'only paces the monthly scoring' }, exported: true },
  { collection: PLAN_EVALUATIONS, owner: 'intake', holds: 'the day the member\'s plan was last evaluated (no health content)', scope: 'health_consent', find: byId, erase: { strategy: 'delete', why: 'only paces the daily evaluation' }, exported: true },
  { collection: INTAKE_FOLLOW_UPS, owner: 'intake', holds: 'where the member stands with the form (nudges sent)', scope: 'health_consent', find: byId, erase: { strategy: 'delete', why: 'only drives nudges to fill in the form' }, exported: true },

  // ── reminders: made from the plan; withdrawal stops them ──
  {
    collection: REMINDERS,
    owner: 'reminders',
    holds: 'reminders to or about the member (titles can name a condition: 请测量血糖)',
    scope: 'health_consent',
    find: byMember,
    encryption: { paths: ['title', 'content'], aad: (d) => textAad({ _id: d._id, ...(typeof d.memberId === 'string' && { memberId: d.memberId }) }), convention: 'aad = memberId (else the reminder id), per field path' },
    erase: { strategy: 'delete', why: 'cancelled first; the texts are health content and nothing needs them afterwards' },
    exported: true,
  },
  { collection: REMINDER_DEAD_LETTERS, owner: 'reminders', holds: 'failed deliveries (ids and error codes)', scope: 'health_consent', find: byMember, erase: { strategy: 'delete', why: 'operational; about reminders that no longer exist' }, exported: true },
  { collection: REMINDER_MEMBER_STATE, owner: 'reminders', holds: 'pushes today, keyed content hashes, last reply time', scope: 'health_consent', find: byId, erase: { strategy: 'delete', why: 'delivery bookkeeping' }, exported: true },
  { collection: SUBSCRIPTIONS, owner: 'reminders', holds: 'mini-program message subscriptions (OPENID, count)', scope: 'membership', find: byMember, erase: { strategy: 'delete', why: 'contact identifier' }, exported: true },
  { collection: KF_SESSIONS, owner: 'reminders/triage', holds: '微信客服 reply window (external_userid, last message time)', scope: 'service_record', find: byId, erase: { strategy: 'delete', why: 'contact identifier' }, exported: true },
  { collection: POLICY_EXPIRIES, owner: 'reminders', holds: 'insurance policy expiry dates and product names', scope: 'service_record', find: byMember, erase: { strategy: 'delete', why: 'the policy itself is the insurer’s record, kept there' }, exported: true },

  // ── triage: the conversation record (docs/prd.md §3.3 完整留存服务记录) ──
  {
    collection: TICKETS,
    owner: 'triage',
    holds: 'tickets: routing role, handler, SLA, red-flag codes',
    scope: 'service_record',
    find: byMember,
    erase: {
      strategy: 'redact',
      why: 'the service record (who was assigned, when it was acknowledged and closed, against which SLA) shows emergencies were answered in time (docs/prd.md §3.3, §2.6.1); red-flag codes and intent go. An open ticket is closed so the SLA cron stops escalating it',
      tombstone: (d, { nowMs }) => {
        const t = keepOnly(d, TICKET_KEEP);
        // The ticket views spread redFlags: keep the field, empty.
        t.redFlags = [];
        if (t.status !== 'closed') Object.assign(t, { status: 'closed', closedAtMs: nowMs, closedBy: 'system:privacy', resolution: 'member_erased', updatedAtMs: nowMs });
        return t;
      },
    },
    exported: true,
  },
  {
    collection: OPEN_TICKETS,
    owner: 'triage',
    holds: 'pointer to the member’s open ticket per role',
    scope: 'service_record',
    find: { by: 'ids', how: '`${memberId}:${role}` for each 4R role', ids: async (memberId) => FOUR_R_ROLES.map((r) => openKeyOf(memberId, r)) },
    erase: { strategy: 'delete', why: 'the tickets are closed on erasure' },
    exported: false,
  },
  {
    collection: MESSAGES,
    owner: 'triage',
    holds: 'every message the member sent (free text: symptoms, questions), its classification, and what we answered automatically',
    scope: 'service_record',
    find: byMember,
    encryption: { paths: ['text', 'replyText'], ...memberAad },
    erase: {
      strategy: 'redact',
      why: 'the record keeps the dedup key (a replayed WeCom message must not be stored again) and the time line of the ticket; text, classification and the external_userid go',
      tombstone: (d) => ({ ...keepOnly(d, MESSAGE_KEEP), status: 'done', leaseUntilMs: 0 }),
    },
    exported: true,
  },
  {
    collection: REPLIES,
    owner: 'triage',
    holds: 'what staff answered the member from the workbench (free text)',
    scope: 'service_record',
    find: byMember,
    encryption: { paths: ['text'], ...memberAad },
    erase: {
      strategy: 'redact',
      why: 'the time line keeps who answered when (and the idempotency key, so a retried request still sends nothing twice); the text and the WeCom message id go',
      tombstone: (d) => keepOnly(d, REPLY_KEEP),
    },
    exported: true,
  },
  {
    collection: OUTBOUND_REVIEWS,
    owner: 'review',
    holds: 'texts to the member the outbound review held or flagged (the text, the model\'s reason, a reviewer\'s rejection reason)',
    scope: 'service_record',
    find: byMember,
    encryption: { paths: REVIEW_ENCRYPTED, ...memberAad },
    erase: {
      strategy: 'redact',
      why: 'the compliance record keeps which rule held which send, who decided and when (the audit trail points at it); every text goes',
      tombstone: (d) => keepOnly(d, REVIEW_KEEP),
    },
    exported: true,
  },
  {
    collection: ON_CALL_ALERTS,
    owner: 'triage',
    holds: 'which on-call doctor was alerted about the member’s emergency, at which escalation level and when (ids and instants)',
    scope: 'service_record',
    find: byMember,
    erase: {
      strategy: 'retain',
      why: 'ids, a level and an instant only: who was alerted when shows the emergency was escalated in time (docs/prd.md §3.3, §2.6.1); the tickets they point to are closed and redacted',
    },
    exported: true,
  },
  {
    collection: EVENTS,
    owner: 'triage',
    holds: 'each ticket’s event history (meta carries red-flag codes, routing)',
    scope: 'service_record',
    find: byMember,
    erase: { strategy: 'redact', why: 'the time line (opened, acknowledged, closed, by whom) is the service record; meta goes', tombstone: (d) => keepOnly(d, ['ticketId', 'memberId', 'atMs', 'seq', 'type', 'actor']) },
    exported: true,
  },

  // ── gap analysis ──
  {
    collection: GAP_REPORTS,
    owner: 'gap-analysis',
    holds: 'protection-gap reports: income, debts, dependants, policies, tier, the consultant draft',
    scope: 'service_record',
    find: byMember,
    encryption: { paths: GAP_ENCRYPTED, ...memberAad },
    erase: { strategy: 'delete', why: 'financial data; that a report was made, by whom and when stays in the audit trail (gap.report.created)' },
    exported: true,
  },

  // ── points ──
  {
    collection: 'points_ledger_entries',
    owner: 'points',
    holds: 'the member’s points journal (amounts, rules, staff adjustment reasons and notes)',
    scope: 'benefits',
    find: { by: 'field', field: 'streamId' },
    erase: {
      strategy: 'redact',
      why: 'an accounting journal: amounts, lots and balances must still add up for the points liability (会计记录); adjustment reasons, notes, source references and the request fingerprint (which quotes them) go',
      tombstone: (d) => {
        const effect: Record<string, unknown> = { ...(d.effect as Record<string, unknown>), reason: 'redacted', sourceRef: 'redacted' };
        delete effect.note;
        return { ...keepOnly(d, ['streamId', 'seq', 'key', 'streamKey', 'after']), effect };
      },
    },
    exported: true,
  },
  { collection: 'points_ledger_heads', owner: 'points', holds: 'the member’s current lots and counters (numbers only)', scope: 'benefits', find: byId, erase: { strategy: 'retain', why: 'numbers only; the cache of the journal that is kept' }, exported: true },
  {
    collection: 'points_redemptions',
    owner: 'points',
    holds: 'redemptions of rights, fulfilment history with staff notes, cancellation reason',
    scope: 'benefits',
    find: byMember,
    erase: {
      strategy: 'redact',
      why: 'each redemption took stock and points: the saga record must match the ledger and stock journals; notes and reasons go',
      tombstone: (d) => ({
        ...keepOnly(d, REDEMPTION_KEEP),
        history: Array.isArray(d.history) ? (d.history as Record<string, unknown>[]).map((h) => ({ status: h.status, atMs: h.atMs, actor: h.actor })) : [],
      }),
    },
    exported: true,
  },
  {
    collection: 'points_idempotency',
    owner: 'points',
    holds: 'client idempotency keys bound to a request fingerprint (which quotes the member id and adjustment reasons)',
    scope: 'benefits',
    find: { by: 'ids', how: 'the keys of the member’s ledger entries (`req:` keys) and redemptions', ids: pointsKeysOf },
    erase: { strategy: 'redact', why: 'the key stays bound so it cannot be reused for another request; the fingerprint goes', tombstone: (d) => keepOnly(d, ['op', 'createdAtMs']) },
    exported: false,
  },
  {
    collection: 'points_activity_entries',
    owner: 'points',
    holds: 'activity sign-ups, check-ins, lottery draws (member ids only)',
    scope: 'benefits',
    find: { by: 'field', field: 'effect.memberId' },
    erase: { strategy: 'retain', why: 'ids and instants only; seat counts and the recorded lottery (seed, attendees, winners) must stay verifiable' },
    exported: true,
  },

  // ── privacy and audit: the compliance record ──
  { collection: AUDIT_COLLECTION, owner: 'platform', holds: 'who did what to the member’s records', scope: 'compliance', find: { by: 'field', field: 'subjectMemberId' }, erase: { strategy: 'retain', why: 'opaque ids only; kept 400 days by law (Cybersecurity Law art. 21, docs/prd.md §3.3), including the trail of this erasure' }, exported: false },
  { collection: PRIVACY_REQUESTS, owner: 'privacy', holds: 'the member’s export, erasure and withdrawal requests', scope: 'compliance', find: byMember, erase: { strategy: 'retain', why: 'proof the request was made and honoured; ids and instants only' }, exported: true },
  { collection: CONSENT_EVENTS, owner: 'privacy', holds: 'consent withdrawals and consents given again after one (text versions, instant)', scope: 'compliance', find: byMember, erase: { strategy: 'retain', why: 'proof of withdrawal and of renewed consent; ids, versions and instants only' }, exported: true },
  { collection: MEMBER_CONSENTS, owner: 'members', holds: 'the member’s separate, revocable consents (personalised offers, behaviour score sharing): purpose, granted, text version, instant', scope: 'compliance', find: byMember, erase: { strategy: 'retain', why: 'proof of what the member agreed to and when; ids, codes and instants only' }, exported: true },

  // ── membership: last, the member document itself ──
  { collection: MEMBER_BINDINGS, owner: 'members', holds: 'mini-program OPENID → member', scope: 'membership', find: byMember, erase: { strategy: 'delete', why: 'contact identifier' }, exported: true },
  { collection: TEAM_ASSIGNMENTS, owner: 'team', holds: 'the member’s 4R team', scope: 'membership', find: byMember, erase: { strategy: 'delete', why: 'no longer served' }, exported: true },
  { collection: GROUP_MEMBERSHIPS, owner: 'welcome', holds: 'customer groups joined and left (external_userid)', scope: 'membership', find: byMember, erase: { strategy: 'delete', why: 'contact identifier' }, exported: true },
  { collection: WELCOME_SENDS, owner: 'welcome', holds: 'the welcome message outcome', scope: 'membership', find: byMember, erase: { strategy: 'delete', why: 'operational' }, exported: true },
  { collection: OFFER_DELIVERIES, owner: 'offers', holds: 'offers made to the member: rule, moment id, reminder id, shown/opened/converted instants (codes only; the text is in the reminder)', scope: 'membership', find: byMember, erase: { strategy: 'delete', why: 'the outcome events carry the counts; nothing about the member is needed afterwards' }, exported: true },
  { collection: OFFER_LEDGERS, owner: 'offers', holds: 'the member’s offers of the past week (rule, instant, delivery id) for the weekly limits', scope: 'membership', find: byId, erase: { strategy: 'delete', why: 'bookkeeping for the weekly limits' }, exported: true },
  { collection: PARTNER_CUSTOMERS, owner: 'outcomes', holds: 'the policy system’s customer reference (hashed) linked to the member', scope: 'membership', find: byMember, erase: { strategy: 'delete', why: 'an identifier of the member at the insurer' }, exported: true },
  { collection: OUTCOME_EVENTS, owner: 'outcomes', holds: 'steps of the member’s journey the metrics count (type, key, instant; codes only, no health values)', scope: 'membership', find: byMember, erase: { strategy: 'delete', why: 'aggregates already computed keep their counts; nothing about the member is needed afterwards' }, exported: true },
  {
    collection: MEMBERS,
    owner: 'members',
    holds: 'external_userid, OPENID, display name (WeChat name or staff remark, encrypted), scene, team, tier, smart tags (in clear), statuses',
    scope: 'membership',
    find: byId,
    encryption: { paths: DISPLAY_NAME_PATHS, aad: (d) => d._id, convention: 'aad = memberId (the member _id), per field path' },
    erase: {
      strategy: 'redact',
      why: 'the tombstone (status erased, join and erasure instants) makes every capability refuse the id and keeps a re-join from reviving old data; identifiers, display name, tier and tags go',
      tombstone: (d, { nowMs }) => ({ ...keepOnly(d, ['status', 'joinedAtMs', 'erasedAtMs']), team: {}, updatedAtMs: nowMs }),
    },
    exported: true,
  },
];

export const entriesInScope = (scope: MemberDataScope): MemberDataEntry[] => MEMBER_DATA_MAP.filter((e) => e.scope === scope);
