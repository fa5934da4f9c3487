import type { ParsedEvent } from '../../ports/wecom-callback-events';
import { handleGroupChange } from './group-membership';
import { handleJoin, type JoinDeps } from './join';
import { memberIdForExternalUser } from '../members/member';
import { refreshDisplayName } from '../members/display-name';
import { handleContactDeleted } from './contact-deleted';

/** ChangeTypes that mean "a customer added a staff member" and may carry a welcome code. */
const JOINS = new Set(['add_external_contact', 'add_half_external_contact']);

/** ChangeTypes handleWelcomeEvent acts on: joins, edits (the staff remark that names the member), and the customer deleting a staff member. */
const ACTED_ON = new Set([...JOINS, 'edit_external_contact', 'del_follow_user']);

/** Whether handleWelcomeEvent acts on `event` (joins, contact edits, group changes); the inbox stores the rest done at once. */
export const welcomeActsOn = (event: ParsedEvent): boolean =>
  (event.kind === 'change_external_contact' && ACTED_ON.has(event.changeType)) || event.kind === 'change_external_chat';

/**
 * Events whose handling repeats no effect when run twice, so the inbox runs them before its one write
 * (shared/services/callback-inbox/inbox.ts, AcceptOptions.replaySafe): a contact edit fetches the
 * display name again and stores it only when it changed; a deleted contact records the member's
 * leaving under a key of its own (staff id and event time), which a second record leaves as it is.
 * Joins are not: they send the welcome message.
 */
export const welcomeReplaySafe = (event: ParsedEvent): boolean =>
  event.kind === 'change_external_contact' && (event.changeType === 'edit_external_contact' || event.changeType === 'del_follow_user');

/** What the customer-contact callback does with each decrypted event; anything else is kept and ignored. */
export async function handleWelcomeEvent(deps: JoinDeps, event: ParsedEvent): Promise<void> {
  if (event.kind === 'change_external_contact' && JOINS.has(event.changeType)) {
    await handleJoin(deps, event);
    return;
  }
  if (event.kind === 'change_external_contact' && event.changeType === 'edit_external_contact') {
    // Staff changed the contact (usually its remark, set after the add): fetch the display name again.
    await refreshDisplayName(deps, memberIdForExternalUser(deps.config.WECOM_CORP_ID, event.externalUserId), { force: true });
    return;
  }
  if (event.kind === 'change_external_contact' && event.changeType === 'del_follow_user') {
    await handleContactDeleted(deps, event);
    return;
  }
  if (event.kind === 'change_external_chat') {
    await handleGroupChange(deps, event);
    return;
  }
  deps.log.debug('welcome callback ignored', { kind: event.kind });
}
