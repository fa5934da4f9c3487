import { actorFromPrincipal } from '../access/actor';
import type { Principal } from '../../domain/access/principal';
import { deriveTags } from '../../domain/health/tags';
import { AppError, DuplicateKeyError, NotFoundError } from '../../errors';
import type { Member } from '../members/member';
import { createMemberRepository } from '../members/member-repository';
import { PROFILE_VERSIONS } from '../intake/profile-store';
import type { CallOptions, PrivacyContext } from './deps';
import { gateMemberRight } from './gate';
import { entriesInScope } from './member-data-map';
import { eraseEntry } from './member-docs';
import { CONSENT_EVENTS, type ConsentEvent } from './records';
import { isKnownNoticeVersion, WITHDRAWAL_NOTICE_VERSION } from './texts';
import { replaceMemberTags } from './wecom-tags';
import { createOutcomeEventLog } from '../outcomes/outcome-events';

export interface WithdrawInput {
  textVersion?: string;
  requestId?: string;
}

export interface WithdrawResult {
  memberId: string;
  status: Member['status'];
  withdrawnAtMs: number | null;
  consentTextVersion: string | null;
  noticeTextVersion: string | null;
  remindersCancelled: number;
  /** Health records deleted or reduced to their consent record by this call. */
  healthRecordsErased: number;
  wecomTagsUpdated: boolean;
}

/** The consent the member gave last (stored in clear with each profile version). */
async function lastConsentVersion(ctx: PrivacyContext, memberId: string): Promise<string | null> {
  const [latest] = await ctx.deps.store.collection(PROFILE_VERSIONS).find({ memberId }, { sort: { version: -1 }, limit: 1 });
  const consent = latest?.consent as { textVersion?: unknown } | undefined;
  return typeof consent?.textVersion === 'string' ? consent.textVersion : null;
}

/** The withdrawal's consent event, once per withdrawal time: a retry finds the first one. */
async function recordWithdrawalEvent(ctx: PrivacyContext, event: ConsentEvent): Promise<ConsentEvent> {
  const events = ctx.deps.store.collection<ConsentEvent>(CONSENT_EVENTS);
  try {
    await events.insert(event);
    return event;
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    return (await events.get(event._id)) ?? event;
  }
}

/**
 * Stop processing, then delete what the consent was for. Each step is idempotent, so a retry after
 * a failure anywhere here completes the withdrawal.
 */
async function stopAndErase(ctx: PrivacyContext, member: Member, now: number): Promise<{ remindersCancelled: number; healthRecordsErased: number; wecomTagsUpdated: boolean }> {
  const { deps } = ctx;
  const memberId = member._id;
  const remindersCancelled = await ctx.reminders.cancelForMember(memberId, 'consent_withdrawn');
  let healthRecordsErased = 0;
  for (const entry of entriesInScope('health_consent')) {
    const r = await eraseEntry(deps.store, entry, memberId, now);
    healthRecordsErased += r.deleted + r.redacted;
  }
  await createMemberRepository(deps.store).formDerivedCleared(memberId, now);
  const wecomTagsUpdated = await replaceMemberTags(deps, memberId, deriveTags(member.scene ? { scene: member.scene } : {}));
  return { remindersCancelled, healthRecordsErased, wecomTagsUpdated };
}

/**
 * Withdrawal of the separate consent to process health data (PIPL art. 15, 29, 47(3)): recorded with
 * its time and text versions; the member becomes `consent_withdrawn`; processing stops at once —
 * every pending reminder is cancelled (the reminder service), the dispatcher, points, gap analysis and
 * intake follow-ups skip non-active members — and what was collected under that consent is deleted per
 * the member-data map (scope `health_consent`), except the record of the consent itself. Health tags go
 * from the member and from the WeCom contact (scene tags stay). The member stays a member: points,
 * community and insurance service go on. Repeating it changes nothing (the same record is returned).
 */
export async function withdrawConsent(ctx: PrivacyContext, principal: Principal, memberId: string, input: WithdrawInput, o: CallOptions = {}): Promise<WithdrawResult> {
  const { deps } = ctx;
  const noticeTextVersion = input.textVersion ?? WITHDRAWAL_NOTICE_VERSION;
  if (!isKnownNoticeVersion(noticeTextVersion)) {
    throw new AppError('unknown_text_version', 'textVersion: not a withdrawal notice we published', 422, { fields: [{ field: 'textVersion', message: 'not a withdrawal notice we published' }] });
  }
  await gateMemberRight(ctx, principal, 'consent.withdraw', memberId, 'consent_withdraw', input.requestId, o);

  const members = createMemberRepository(deps.store);
  const member = await members.get(memberId);
  // Only the member themself or ops holding the member's own request get here: no existence leak.
  if (!member) throw new NotFoundError('member');
  const actor = actorFromPrincipal(principal);
  if (member.status === 'erased') {
    return { memberId, status: 'erased', withdrawnAtMs: null, consentTextVersion: null, noticeTextVersion: null, remindersCancelled: 0, healthRecordsErased: 0, wecomTagsUpdated: true };
  }

  const now = deps.clock.nowMs();
  const consentTextVersion = await lastConsentVersion(ctx, memberId);
  await members.consentWithdrawn(memberId, now);
  const after = (await members.get(memberId)) ?? member;
  const atMs = typeof after.consentWithdrawnAtMs === 'number' ? after.consentWithdrawnAtMs : now;

  const event: ConsentEvent = {
    _id: `${memberId}:withdrawn:${atMs}`,
    memberId,
    kind: 'withdrawn',
    atMs,
    consentTextVersion,
    noticeTextVersion,
    actor,
    ...(input.requestId && principal.kind === 'staff' && { privacyRequestId: input.requestId }),
  };
  // A withdrawal ends the member's part in the programme's metrics (留存率): counted as leaving, once per withdrawal.
  await createOutcomeEventLog(deps.store).record({ type: 'left', memberId, key: `withdrawn:${atMs}`, atMs, data: { how: 'consent_withdrawn' } });
  const recorded = await recordWithdrawalEvent(ctx, event);
  const { remindersCancelled, healthRecordsErased, wecomTagsUpdated } = await stopAndErase(ctx, after, now);
  await ctx.requests.complete(memberId, 'consent_withdraw', actor, now);

  await deps.audit.append({
    actor,
    action: 'consent.withdraw',
    subjectMemberId: memberId,
    outcome: 'done',
    ...(o.requestId && { requestId: o.requestId }),
    meta: {
      consentTextVersion: recorded.consentTextVersion,
      noticeTextVersion: recorded.noticeTextVersion,
      remindersCancelled,
      healthRecordsErased,
      wecomTagsUpdated,
      privacyRequestId: recorded.privacyRequestId ?? null,
    },
  });
  deps.log.info('privacy: consent withdrawn', { memberId, remindersCancelled, healthRecordsErased, wecomTagsUpdated });

  return {
    memberId,
    status: 'consent_withdrawn',
    withdrawnAtMs: recorded.atMs,
    consentTextVersion: recorded.consentTextVersion,
    noticeTextVersion: recorded.noticeTextVersion,
    remindersCancelled,
    healthRecordsErased,
    wecomTagsUpdated,
  };
}
