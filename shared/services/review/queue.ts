import type { FieldCipher } from '../../ports/field-cipher';
import { actorFromPrincipal } from '../access/actor';
import { decide, POLICY } from '../../domain/access/policy';
import { relationOf, type Principal } from '../../domain/access/principal';
import { CATEGORY_LABELS_ZH, evaluateRules, ruleById } from '../../domain/review';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import type { AuditLog } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import type { DocumentStore } from '../../ports/document-store';
import type { Authorize } from '../access/authorize';
import type { MemberRepository } from '../members/member-repository';
import type { StaffSessionCheck } from '../identity/session-check';
import { OUTBOUND_REVIEWS, REVIEW_CHANNEL_LABELS_ZH, type OutboundReview, type ReviewChannel } from './records';

export interface RequestContext {
  requestId?: string;
}

export type Delivery = NonNullable<OutboundReview['delivery']>;

/**
 * What each channel does with a decision: `release` sends the text through the channel it was
 * going to (called once per review: the release is claimed before it runs); `rejected` tells the author.
 */
export interface ReviewChannelHandler {
  release(review: OutboundReview, text: string): Promise<Delivery>;
  rejected?(review: OutboundReview, reasonZh: string, reviewerId: string): Promise<void>;
}

export interface ReviewQueueDeps {
  store: DocumentStore;
  cipher: FieldCipher;
  clock: Clock;
  audit: AuditLog;
  authorize: Authorize;
  members: MemberRepository;
  staffSessions: StaffSessionCheck;
}

export interface ReviewHitView {
  ruleId: string;
  category: string;
  categoryZh: string;
  action: 'block' | 'flag';
  explanationZh: string;
  /** The words that matched, as the rules read them. */
  excerpt: string | null;
}

export interface ReviewView {
  id: string;
  channel: ReviewChannel;
  channelZh: string;
  memberId: string;
  ticketId: string | null;
  author: OutboundReview['author'];
  status: OutboundReview['status'];
  text: string;
  hits: ReviewHitView[];
  model: { verdict: string; model: string; reasonZh: string | null } | null;
  createdAtMs: number;
  decidedAtMs: number | null;
  decidedBy: string | null;
  rejectReasonZh: string | null;
  delivery: OutboundReview['delivery'] | null;
}

/** A reviewer's list: at most this many texts, read from the store this many at a time, scanning at most LIST_MAX_SCANNED. */
const LIST_LIMIT = 200;
const LIST_PAGE = 200;
const LIST_MAX_SCANNED = 10_000;

type Opened = { text: string; modelReason?: string; rejectReason?: string };

/**
 * The human queue: texts the outbound review held, decided by a reviewer (policy `outbound.review`:
 * the member's family doctor, or a compliance reviewer). Release sends the text through its own
 * channel exactly once — the held → released change is a compare-and-set, so a second click, a retry
 * or a concurrent reviewer sends nothing more; reject keeps it from the member for good and tells the
 * author why. Nobody decides on a text they wrote. Every decision is audited with the rules it hit.
 */
