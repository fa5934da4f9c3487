import type { ExternalChatEvent } from '../../ports/wecom-callback-events';
import type { Doc } from '../../ports/document-store';
import type { AppDeps } from '../../runtime/deps';
import { memberIdForExternalUser } from '../members/member';
import { createMemberRepository } from '../members/member-repository';
import { refreshDisplayName } from '../members/display-name';
import { recordGroupJoined, recordLeft } from './join-outcomes';

export type GroupChangeDeps = Pick<AppDeps, 'config' | 'store' | 'clock' | 'log' | 'wecom' | 'cipher'>;

export const GROUP_MEMBERSHIPS = 'group_memberships';

/** Who is in which customer group; one doc per (chat, WeCom id), kept after leaving. */
export interface GroupMembership extends Doc {
  _id: string;
  chatId: string;
  /** As in MemChangeList: a customer's external_userid or a staff userid. */
  wecomId: string;
  /** The member this id maps to; the member may not exist yet (joined the group before adding staff). */
  memberId: string;
  joinScene?: number;
  joinedAtMs: number;
  leftAtMs?: number;
}

const MAX_CAS_ATTEMPTS = 10;

/**
 * change_external_chat add_member / del_member: records group membership (docs/prd.md §4.1 step 3). Groups
 * get no welcome code — the owner applies the group welcome template (WECOM_GROUP_WELCOME_TEMPLATE_ID)
 * in the client — so nothing is sent from here. Events without MemChangeList (older payloads) carry no
 * names and are only logged.
 */
export async function handleGroupChange(deps: GroupChangeDeps, event: ExternalChatEvent): Promise<{ recorded: number }> {
  if (event.changeType !== 'update' || (event.updateDetail !== 'add_member' && event.updateDetail !== 'del_member')) return { recorded: 0 };
  const ids = event.memChangeList ?? [];
  if (!ids.length) {
    deps.log.info('group change without member list', { chatId: event.chatId, detail: event.updateDetail, count: event.memChangeCnt ?? null });
    return { recorded: 0 };
  }
  const memberships = deps.store.collection<GroupMembership>(GROUP_MEMBERSHIPS);
  const atMs = event.createTimeS * 1000;
  for (const wecomId of ids) {
    const memberId = memberIdForExternalUser(deps.config.WECOM_CORP_ID, wecomId);
    const _id = `${event.chatId}:${wecomId}`;
    if (event.updateDetail === 'add_member') {
      await memberships.updateOne(
        { _id },
        { $set: { joinedAtMs: atMs, ...(event.joinScene !== undefined && { joinScene: event.joinScene }) }, $unset: { leftAtMs: true }, $setOnInsert: { chatId: event.chatId, wecomId, memberId } },
        { upsert: true },
      );
    } else {
      await memberships.updateOne({ _id }, { $set: { leftAtMs: atMs } });
    }
    await updateMemberGroups(deps, memberId, event.chatId, event.updateDetail === 'add_member');
    if (isCustomerId(wecomId)) await recordGroupOutcome(deps, memberId, wecomId, event.chatId, event.updateDetail === 'add_member', atMs);
    // A member whose name could not be fetched at their join gets another try (staff ids map to no member: nothing happens).
    if (event.updateDetail === 'add_member') await refreshDisplayName(deps, memberId);
  }
  if (event.updateDetail === 'add_member' && !deps.config.WECOM_GROUP_WELCOME_TEMPLATE_ID) {
    deps.log.warn('customers joined a group but WECOM_GROUP_WELCOME_TEMPLATE_ID is not set (run: cli contact-way group-template)', { chatId: event.chatId });
  }
  return { recorded: ids.length };
}

/** Compare-and-set on `updatedAtMs`, so two group events for one member cannot drop each other's chat. */
async function updateMemberGroups(deps: GroupChangeDeps, memberId: string, chatId: string, joined: boolean): Promise<void> {
  const members = createMemberRepository(deps.store);
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
    const member = await members.get(memberId);
    if (!member) return;
    const groups = member.groups ?? [];
    if (groups.includes(chatId) === joined) return;
    const next = joined ? [...groups, chatId] : groups.filter((g) => g !== chatId);
    const now = Math.max(deps.clock.nowMs(), member.updatedAtMs + 1);
    if (await members.groupsChanged(memberId, next, member.updatedAtMs, now)) return;
  }
  deps.log.warn('could not record group membership on the member', { memberId, chatId });
}

/** Customers' ids (external_userid) start wm/wo; staff userids in the same list are no members. */
const isCustomerId = (wecomId: string): boolean => /^w[mo]/.test(wecomId);

/**
 * Group joins count as joins (docs/prd.md §8.1 入群率). A customer without a member document (never
 * added a staff member) leaves the programme when they leave their last group; a member with one
 * stays reachable through their contact, so leaving groups is not leaving (join-outcomes.ts).
 */
async function recordGroupOutcome(deps: GroupChangeDeps, memberId: string, wecomId: string, chatId: string, joined: boolean, atMs: number): Promise<void> {
  if (joined) {
    await recordGroupJoined(deps.store, memberId, chatId, atMs);
    return;
  }
  if (await createMemberRepository(deps.store).get(memberId)) return;
  const stillIn = await deps.store.collection<GroupMembership>(GROUP_MEMBERSHIPS).find({ wecomId, leftAtMs: { $exists: false } }, { limit: 1 });
  if (!stillIn.length) await recordLeft(deps.store, memberId, `groups:${atMs}`, atMs, 'groups_left');
}
