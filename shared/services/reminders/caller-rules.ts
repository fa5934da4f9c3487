import { createHash } from 'node:crypto';
import { principalId, type Principal } from '../../domain/access/principal';
import type { ReminderKind } from '../../domain/schedule/recurrence';

/** What a member may schedule for themself: reminders of their own health routine. */
export const MEMBER_REMINDER_KINDS = ['monitoring', 'medication', 'follow_up_visit', 'exercise_task', 'check_up', 'activity'] as const satisfies readonly ReminderKind[];

export interface ReminderRuleViolation {
  code: string;
  message: string;
}

/** The parts of a create request the caller rules look at (defaults as the schema applies them). */
export interface ReminderRequestShape {
  kind: ReminderKind;
  audience?: string;
  emergency?: boolean;
  cadence?: 'follow_up';
}

/**
 * Members schedule reminders to themselves about their own routine; everything that pages staff
 * (staff audiences, escalations, staff follow-ups, emergencies) or drives staff work (the follow-up
 * cadence, which ends in a low-cooperation flag for the butler) is for staff and the machine. Which
 * member a caller may act on is the access policy's question ('reminder.create'), asked first.
 */
export function reminderRuleViolation(principal: Principal, request: ReminderRequestShape): ReminderRuleViolation | null {
  if (principal.kind !== 'member') return null;
  if ((request.audience ?? 'member') !== 'member') {
    return { code: 'reminder_audience_not_permitted', message: 'members create reminders addressed to themselves only (audience "member")' };
  }
  if (!(MEMBER_REMINDER_KINDS as readonly string[]).includes(request.kind)) {
    return { code: 'reminder_kind_not_permitted', message: `members may create ${MEMBER_REMINDER_KINDS.join(', ')} reminders only` };
  }
  if (request.emergency === true) return { code: 'reminder_emergency_not_permitted', message: 'only staff and the system mark a reminder as an emergency' };
  if (request.cadence !== undefined) return { code: 'reminder_cadence_not_permitted', message: 'the follow-up cadence is set by staff' };
  return null;
}

const SAFE_PRINCIPAL_ID = /^[A-Za-z0-9_.@-]{1,100}$/;
const digest = (s: string, chars: number) => createHash('sha256').update(s).digest('base64url').slice(0, chars);

/**
 * The reminder id for an idempotency key a caller supplied (HTTP header/body, callFunction): in the
 * caller's own namespace, `api:<kind>:<principal id>:<sha256(key), 22 base64url>`. Internal keys
 * (`plan:…`, `intake-nudge:…`, `sla:…`, `renewal:…`, `low-coop:…`) never start with `api:`, so no
 * caller can take an id the system will need, and one caller's key never collides with another's.
 * A principal id with characters an id may not hold is replaced by its hash (after `|`, which a
 * plain id never contains).
 */
export function callerReminderId(principal: Principal, key: string): string {
  const id = principalId(principal);
  const who = SAFE_PRINCIPAL_ID.test(id) ? id : `|${digest(id, 16)}`;
  return `api:${principal.kind}:${who}:${digest(key, 22)}`;
}
