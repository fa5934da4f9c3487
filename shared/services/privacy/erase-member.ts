import { actorFromPrincipal } from '../access/actor';
import type { Principal } from '../../domain/access/principal';
import { NotFoundError } from '../../errors';
import { MEMBERS } from '../members/member';
import { createMemberRepository } from '../members/member-repository';
import type { CallOptions, PrivacyContext } from './deps';
import { gateMemberRight } from './gate';
import { MEMBER_DATA_MAP } from './member-data-map';
import { eraseEntry, type EntryOutcome } from './member-docs';
import { REDACTED_AT } from './redaction-marker';
import { replaceMemberTags } from './wecom-tags';

export interface EraseInput {
  requestId?: string;
}

export interface EraseResult {
  memberId: string;
  status: 'erased';
  erasedAtMs: number;
  /** False when the member was already fully erased before this call. */
  changed: boolean;
  /**
   * False when the WeCom contact's tags could not be removed: everything else is erased, the member
   * document keeps the contact ids needed to finish, and repeating the call completes it.
   */
  complete: boolean;
  remindersCancelled: number;
  collections: EntryOutcome[];
}

/**
 * Erasure of the member (PIPL art. 47): the member becomes `erased` first, so every capability
 * refuses the id from then on (authorize drops their team, intake, points and gap analysis answer
 * 404/409, the reminder dispatcher cancels); pending reminders are cancelled; the tags this system put
 * on the WeCom contact are removed; then each collection of the member-data map is deleted, redacted
 * or retained as the map says, the member document last. The audit trail — including this erasure —
 * stays (opaque ids only, kept by law). Idempotent: every step can be repeated.
 */
export async function eraseMember(ctx: PrivacyContext, principal: Principal, memberId: string, input: EraseInput, o: CallOptions = {}): Promise<EraseResult> {
  const { deps } = ctx;
  await gateMemberRight(ctx, principal, 'member.delete', memberId, 'erase', input.requestId, o);
  const members = createMemberRepository(deps.store);
  const member = await members.get(memberId);
  if (!member) throw new NotFoundError('member');

  const now = deps.clock.nowMs();
  const alreadyDone = member.status === 'erased' && member[REDACTED_AT] !== undefined;
  if (member.status !== 'erased') await members.erased(memberId, now);
  const erasedAtMs = typeof member.erasedAtMs === 'number' ? member.erasedAtMs : now;

  const remindersCancelled = await ctx.reminders.cancelForMember(memberId, 'member_erased');
  // Every tag this system applied to the WeCom contact goes (they name conditions and the risk tier).
  const wecomDone = alreadyDone || (await replaceMemberTags(deps, memberId, []));

  const collections: EntryOutcome[] = [];
  for (const entry of MEMBER_DATA_MAP) {
    if (entry.collection === MEMBERS && !wecomDone) continue;
    collections.push(await eraseEntry(deps.store, entry, memberId, now));
  }
  const actor = actorFromPrincipal(principal);
  await ctx.requests.complete(memberId, 'erase', actor, now);

  const sum = (k: 'deleted' | 'redacted' | 'kept') => collections.reduce((s, c) => s + c[k], 0);
  await deps.audit.append({
    actor,
    action: 'member.delete',
    subjectMemberId: memberId,
    outcome: wecomDone ? 'done' : 'failed',
    ...(wecomDone ? {} : { reason: 'wecom_tags_not_removed' }),
    ...(o.requestId && { requestId: o.requestId }),
    meta: {
      deleted: sum('deleted'),
      redacted: sum('redacted'),
      kept: sum('kept'),
      remindersCancelled,
      privacyRequestId: principal.kind === 'staff' && input.requestId ? input.requestId : null,
    },
  });
  deps.log.info('privacy: member erased', { memberId, deleted: sum('deleted'), redacted: sum('redacted'), complete: wecomDone });
  return { memberId, status: 'erased', erasedAtMs, changed: !alreadyDone, complete: wecomDone, remindersCancelled, collections };
}

