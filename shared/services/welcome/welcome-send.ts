import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DuplicateKeyError } from '../../errors';
import { isWecomApiError, WecomErrcode, type WecomApi } from '../../ports/wecom-api';
import type { Doc, DocumentStore } from '../../ports/document-store';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import type { WelcomeStatus } from '../members/member';
import { createMemberRepository } from '../members/member-repository';
import type { WelcomeContent } from './welcome-message';
import type { OutboundReviewStep } from '../review/review-step';

export const WELCOME_SENDS = 'welcome_sends';

/** send_welcome_msg: "企业仅可在收到相关事件后20秒内调用，且只可调用一次" (92137). */
export const WELCOME_CODE_TTL_MS = 20_000;
/** Stop retrying this long before the 20 s are up: the last request must still arrive in time. */
const DEADLINE_MARGIN_MS = 1_500;
const RETRY_DELAYS_MS = [400, 1_200, 2_500];
const LEASE_MS = 25_000;

/** One per welcome code; the code itself (a credential for 20 s) is kept only as a hash. */
export interface WelcomeSend extends Doc {
  _id: string;
  memberId: string;
  status: WelcomeStatus;
  attempts: number;
  errcode?: number | null;
  startedAtMs: number;
  leaseUntilMs: number;
  finishedAtMs?: number;
}

export interface WelcomeSendDeps {
  store: DocumentStore;
  wecom: WecomApi;
  clock: Clock;
  log: Logger;
  /** The outbound review every text to a member passes (services/review); rules only here, see below. */
  review?: OutboundReviewStep;
}

const sendId = (welcomeCode: string) => `wc_${createHash('sha256').update(welcomeCode).digest('hex').slice(0, 40)}`;

/** What a failed attempt means for the code. */
function verdict(err: unknown): { status: WelcomeStatus; retry: boolean; errcode: number | null } {
  if (!isWecomApiError(err)) return { status: 'failed', retry: false, errcode: null };
  if (err.errcode === WecomErrcode.welcomeCodeUsed) return { status: 'code_used', retry: false, errcode: err.errcode };
  if (err.errcode === WecomErrcode.welcomeCodeInvalid) return { status: 'code_expired', retry: false, errcode: err.errcode };
  // WeCom spends a code once: resending after an unknown outcome is answered 41051 if the first
  // request got through, so every retryable failure (41096, -1, rate limit, timeout) may try again.
  return { status: err.outcomeUnknown ? 'outcome_unknown' : 'failed', retry: err.retryable, errcode: err.errcode };
}

/**
 * Sends the welcome for one welcome code at most once, within the code's 20 s. A used or expired
 * code is final and recorded; other failures are retried while the window lasts. Never throws: a
 * failed welcome must not make the callback fail, because a later retry of the event would come
 * after the 20 s anyway.
 */
export async function sendWelcomeOnce(
  deps: WelcomeSendDeps,
  input: { memberId: string; welcomeCode: string; content: WelcomeContent; receivedAtMs: number },
): Promise<WelcomeStatus> {
  const sends = deps.store.collection<WelcomeSend>(WELCOME_SENDS);
  const id = sendId(input.welcomeCode);
  const now = deps.clock.nowMs();
  try {
    await sends.insert({ _id: id, memberId: input.memberId, status: 'sending', attempts: 0, startedAtMs: now, leaseUntilMs: now + LEASE_MS });
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    const existing = await sends.get(id);
    if (!existing) return 'failed';
    if (existing.status !== 'sending' || existing.leaseUntilMs > now) return existing.status;
    // An earlier attempt died mid-send: take over (WeCom answers 41051 if that one got through).
    const claimed = await sends.updateOne({ _id: id, status: 'sending', leaseUntilMs: existing.leaseUntilMs }, { $set: { leaseUntilMs: now + LEASE_MS } });
    if (claimed.matched !== 1) return 'sending';
  }

  // The welcome is built from fixed templates and the team's names, and its code lives 20 s: the
  // review runs the rules only (no model, join.ts), and a held welcome is not sent at all — the
  // reviewer sees it in the queue and the butler greets the member instead.
  const decision = deps.review ? await deps.review.review({ channel: 'welcome', ref: id, memberId: input.memberId, text: input.content.text, author: { kind: 'system', id: 'welcome' }, urgency: 'routine' }) : null;
  if (decision && !decision.send) {
    const finishedAtMs = deps.clock.nowMs();
    await sends.updateOne({ _id: id }, { $set: { status: 'held_for_review', attempts: 0, errcode: null, finishedAtMs } });
    await createMemberRepository(deps.store).welcomeRecorded(input.memberId, 'held_for_review', finishedAtMs);
    deps.log.warn('welcome message held by the outbound review', { memberId: input.memberId });
    return 'held_for_review';
  }

  const deadline = input.receivedAtMs + WELCOME_CODE_TTL_MS - DEADLINE_MARGIN_MS;
  let status: WelcomeStatus = 'failed';
  let errcode: number | null = null;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      await deps.wecom.sendWelcomeMsg({ welcomeCode: input.welcomeCode, text: input.content.text, attachments: input.content.attachments });
      status = 'sent';
      errcode = 0;
      break;
    } catch (err) {
      const v = verdict(err);
      status = v.status;
      errcode = v.errcode;
      const delay = RETRY_DELAYS_MS[attempts - 1];
      if (!v.retry || delay === undefined || deps.clock.nowMs() + delay >= deadline) break;
      await sleep(delay);
    }
  }

  const finishedAtMs = deps.clock.nowMs();
  await sends.updateOne({ _id: id }, { $set: { status, attempts, errcode, finishedAtMs } });
  await createMemberRepository(deps.store).welcomeRecorded(input.memberId, status, finishedAtMs);
  if (status !== 'sent') deps.log.warn('welcome message not sent', { memberId: input.memberId, status, errcode, attempts });
  return status;
}
