import type { FieldCipher } from '../../ports/field-cipher';
import { CATEGORY_LABELS_ZH, evaluateRules, ruleById } from '../../domain/review';
import { REVIEW_CHANNEL_LABELS_ZH, type OutboundReview, type ReviewChannel } from './records';

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

type Opened = { text: string; modelReason?: string; rejectReason?: string };

/** The review's text, the model's reason and the reject reason, decrypted (aad = the member id). */
export const openReview = (cipher: FieldCipher, r: OutboundReview): Opened =>
  cipher.decryptFields(
    { text: r.text, ...(r.modelReason && { modelReason: r.modelReason }), ...(r.rejectReason && { rejectReason: r.rejectReason }) },
    ['text', 'modelReason', 'rejectReason'],
    r.memberId,
  ) as unknown as Opened;

/** What a reviewer sees of one review: the text, each rule it hit with the words that matched, and the decision so far. */
export function reviewView(cipher: FieldCipher, r: OutboundReview): ReviewView {
  const o = openReview(cipher, r);
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
