import type { EncryptedField } from '../../ports/field-cipher';
import type { ReviewAction, ReviewCategory } from '../../domain/review';
import type { Doc, DocumentStore } from '../../ports/document-store';

/** Texts the outbound review held for a person, or flagged and sent (review-step.ts). */
export const OUTBOUND_REVIEWS = 'outbound_reviews';

/** Where a text was going: each channel has its own sender for a released text (queue.ts). */
export const REVIEW_CHANNELS = ['staff_reply', 'triage_reply', 'reminder', 'welcome'] as const;
export type ReviewChannel = (typeof REVIEW_CHANNELS)[number];

export const REVIEW_CHANNEL_LABELS_ZH: Record<ReviewChannel, string> = {
  staff_reply: '工作台回复',
  triage_reply: '智能管家回复',
  reminder: '提醒',
  welcome: '欢迎语',
};

export type ReviewStatus =
  /** Blocked: not sent, waiting for a reviewer. */
  | 'held'
  /** A reviewer let it go: sent once through its own channel. */
  | 'released'
  /** A reviewer stopped it for good; the author is told why. */
  | 'rejected'
  /** Sent, with wording kept for a reviewer to look at later. */
  | 'flagged'
  /** Flagged and since looked at by a reviewer (decidedBy): it leaves the 待复查 list. */
  | 'checked';

/** Rule ids and categories only: the words that matched are in the encrypted text. */
export interface StoredHit {
  ruleId: string;
  category: ReviewCategory;
  action: ReviewAction;
}

export interface ModelOpinion {
  verdict: 'pass' | 'flag' | 'block' | 'unavailable';
  model: string;
}

export interface OutboundReview extends Doc {
  /** `${channel}:${ref}`: one record per attempted send, so a retried send finds its own review. */
  _id: string;
  memberId: string;
  channel: ReviewChannel;
  /** The channel's own id for the send (a staff reply's id, a reminder occurrence). */
  ref: string;
  ticketId?: string;
  author: { kind: 'staff' | 'system'; id: string };
  status: ReviewStatus;
  /** `{ text }` (and `modelReason`, `rejectReason`) encrypted with aad = memberId: it is the member's health content. */
  text: EncryptedField;
  modelReason?: EncryptedField;
  rejectReason?: EncryptedField;
  hits: StoredHit[];
  model?: ModelOpinion;
  createdAtMs: number;
  decidedAtMs?: number;
  decidedBy?: string;
  /** What sending a released text came to. */
  /** `queued`: handed back to its channel, which sends it on its next run (reminders). */
  delivery?: 'sent' | 'queued' | 'failed' | 'unknown' | 'channel_closed';
  deliveredAtMs?: number;
}

export const REVIEW_ENCRYPTED = ['text', 'modelReason', 'rejectReason'] as const;

export async function ensureReviewIndexes(store: DocumentStore): Promise<void> {
  const c = store.collection(OUTBOUND_REVIEWS);
  await c.ensureIndex({ fields: ['status'] });
  await c.ensureIndex({ fields: ['memberId'] });
  await c.ensureIndex({ fields: ['ticketId'] });
}
