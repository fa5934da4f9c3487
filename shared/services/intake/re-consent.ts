import { DuplicateKeyError, NotFoundError } from '../../errors';
import { consentWithdrawn } from '../access/refusals';
import type { AuditActor } from '../../ports/audit-log';
import type { Member } from '../members/member';
import { createMemberRepository } from '../members/member-repository';
import { CONSENT_EVENTS, type ConsentEvent } from '../privacy/records';
import type { IntakeDeps } from './deps';

/**
 * A member who withdrew the health-data consent submits the health form again with a fresh, valid
 * consent: that is a new separate consent (PIPL art. 29), so processing resumes — the member is
 * active again, and the renewal is recorded next to the withdrawal (consent_events) and audited.
 *
 * Only the member themself can give it, and only through their own login: a clinician entering a
 * form for a member who withdrew, or whoever holds the welcome link (`ownLogin: false`: the card can
 * be forwarded), gets 409 `consent_withdrawn`, as for readings and reports — otherwise a withdrawal
 * could be undone by someone else. (authorize refuses both first, member-standing.ts; this holds
 * when the withdrawal lands between that check and this submission.) The
 * event is written before the status moves (its id names the withdrawal it follows), so a retry
 * after a failure anywhere here still leaves exactly one record and an active member.
 */
export async function renewConsent(
  deps: Pick<IntakeDeps, 'store' | 'clock' | 'audit'>,
  member: Member,
  textVersion: string,
  actor: AuditActor,
  ownLogin: boolean,
): Promise<void> {
  if (actor.kind !== 'member' || actor.id !== member._id || !ownLogin) throw consentWithdrawn();
  const now = deps.clock.nowMs();
  const withdrawnAtMs = typeof member.consentWithdrawnAtMs === 'number' ? member.consentWithdrawnAtMs : null;
  const event: ConsentEvent = {
    _id: `${member._id}:given:${withdrawnAtMs ?? 'unknown'}`,
    memberId: member._id,
    kind: 'given',
    atMs: now,
    consentTextVersion: textVersion,
    noticeTextVersion: null,
    actor,
  };
  try {
    await deps.store.collection<ConsentEvent>(CONSENT_EVENTS).insert(event);
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
  }

  const members = createMemberRepository(deps.store);
  if (!(await members.consentGiven(member._id, now))) {
    // Erased meanwhile: refused like any erased member. Active: a concurrent submission renewed it.
    if ((await members.get(member._id))?.status !== 'active') throw new NotFoundError('member');
    return;
  }
  await deps.audit.append({
    actor,
    action: 'consent.given',
    subjectMemberId: member._id,
    outcome: 'done',
    meta: { textVersion, withdrawnAtMs },
  });
}
