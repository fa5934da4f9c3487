import type { ReminderKind } from '../../domain/schedule/recurrence';
import type { Member } from '../members/member';

/** Kinds whose text says nothing about the member's health. */
const NON_HEALTH_KINDS: readonly ReminderKind[] = ['policy_renewal', 'activity'];

/**
 * Who may send a member's reminder as a confirm-to-send mass task (add_msg_template), in order.
 * The sender reads the text before confirming, so a health reminder only goes through the member's
 * clinicians (health butler, then family doctor — the roles allowed to see health content); a
 * renewal or activity notice may also go through the staff member the customer added, or the
 * insurance / rights consultant. WeCom accepts only senders the customer has as a contact, so the
 * dispatcher tries the next candidate when one is refused.
 */
export function massSenders(member: Pick<Member, 'team' | 'addedBy'>, kind: ReminderKind): string[] {
  const { team } = member;
  const candidates = NON_HEALTH_KINDS.includes(kind)
    ? [team.health_butler, member.addedBy, team.insurance_consultant, team.rights_consultant]
    : [team.health_butler, team.family_doctor];
  return [...new Set(candidates.filter((c): c is string => typeof c === 'string' && c.length > 0))];
}
