import type { FieldCipher } from '../../ports/field-cipher';
import { evaluateRules, type RulesVerdict } from '../../domain/review';
import { DuplicateKeyError } from '../../errors';
import type { AuditLog } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import type { DocumentStore } from '../../ports/document-store';
import type { Llm } from '../../ports/llm';
import type { Logger } from '../../ports/logger';
import { askModel, type ModelAnswer } from './model-opinion';
import { isPreApproved } from './pre-approved';
import { OUTBOUND_REVIEWS, type OutboundReview, type ReviewChannel } from './records';

/** One text about to go to a member. */
export interface OutboundText {
  channel: ReviewChannel;
  /** The channel's id for this send; with `channel` it names the review, so a retried send finds it. */
  ref: string;
  memberId: string;
  text: string;
  /** `staff`: a person wrote it (free text); `system`: built by the code from reviewed templates. */
  author: { kind: 'staff' | 'system'; id: string };
  /** Emergency first aid and escalation texts: see `review` below. */
  urgency: 'emergency' | 'routine';
  ticketId?: string;
}

export type ReviewDecision =
  | { send: true; status: 'passed' | 'flagged' | 'released'; why: 'emergency' | 'pre_approved' | 'reviewed' | 'released'; reviewId?: string }
  | { send: false; status: 'held' | 'rejected'; reviewId: string };

export interface OutboundReviewDeps {
  store: DocumentStore;
  cipher: FieldCipher;
  clock: Clock;
  /** Where holds are audited; the reminder dispatcher (built without one in tests) keeps the hold record only. */
  audit?: AuditLog;
  log: Logger;
  /** Hunyuan when HUNYUAN_ENABLED: a second reader for texts people wrote, never the only gate. */
  llm?: Llm | undefined;
  llmTimeoutMs: number;
}

const EMERGENCY: ReviewDecision = { send: true, status: 'passed', why: 'emergency' };
const PRE_APPROVED: ReviewDecision = { send: true, status: 'passed', why: 'pre_approved' };

export function decisionOf(r: OutboundReview): ReviewDecision {
  if (r.status === 'held' || r.status === 'rejected') return { send: false, status: r.status, reviewId: r._id };
  // A flagged text a reviewer has checked since went out all the same: to its channel it is still flagged.
  return { send: true, status: r.status === 'checked' ? 'flagged' : r.status, why: r.status === 'released' ? 'released' : 'reviewed', reviewId: r._id };
}

/**
 * The model can only add to the rules: its `block` holds a text a person wrote (a person then looks at
 * it); for a system text built from reviewed templates it can only flag, so a model mistake never
 * holds the system's own answer.
 */
function combine(rules: RulesVerdict, model: ModelAnswer | undefined, author: OutboundText['author']): RulesVerdict {
  const m = model?.opinion.verdict;
  if (rules === 'block' || (m === 'block' && author.kind === 'staff')) return 'block';
  if (rules === 'flag' || m === 'block' || m === 'flag') return 'flag';
  return 'pass';
}

/** Keeps a held or flagged text for the reviewers' queue (once per channel and ref); a held one is audited. */
async function storeReview(deps: OutboundReviewDeps, t: OutboundText, status: 'held' | 'flagged', hits: OutboundReview['hits'], model: ModelAnswer | undefined): Promise<ReviewDecision> {
  const reviews = deps.store.collection<OutboundReview>(OUTBOUND_REVIEWS);
  const doc: OutboundReview = {
    _id: `${t.channel}:${t.ref}`,
    memberId: t.memberId,
    channel: t.channel,
    ref: t.ref,
    ...(t.ticketId && { ticketId: t.ticketId }),
    author: t.author,
    status,
    ...(deps.cipher.encryptFields({ text: t.text, ...(model?.reason && { modelReason: model.reason }) }, ['text', 'modelReason'], t.memberId) as unknown as { text: OutboundReview['text']; modelReason?: OutboundReview['modelReason'] }),
    hits,
    ...(model && { model: model.opinion }),
    createdAtMs: deps.clock.nowMs(),
  };
  try {
    await reviews.insert(doc);
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    const earlier = await reviews.get(doc._id);
    if (earlier) return decisionOf(earlier);
    throw err;
  }
  if (status === 'held' && deps.audit) {
    await deps.audit.append({
      actor: { kind: 'system', id: 'outbound-review' },
      action: 'outbound.held',
      subjectMemberId: t.memberId,
      outcome: 'done',
      meta: { reviewId: doc._id, channel: t.channel, rules: hits.map((h) => h.ruleId).join(',') || 'model', author: t.author.id },
    });
  }
  return status === 'held' ? { send: false, status: 'held', reviewId: doc._id } : { send: true, status: 'flagged', why: 'reviewed', reviewId: doc._id };
}

