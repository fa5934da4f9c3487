import type { Action } from './policy';
import { isOwnLogin, type Principal } from './principal';

/** Where a member stands: a member, a member who withdrew the health-data consent, or erased. */
export type MemberStatus = 'active' | 'consent_withdrawn' | 'erased';

/**
 * What the member's status leaves each capability, applied by `authorize` after the policy (so a
 * caller the policy refuses never learns the status). One table instead of a check per route:
 * the red team redeemed an erased member's points because points had none.
 *
 * - Erased (PIPL art. 47): every capability refuses the id, except what the member (or ops on the
 *   member's request) needs to see what is left and to finish: export of what remains, erasure
 *   itself (a repeat finishes one that WeCom interrupted), the withdrawal (answers "erased") and
 *   the audit trail.
 * - Consent withdrawn (PIPL art. 15, 29): nothing new is collected or derived from health data —
 *   the form, readings, reports and gap analyses — until the member consents again. The health
 *   form is how they do: it carries a fresh consent, which only the member's own login (mini-program
 *   session or bound OPENID) may give, never the welcome link anyone can forward. Points, tickets,
 *   reminders lists and reports already made stay: the member is still a member.
 */
const KEPT_AFTER_ERASURE: readonly Action[] = ['member.export', 'member.delete', 'consent.withdraw', 'audit.read'];
const NEEDS_HEALTH_CONSENT: readonly Action[] = ['health.write', 'readings.write', 'gap.create'];

export type Refusal =
  | 'member_erased' // answered like an unknown member (404): the id is refused, nothing about it revealed
  | 'consent_withdrawn'; // 409: processing stopped at the member's word

export type Standing = { ok: true } | { ok: false; refusal: Refusal };

export function standing(status: MemberStatus, action: Action, principal: Principal, memberId: string): Standing {
  if (status === 'erased') return KEPT_AFTER_ERASURE.includes(action) ? { ok: true } : { ok: false, refusal: 'member_erased' };
  if (status !== 'consent_withdrawn' || !NEEDS_HEALTH_CONSENT.includes(action)) return { ok: true };
  const ownLogin = principal.kind === 'member' && principal.memberId === memberId && isOwnLogin(principal);
  // The service then takes a form (a fresh consent) and still refuses readings and reports.
  return action === 'health.write' && ownLogin ? { ok: true } : { ok: false, refusal: 'consent_withdrawn' };
}
