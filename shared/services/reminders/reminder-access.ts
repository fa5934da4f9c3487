import type { Principal } from '../../domain/access/principal';
import { NotFoundError } from '../../errors';
import type { Authorize } from '../access/authorize';
import type { ReminderDoc } from './reminder-doc';

/**
 * A reminder for a caller, access checked BEFORE its existence shows: an unknown id is judged like a
 * reminder about no member the caller is related to (authorize with no member: the same denial,
 * 403 with the same reason, audited like one), so ids cannot be probed. Only a caller the policy lets
 * see any member's reminders (the machine) learns that an id is unknown (404).
 */
export async function reminderForCaller(
  deps: { authorize: Authorize; get: (id: string) => Promise<ReminderDoc | null> },
  principal: Principal,
  reminderId: string,
  rc: { requestId?: string } = {},
): Promise<ReminderDoc> {
  const doc = await deps.get(reminderId);
  if (!doc) {
    await deps.authorize(principal, 'reminder.create', undefined, rc);
    throw new NotFoundError('reminder');
  }
  await deps.authorize(principal, 'reminder.create', doc.memberId, rc);
  return doc;
}
