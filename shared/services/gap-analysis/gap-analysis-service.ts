import { isDeepStrictEqual } from 'node:util';
import { actorFromPrincipal } from '../access/actor';
import { consentWithdrawn } from '../access/refusals';
import type { FieldCipher } from '../../ports/field-cipher';
import type { Principal } from '../../domain/access/principal';
import { analyseGap } from '../../domain/gap/analyse';
import type { Product } from '../../domain/gap/catalogue';
import { consultantDraft } from '../../domain/gap/consultant-draft';
import type { GapInput } from '../../domain/gap/input';
import { memberSummary } from '../../domain/gap/member-summary';
import type { RiskTier } from '../../domain/team/roles';
import { ConflictError, DuplicateKeyError, NotFoundError } from '../../errors';
import type { AuditLog } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import type { DocumentStore } from '../../ports/document-store';
import type { Authorize } from '../access/authorize';
import type { MemberRepository } from '../members/member-repository';
import type { GapReportContent, GapReportRecord, TierSource } from './report-doc';
import { newReportId, reportIdForKey } from './report-id';
import { createGapReportRepository } from './report-repository';
import { createOutcomeEventLog } from '../outcomes/outcome-events';
import type { AnalyzeRequest, ListQuery } from './schemas';
import { audienceOf, listItemFor, staffView, viewFor, type GapReportListItem, type GapReportView } from './views';

export interface GapAnalysisDeps {
  store: DocumentStore;
  clock: Clock;
  cipher: FieldCipher;
  members: MemberRepository;
  authorize: Authorize;
  audit: AuditLog;
  /** Defaults to the sample catalogue. */
  catalogue?: readonly Product[];
}

export interface CallOptions {
  requestId?: string;
}

export interface AnalyzeOptions extends CallOptions {
  /** The client's Idempotency-Key: same key and same request → the same report; another request → 409. */
  idempotencyKey?: string;
}

/**
 * - created: a new report was stored;
 * - replayed: the idempotency key had already produced this report; nothing new was stored;
 * - unstored: no member was named (machine only), so the analysis was computed and not kept.
 */
export type AnalyzeOutcome = 'created' | 'replayed' | 'unstored';

export interface AnalyzeResult {
  outcome: AnalyzeOutcome;
  view: GapReportView;
}

export interface GapAnalysisService {
  analyze(principal: Principal, request: AnalyzeRequest, options?: AnalyzeOptions): Promise<AnalyzeResult>;
  listReports(principal: Principal, memberId: string, query: ListQuery, options?: CallOptions): Promise<GapReportListItem[]>;
  /**
   * An unknown id is refused exactly like another member's report (403 with the same reason), so
   * the answer never tells whether a report id exists.
   */
  getReport(principal: Principal, reportId: string, options?: CallOptions): Promise<GapReportView>;
  /**
   * The member's insurance consultant put the report's talking points into the chat with the member
   * (the workbench's 插入聊天): the report counts as discussed (`gap_discussed`, once per report).
   * Refused like getReport for anyone else and for unknown ids.
   */
  markDiscussed(principal: Principal, reportId: string, options?: CallOptions): Promise<{ reportId: string; discussedAtMs: number; replayed: boolean }>;
}

/** A tier in the request wins; else the tier intake stored on the member; else the domain assumes medium. */
function tierFor(input: GapInput, memberTier: RiskTier | undefined): { input: GapInput; tierSource: TierSource } {
  if (input.riskTier) return { input, tierSource: 'input' };
  if (memberTier) return { input: { ...input, riskTier: memberTier }, tierSource: 'member_profile' };
  return { input, tierSource: 'assumed' };
}

/** JSON form for comparison: drops undefined-valued keys the way the encrypted copy has dropped them. */
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

/** The request a stored report answered (its input minus a tier the profile filled in). */
function requestOf(r: GapReportRecord): { memberId: string; input: GapInput } {
  if (r.tierSource !== 'member_profile') return { memberId: r.memberId, input: r.input };
  const { riskTier: _fromProfile, ...input } = r.input;
  return { memberId: r.memberId, input };
}

function compute(input: GapInput, tierSource: TierSource, catalogue: readonly Product[] | undefined): GapReportContent & { tierSource: TierSource } {
  const report = analyseGap(input, catalogue);
  return { input, report, consultantDraft: consultantDraft(report, { input }), memberSummary: memberSummary(report), tierSource };
}

type Reports = ReturnType<typeof createGapReportRepository>;

/** The stored report for a reused Idempotency-Key, if any; 409 when the key came with another request. */
async function replay(reports: Reports, principal: Principal, reportId: string, memberId: string, input: GapInput): Promise<AnalyzeResult | undefined> {
  const sealed = await reports.find(reportId);
  if (!sealed) return undefined;
  const record = sealed.open();
  if (!isDeepStrictEqual(plain(requestOf(record)), plain({ memberId, input }))) {
    throw new ConflictError('idempotency_key_reused', 'this Idempotency-Key was already used with a different request');
  }
  return { outcome: 'replayed', view: viewFor(audienceOf(principal), record) };
}