export function createReviewQueue(deps: ReviewQueueDeps, channels: Partial<Record<ReviewChannel, ReviewChannelHandler>>) {
  const reviews = deps.store.collection<OutboundReview>(OUTBOUND_REVIEWS);

  const open = (r: OutboundReview): Opened =>
    deps.cipher.decryptFields(
      { text: r.text, ...(r.modelReason && { modelReason: r.modelReason }), ...(r.rejectReason && { rejectReason: r.rejectReason }) },
      ['text', 'modelReason', 'rejectReason'],
      r.memberId,
    ) as unknown as Opened;

  function view(r: OutboundReview): ReviewView {
    const o = open(r);
    const excerpts = new Map(evaluateRules(o.text).hits.map((h) => [h.ruleId, h.excerpt]));
    return {
      id: r._id,
      channel: r.channel,
      channelZh: REVIEW_CHANNEL_LABELS_ZH[r.channel],
      memberId: r.memberId,
      ticketId: r.ticketId ?? null,
      author: r.author,
      status: r.status,
      text: o.text,
      hits: r.hits.map((h) => ({
        ruleId: h.ruleId,
        category: h.category,
        categoryZh: CATEGORY_LABELS_ZH[h.category],
        action: h.action,
        explanationZh: ruleById(h.ruleId)?.explanationZh ?? '',
        excerpt: excerpts.get(h.ruleId) ?? null,
      })),
      model: r.model ? { verdict: r.model.verdict, model: r.model.model, reasonZh: o.modelReason ?? null } : null,
      createdAtMs: r.createdAtMs,
      decidedAtMs: r.decidedAtMs ?? null,
      decidedBy: r.decidedBy ?? null,
      rejectReasonZh: o.rejectReason ?? null,
      delivery: r.delivery ?? null,
    };
  }

  /** Whether the policy lets this principal decide on this member's texts, asked without a denial on record. */
  async function mayReview(principal: Principal, memberId: string): Promise<boolean> {
    const member = await deps.members.get(memberId);
    return decide(principal, 'outbound.review', relationOf(principal, { memberId, team: member?.team ?? {} })).allow;
  }

  async function load(principal: Principal, id: string, rc: RequestContext): Promise<OutboundReview> {
    const r = await reviews.get(id);
    if (!r) {
      await deps.authorize(principal, 'outbound.review', undefined, rc);
      throw new NotFoundError('review');
    }
    await deps.authorize(principal, 'outbound.review', r.memberId, rc);
    return r;
  }

  async function audit(principal: Principal, r: OutboundReview, decision: 'released' | 'rejected' | 'checked', rc: RequestContext, extra: Record<string, string> = {}) {
    await deps.audit.append({
      actor: actorFromPrincipal(principal),
      action: 'outbound.review',
      subjectMemberId: r.memberId,
      outcome: 'done',
      ...(rc.requestId && { requestId: rc.requestId }),
      meta: { reviewId: r._id, decision, channel: r.channel, rules: r.hits.map((h) => h.ruleId).join(',') || 'model', author: r.author.id, ...extra },
    });
  }

  /** Four eyes: nobody decides on (or checks) a text they wrote. */
  function notOwnText(r: OutboundReview, reviewerId: string): void {
    if (r.author.kind === 'staff' && r.author.id === reviewerId) throw new ForbiddenError('own_text', '不能审核自己写的消息，请由其他审核人处理。');
  }

  /** A decided review asked again: the same outcome for the same decision, 409 for the other one. */
  function alreadyDecided(r: OutboundReview, wanted: 'released' | 'rejected'): { review: ReviewView; replayed: true } {
    if (r.status === wanted) return { review: view(r), replayed: true };
    if (r.status === 'flagged' || r.status === 'checked') throw new ConflictError('review_not_held', '这条消息已经发送，只是标记待复查，不能再放行或驳回。');
    throw new ConflictError('review_decided', r.status === 'released' ? '这条消息已被放行发送。' : '这条消息已被驳回。');
  }

  return {
    /**
     * Held texts this reviewer may decide on (or, with `flagged`, texts sent with wording kept for a
     * second look), oldest first; each one shown is an audited read.
     */
    async list(principal: Principal, rc: RequestContext = {}, status: 'held' | 'flagged' = 'held'): Promise<ReviewView[]> {
      if (principal.kind !== 'staff' || !POLICY['outbound.review'].grants[principal.role as keyof (typeof POLICY)['outbound.review']['grants']]) {
        await deps.authorize(principal, 'outbound.review', undefined, rc); // throws, audited
        return [];
      }
      // Granted per member (a family doctor for their own members): each text shown is authorised and audited below.
      await deps.staffSessions(principal);
      // Oldest first, page after page, until this reviewer's list is full: texts of other teams'
      // members ahead in the queue do not hide a family doctor's own (bounded by LIST_MAX_SCANNED).
      const out: ReviewView[] = [];
      const allowed = new Map<string, boolean>();
      let after: { createdAtMs: number; _id: string } | null = null;
      for (let scanned = 0; out.length < LIST_LIMIT && scanned < LIST_MAX_SCANNED; ) {
        const filter: Parameters<typeof reviews.find>[0] = after
          ? { status, $or: [{ createdAtMs: { $gt: after.createdAtMs } }, { createdAtMs: after.createdAtMs, _id: { $gt: after._id } }] }
          : { status };
        const page = await reviews.find(filter, { sort: { createdAtMs: 1, _id: 1 }, limit: LIST_PAGE });
        scanned += page.length;
        for (const r of page) {
          if (out.length >= LIST_LIMIT) break;
          if (!allowed.has(r.memberId)) allowed.set(r.memberId, await mayReview(principal, r.memberId));
          if (!allowed.get(r.memberId)) continue;
          await deps.authorize(principal, 'outbound.review', r.memberId, rc);
          out.push(view(r));
        }
        const last = page.at(-1);
        if (page.length < LIST_PAGE || !last) break;
        after = { createdAtMs: last.createdAtMs, _id: last._id };
      }
      return out;
    },

    async get(principal: Principal, id: string, rc: RequestContext = {}): Promise<ReviewView> {
      return view(await load(principal, id, rc));
    },

    async release(principal: Principal, id: string, rc: RequestContext = {}): Promise<{ review: ReviewView; replayed: boolean }> {
      const r = await load(principal, id, rc);
      const reviewerId = principal.kind === 'staff' ? principal.staffId : '';
      if (r.status !== 'held') return alreadyDecided(r, 'released');
      notOwnText(r, reviewerId);
      const handler = channels[r.channel];
      if (!handler) throw new ConflictError('channel_unavailable', `这类消息（${REVIEW_CHANNEL_LABELS_ZH[r.channel]}）不能从这里放行。`);
      const nowMs = deps.clock.nowMs();
      // The claim: only one release ever passes this line, so the text is sent at most once.
      const claimed = await reviews.updateOne({ _id: r._id, status: 'held' }, { $set: { status: 'released', decidedAtMs: nowMs, decidedBy: reviewerId } });
      if (claimed.matched !== 1) {
        const now = await reviews.get(r._id);
        if (!now) throw new NotFoundError('review');
        return alreadyDecided(now, 'released');
      }
      const released: OutboundReview = { ...r, status: 'released', decidedAtMs: nowMs, decidedBy: reviewerId };
      await audit(principal, released, 'released', rc);
      let delivery: Delivery;
      try {
        delivery = await handler.release(released, open(r).text);
      } catch {
        delivery = 'unknown';
      }
      await reviews.updateOne({ _id: r._id }, { $set: { delivery, deliveredAtMs: deps.clock.nowMs() } });
      return { review: view({ ...released, delivery, deliveredAtMs: deps.clock.nowMs() }), replayed: false };
    },

    async reject(principal: Principal, id: string, reasonZh: string, rc: RequestContext = {}): Promise<{ review: ReviewView; replayed: boolean }> {
      const r = await load(principal, id, rc);
      const reviewerId = principal.kind === 'staff' ? principal.staffId : '';
      if (r.status !== 'held') return alreadyDecided(r, 'rejected');
      notOwnText(r, reviewerId);
      const nowMs = deps.clock.nowMs();
      const rejectReason = (deps.cipher.encryptFields({ rejectReason: reasonZh }, ['rejectReason'], r.memberId) as unknown as { rejectReason: OutboundReview['rejectReason'] }).rejectReason;
      const claimed = await reviews.updateOne({ _id: r._id, status: 'held' }, { $set: { status: 'rejected', decidedAtMs: nowMs, decidedBy: reviewerId, rejectReason } });
      if (claimed.matched !== 1) {
        const now = await reviews.get(r._id);
        if (!now) throw new NotFoundError('review');
        return alreadyDecided(now, 'rejected');
      }
      const rejected: OutboundReview = { ...r, status: 'rejected', decidedAtMs: nowMs, decidedBy: reviewerId, ...(rejectReason && { rejectReason }) };
      await audit(principal, rejected, 'rejected', rc);
      await channels[r.channel]?.rejected?.(rejected, reasonZh, reviewerId);
      return { review: view(rejected), replayed: false };
    },

    /**
     * A flagged text (already sent) looked at again: it leaves the 待复查 list, with who checked it and
     * when, audited like a decision. A second click answers `replayed`; the author cannot check their own.
     */
    async check(principal: Principal, id: string, rc: RequestContext = {}): Promise<{ review: ReviewView; replayed: boolean }> {
      const r = await load(principal, id, rc);
      const reviewerId = principal.kind === 'staff' ? principal.staffId : '';
      if (r.status === 'checked') return { review: view(r), replayed: true };
      if (r.status !== 'flagged') throw new ConflictError('review_not_flagged', '这条消息不是已发送待复查的消息，请在「待审核」中放行或驳回。');
      notOwnText(r, reviewerId);
      const nowMs = deps.clock.nowMs();
      const claimed = await reviews.updateOne({ _id: r._id, status: 'flagged' }, { $set: { status: 'checked', decidedAtMs: nowMs, decidedBy: reviewerId } });
      const checked: OutboundReview = { ...r, status: 'checked', decidedAtMs: nowMs, decidedBy: reviewerId };
      if (claimed.matched !== 1) {
        const now = await reviews.get(r._id);
        if (now?.status === 'checked') return { review: view(now), replayed: true };
        throw new ConflictError('review_not_flagged', '这条消息的状态已变化，请刷新。');
      }
      await audit(principal, checked, 'checked', rc);
      return { review: view(checked), replayed: false };
    },

  };
}

export type ReviewQueue = ReturnType<typeof createReviewQueue>;

/** Why a reviewer rejected a text, for its author's view (no access check: the caller already has one). */
export async function rejectReasonOf(deps: Pick<ReviewQueueDeps, 'store' | 'cipher'>, reviewId: string): Promise<string | null> {
  const r = await deps.store.collection<OutboundReview>(OUTBOUND_REVIEWS).get(reviewId);
  if (!r?.rejectReason) return null;
  return (deps.cipher.decryptFields({ rejectReason: r.rejectReason }, ['rejectReason'], r.memberId) as unknown as { rejectReason: string }).rejectReason;
}
