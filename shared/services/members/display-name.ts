import { FieldCipherError, type FieldCipher } from '../../ports/field-cipher';
import { isWecomApiError, type ExternalContact, type WecomApi } from '../../ports/wecom-api';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import type { DocumentStore } from '../../ports/document-store';
import type { Member } from './member';
import { createMemberRepository, type MemberRepository } from './member-repository';

/**
 * The member's display name: what the 4R team sees in the queue, the ticket and the member view.
 *
 * Taken from externalcontact/get when the customer joins (add_external_contact, a group join) and
 * again on the next contact event while none is stored, and whenever staff edit the contact
 * (edit_external_contact: the remark is usually set after the add). The staff remark given by the
 * staff member who brought the customer in (`addedBy`) wins over the WeChat name, as it does in the
 * WeCom client. Personal data: stored encrypted (aad = member id, path `displayName`), shown only to
 * the member's own team, never logged (the log keys `name`/`remark` are redacted anyway; nothing
 * here logs either).
 *
 * A fetch that fails or is rate limited never fails the event that triggered it: the name stays as
 * it was (empty on a first join) and the next contact event for the member tries again.
 */
export const DISPLAY_NAME_PATHS = ['displayName'] as const;

/** Longest name kept (WeCom remarks are ≤ 30 characters; WeChat names are short too). */
const MAX_CHARS = 64;

const clean = (s: string | undefined): string => Array.from((s ?? '').replace(/\s+/g, ' ').trim()).slice(0, MAX_CHARS).join('');

/** The remark of the staff member who brought the customer in, else the contact's name; null when both are empty. */
export function pickDisplayName(contact: Pick<ExternalContact, 'name' | 'followUsers'>, addedBy: string | undefined): string | null {
  const remark = addedBy ? clean(contact.followUsers.find((f) => f.userid === addedBy)?.remark) : '';
  return remark || clean(contact.name) || null;
}

/** The stored name, decrypted; null when none is stored or it cannot be opened (wrong owner, unknown key). */
export function openDisplayName(cipher: FieldCipher, member: Pick<Member, '_id' | 'displayName'>): string | null {
  if (!member.displayName) return null;
  try {
    const open = cipher.decryptFields({ displayName: member.displayName }, DISPLAY_NAME_PATHS, member._id) as unknown as { displayName: unknown };
    return typeof open.displayName === 'string' && open.displayName ? open.displayName : null;
  } catch (err) {
    if (err instanceof FieldCipherError) return null;
    throw err;
  }
}

export interface DisplayNameDeps {
  store: DocumentStore;
  /** AppDeps' member repository (built once per cold start); without it, one is made per call. */
  members?: MemberRepository;
  cipher: FieldCipher;
  wecom: Pick<WecomApi, 'getExternalContact'>;
  clock: Clock;
  log: Logger;
}

export type DisplayNameOutcome = 'stored' | 'unchanged' | 'kept' | 'no_name' | 'failed' | 'not_member';

/**
 * Fetches the contact and stores its display name on the member. `force` fetches even when a name
 * is stored (an edit event); otherwise a stored name is kept and nothing is fetched, so replays of
 * a join cost no WeCom call. Never throws: a failure is logged (error code only) and reported.
 */
export async function refreshDisplayName(deps: DisplayNameDeps, memberId: string, opts: { force?: boolean } = {}): Promise<DisplayNameOutcome> {
  try {
    const members = deps.members ?? createMemberRepository(deps.store);
    const member = await members.get(memberId);
    if (!member || member.status === 'erased' || !member.externalUserId) return 'not_member';
    if (member.displayName && !opts.force) return 'kept';
    const contact = await deps.wecom.getExternalContact(member.externalUserId);
    const name = pickDisplayName(contact, member.addedBy);
    if (!name) return 'no_name';
    if (openDisplayName(deps.cipher, member) === name) return 'unchanged';
    const sealed = deps.cipher.encryptFields({ displayName: name }, DISPLAY_NAME_PATHS, memberId) as unknown as Required<Pick<Member, 'displayName'>>;
    const stored = await members.displayNameFetched(memberId, member.externalUserId, sealed.displayName, deps.clock.nowMs(), member.displayNameAtMs);
    return stored ? 'stored' : 'not_member';
  } catch (err) {
    // The name is a convenience: the join (welcome, team, intake) must go on without it.
    deps.log.warn('member display name not fetched', {
      memberId,
      error: isWecomApiError(err) ? (err.errcode ?? err.kind) : err instanceof Error ? err.constructor.name : 'error',
    });
    return 'failed';
  }
}