/** Computes and stores a member's report (tier from their profile when the request has none), audited. */
async function createReport(deps: GapAnalysisDeps, reports: Reports, principal: Principal, req: { reportId: string; memberId: string; input: GapInput }, options: AnalyzeOptions): Promise<AnalyzeResult> {
  const { reportId, memberId, input } = req;
  const member = await deps.members.get(memberId);
  if (!member || member.status === 'erased') throw new NotFoundError('member');
  if (member.status === 'consent_withdrawn') {
    throw consentWithdrawn();
  }

  const resolved = tierFor(input, member.tier);
  const record: GapReportRecord = {
    reportId,
    memberId,
    createdAtMs: deps.clock.nowMs(),
    createdBy: actorFromPrincipal(principal),
    ...compute(resolved.input, resolved.tierSource, deps.catalogue),
  };
  try {
    await reports.insert(record);
  } catch (err) {
    // A concurrent request with the same key won the insert: answer as its replay.
    if (!(err instanceof DuplicateKeyError) || !options.idempotencyKey) throw err;
    const earlier = await replay(reports, principal, reportId, memberId, input);
    if (!earlier) throw err;
    return earlier;
  }
  await deps.audit.append({
    actor: record.createdBy,
    action: 'gap.report.created',
    subjectMemberId: memberId,
    outcome: 'done',
    ...(options.requestId ? { requestId: options.requestId } : {}),
    meta: { reportId, tierSource: record.tierSource },
  });
  return { outcome: 'created', view: viewFor(audienceOf(principal), record) };
}

/**
 * Protection-gap reports (docs/prd.md §2.4.1, §2.4.2, §2.6.3, §4.3): computes the report from the domain
 * rules, takes the risk tier from the member's profile when the request has none, stores the
 * report with the inputs that produced it, and serves it to the member's insurance consultant
 * (draft included) and to the member (summary only). Every decision about who may do this is
 * `deps.authorize`'s.
 */
export function createGapAnalysisService(deps: GapAnalysisDeps): GapAnalysisService {
  const reports = createGapReportRepository(deps.store, deps.cipher);

  return {
    async analyze(principal, request, options = {}) {
      const { memberId: named, ...input } = request;
      const memberId = named ?? (principal.kind === 'member' ? principal.memberId : undefined);
      await deps.authorize(principal, 'gap.create', memberId, { requestId: options.requestId });

      if (memberId === undefined) {
        const content = compute(input, input.riskTier ? 'input' : 'assumed', deps.catalogue);
        return { outcome: 'unstored', view: staffView(content) };
      }

      const reportId = options.idempotencyKey ? reportIdForKey(principal, options.idempotencyKey) : newReportId();
      if (options.idempotencyKey) {
        const earlier = await replay(reports, principal, reportId, memberId, input);
        if (earlier) return earlier;
      }

      return createReport(deps, reports, principal, { reportId, memberId, input }, options);
    },

    async listReports(principal, memberId, query, options = {}) {
      await deps.authorize(principal, 'gap.read', memberId, { requestId: options.requestId });
      const records = await reports.listByMember(memberId, query.limit);
      const audience = audienceOf(principal);
      return records.map((r) => listItemFor(audience, r));
    },

    async getReport(principal, reportId, options = {}) {
      const sealed = await reports.find(reportId);
      // Unknown ids go through the same gate with no member: every role is refused with the reason
      // it would get for someone else's member, and the refusal is audited like one.
      await deps.authorize(principal, 'gap.read', sealed?.memberId, { requestId: options.requestId });
      if (!sealed) throw new NotFoundError('gap report');
      return viewFor(audienceOf(principal), sealed.open());
    },

    async markDiscussed(principal, reportId, options = {}) {
      const sealed = await reports.find(reportId);
      await deps.authorize(principal, 'gap.discuss', sealed?.memberId, { requestId: options.requestId });
      if (!sealed) throw new NotFoundError('gap report');
      const log = createOutcomeEventLog(deps.store);
      const discussedAtMs = deps.clock.nowMs();
      const fresh = await log.record({ type: 'gap_discussed', memberId: sealed.memberId, key: reportId, atMs: discussedAtMs });
      if (fresh) return { reportId, discussedAtMs, replayed: false };
      const [earlier] = (await log.ofMember(sealed.memberId, ['gap_discussed'])).filter((e) => e.key === reportId);
      return { reportId, discussedAtMs: earlier?.atMs ?? discussedAtMs, replayed: true };
    },
  };
}