/** The rule hits a stored review keeps (id, category, action). */
const hitsOf = (rules: ReturnType<typeof evaluateRules>): OutboundReview['hits'] => rules.hits.map(({ ruleId, category, action }) => ({ ruleId, category, action }));

/** The one review step every text to a member passes (docs/prd.md §2.3.2 服务内容审核). */
export function createOutboundReview(deps: OutboundReviewDeps) {
  const reviews = deps.store.collection<OutboundReview>(OUTBOUND_REVIEWS);

  return {
    /**
     * SAFETY FIRST: an emergency's first aid and escalation texts (120, what to do now) are never
     * delayed. They are answered here before any store read or model call, so review adds no latency
     * and can never hold them; their wording is fixed and reviewed in code (domain/triage/first-aid.ts,
     * held to the rules by tests/unit/review/rules.test.ts). Fixed texts whose hash is pre-approved go
     * out the same way. Everything else: the rules, then the model for texts people wrote (it may only
     * add to the rules, and its failure or timeout leaves the rules' verdict standing).
     */
    async review(t: OutboundText): Promise<ReviewDecision> {
      if (t.urgency === 'emergency') return EMERGENCY;
      if (isPreApproved(t.text)) return PRE_APPROVED;
      const rules = evaluateRules(t.text);
      // The model reads a staff text the rules did not block, when one is configured.
      const llm = rules.verdict !== 'block' && t.author.kind === 'staff' ? deps.llm : undefined;
      // A system text (reminders: nearly every outbound text) that the rules pass cannot be held or
      // flagged: no store read. The rules are pure, so it passed on any earlier attempt of this send too (a
      // reminder's ref hashes its text). A staff text always reads its earlier review first: a model may
      // have held it, or a reviewer released or rejected it, under wiring a later deploy changed.
      if (rules.verdict === 'pass' && t.author.kind !== 'staff') return { send: true, status: 'passed', why: 'reviewed' };
      // Otherwise an earlier attempt's review wins, before the model is asked again: a reviewer's
      // release or rejection, or a hold the model's answer this time might not repeat.
      const earlier = await reviews.get(`${t.channel}:${t.ref}`);
      if (earlier) return decisionOf(earlier);
      const model = llm ? await askModel(llm, t.text, deps.llmTimeoutMs) : undefined;
      const verdict = combine(rules.verdict, model, t.author);
      if (verdict === 'pass') return { send: true, status: 'passed', why: 'reviewed' };
      const hits = hitsOf(rules);
      if (verdict === 'block') return storeReview(deps, t, 'held', hits, model);
      try {
        return await storeReview(deps, t, 'flagged', hits, model);
      } catch (err) {
        // A flag is for looking at later: failing to keep it must not stop a text the rules let go.
        deps.log.warn('outbound review: flag not stored', { channel: t.channel, err: err instanceof Error ? err.name : 'unknown' });
        return { send: true, status: 'flagged', why: 'reviewed' };
      }
    },

    /**
     * For a text that went out without waiting (an emergency ticket's reply): the rules read it after
     * the fact and any hit is kept as a flag for a reviewer. Never throws: the text has already gone.
     */
    async recordAfterSend(t: OutboundText): Promise<void> {
      try {
        const rules = evaluateRules(t.text);
        if (rules.verdict === 'pass') return;
        await storeReview(deps, t, 'flagged', hitsOf(rules), undefined);
      } catch (err) {
        deps.log.warn('outbound review: after-send flag not stored', { channel: t.channel, err: err instanceof Error ? err.name : 'unknown' });
      }
    },
  };
}

export type OutboundReviewStep = ReturnType<typeof createOutboundReview>;
