import { DuplicateKeyError } from '../../errors';
import type { TriageContext } from './context';
import type { ResolvedMember } from './pipeline';
import { MESSAGES, openText, type TriageMessage } from './records';
import type { InboundMessage } from './schemas';

/*
 * The dedup record of one customer message: inserted before anything is acted on, leased to the
 * attempt that owns it, and taken over when that attempt failed or went quiet past its lease.
 */

/** Records left failed or abandoned are taken up again at most this often, then left for ops. */
const MAX_ATTEMPTS = 8;

export interface Claim {
  owned: boolean;
  rec: TriageMessage;
}

export const messagesOf = (ctx: TriageContext) => ctx.deps.store.collection<TriageMessage>(MESSAGES);

export const setMessage = (ctx: TriageContext, id: string, fields: Partial<TriageMessage>) => messagesOf(ctx).updateOne({ _id: id }, { $set: fields });

/** The customer's text, decrypted (the member id is the aad). */
export const decryptMessageText = (ctx: TriageContext, rec: TriageMessage): string => openText(ctx.deps.cipher, rec);

/** Failed records, and records whose worker went quiet past its lease, still under MAX_ATTEMPTS. */
const resumable = (now: number) => ({ attempts: { $lt: MAX_ATTEMPTS }, $or: [{ status: 'failed' }, { status: 'processing', leaseUntilMs: { $lt: now } }] });

/** Stores the message (encrypted) as this attempt's; a message already stored is taken over if it may be. */
export async function claimMessage(ctx: TriageContext, inbound: InboundMessage, who: ResolvedMember): Promise<Claim> {
  const { deps, options } = ctx;
  const now = deps.clock.nowMs();
  const plain = {
    _id: inbound.msgKey,
    channel: inbound.channel,
    memberId: who.memberId,
    memberKnown: who.memberKnown,
    text: inbound.text,
    atMs: inbound.atMs,
    receivedAtMs: now,
    ...(inbound.channel === 'kf' && { openKfId: inbound.openKfId, externalUserId: inbound.externalUserId }),
    ...(inbound.channel === 'staff_forward' && { staffId: inbound.staffId }),
    status: 'processing' as const,
    attempts: 1,
    leaseUntilMs: now + options.leaseMs,
  };
  const rec = deps.cipher.encryptFields(plain, ['text'], who.memberId) as unknown as TriageMessage;
  try {
    await messagesOf(ctx).insert(rec);
    return { owned: true, rec };
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
  }
  return takeOverMessage(ctx, inbound.msgKey, now);
}

/** A record that failed, or whose worker went quiet past its lease, may be taken over. */
export async function takeOverMessage(ctx: TriageContext, msgKey: string, now: number): Promise<Claim> {
  const messages = messagesOf(ctx);
  const res = await messages.updateOne({ _id: msgKey, ...resumable(now) }, { $set: { status: 'processing', leaseUntilMs: now + ctx.options.leaseMs }, $inc: { attempts: 1 } });
  const rec = await messages.get(msgKey);
  if (!rec) throw new Error(`triage message ${msgKey} vanished`);
  return { owned: res.matched === 1, rec };
}

/** The records a sweep may take up, oldest first. */
export const resumableMessages = (ctx: TriageContext, now: number, limit: number) => messagesOf(ctx).find(resumable(now), { sort: { atMs: 1, _id: 1 }, limit });
