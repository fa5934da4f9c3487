import { ConflictError, DuplicateKeyError } from '../../errors';
import type { TriageContext } from './context';
import { openText, REPLIES, type StaffReply, type Ticket } from './records';
import type { ReplyBody } from './schemas';

/*
 * A staff reply's record, the idempotency of its key: written `sending` before kf/send_msg, so a second
 * request with the same key gets the first one's answer and a send that may have gone out is never
 * repeated.
 */

export type StaffReplyResult =
  | {
      sent: true;
      channel: 'kf';
      replyId: string;
      sentAtMs: number;
      /** A retry of a reply already sent: nothing went out this time. */
      duplicate: boolean;
    }
  | {
      /** The outbound review held it for a reviewer (held), or the reviewer kept it from the member (rejected). */
      sent: false;
      held: true;
      status: 'held' | 'rejected';
      channel: 'kf';
      replyId: string;
      reviewId: string;
      duplicate: boolean;
    };

/** Longer than the triage function's timeout (15 s, cloudbaserc.json): no live attempt holds a record this long. */
const SENDING_STALE_MS = 60_000;

/** A send that may have reached the customer is never repeated, so the caller is told to look before writing again. */
const outcomeUnknown = () =>
  new ConflictError('reply_outcome_unknown', '上一次发送的结果未知，客户可能已经收到；为避免重复，这条回复不会再发送。请在企业微信中确认后再决定是否重写。');

const inProgress = () => new ConflictError('reply_in_progress', '这条回复正在发送，请稍后刷新查看结果。');

export const repliesOf = (ctx: TriageContext) => ctx.deps.store.collection<StaffReply>(REPLIES);

/** Sets fields on a reply record, stamping the change. */
export const markReply = (ctx: TriageContext, replyId: string, fields: Partial<StaffReply>) =>
  repliesOf(ctx).updateOne({ _id: replyId }, { $set: { ...fields, updatedAtMs: ctx.deps.clock.nowMs() } });

/** What a second request with the same key gets, or null when the record may be tried again. */
export function settledReply(ctx: TriageContext, existing: StaffReply, text: string): StaffReplyResult | null {
  const sameText = openText(ctx.deps.cipher, existing) === text;
  if (!sameText) throw new ConflictError('idempotency_key_reused', 'this key was used for a different text: use a new key for a new reply', { fields: [{ field: 'key', message: 'already used for another text' }] });
  if (existing.status === 'sent') return { sent: true, channel: 'kf', replyId: existing._id, sentAtMs: existing.sentAtMs ?? existing.updatedAtMs, duplicate: true };
  if ((existing.status === 'held' || existing.status === 'rejected') && existing.reviewId) {
    return { sent: false, held: true, status: existing.status, channel: 'kf', replyId: existing._id, reviewId: existing.reviewId, duplicate: true };
  }
  if (existing.status === 'unknown') throw outcomeUnknown();
  // A `sending` older than any invocation can run was left by one that died mid-send: it may have gone out.
  if (existing.status === 'sending') throw ctx.deps.clock.nowMs() - existing.updatedAtMs > SENDING_STALE_MS ? outcomeUnknown() : inProgress();
  return null;
}

/** The record for this key in state `sending`, owned by this call; or the earlier call's answer. */
export async function claimReply(ctx: TriageContext, ticket: Ticket, staffId: string, body: ReplyBody, nowMs: number): Promise<StaffReplyResult | StaffReply> {
  const replies = repliesOf(ctx);
  const id = `${ticket._id}:${body.key}`;
  const existing = await replies.get(id);
  if (existing) {
    const answer = settledReply(ctx, existing, body.text);
    if (answer) return answer;
    const retaken = await replies.updateOne({ _id: id, status: existing.status }, { $set: { status: 'sending', updatedAtMs: nowMs } });
    if (retaken.matched !== 1) throw inProgress();
    return { ...existing, status: 'sending' };
  }
  const fresh: StaffReply = {
    _id: id,
    ticketId: ticket._id,
    memberId: ticket.memberId,
    staffId,
    key: body.key,
    text: (ctx.deps.cipher.encryptFields({ text: body.text }, ['text'], ticket.memberId) as unknown as { text: StaffReply['text'] }).text,
    channel: 'kf',
    status: 'sending',
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  };
  try {
    await replies.insert(fresh);
    return fresh;
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    throw inProgress();
  }
}
