import type { DocumentStore } from '../../ports/document-store';
import type { OutcomeEventData } from '../../domain/outcomes/events';
import { createOutcomeEventLog } from '../outcomes/outcome-events';
import type { Member } from '../members/member';

/**
 * The welcome journey's steps in the outcome log (shared/domain/outcomes/events.ts). A membership is
 * named by its join instant (`joinedAtMs`, kept by re-adds and replays, new only after an erasure's
 * rejoin), so each of these is recorded once per membership whatever WeCom redelivers.
 */
export const joinKey = (member: Pick<Member, 'joinedAtMs'>): string => String(member.joinedAtMs);

/** The entry scene and campaign travel with the join: the dashboard's rows are cut by them. */
function joinData(member: Pick<Member, 'scene' | 'campaign'>, via: 'contact' | 'group'): OutcomeEventData {
  return { via, ...(member.scene && { scene: member.scene }), ...(member.campaign && { campaign: member.campaign }) };
}

export async function recordJoined(store: DocumentStore, member: Pick<Member, '_id' | 'joinedAtMs' | 'scene' | 'campaign'>, via: 'contact' | 'group'): Promise<void> {
  await createOutcomeEventLog(store).record({ type: 'joined', memberId: member._id, key: joinKey(member), atMs: member.joinedAtMs, data: joinData(member, via) });
}

/** Only a welcome WeCom confirmed sent (send_welcome_msg ok) counts; console-configured welcomes are invisible to us. */
export async function recordWelcomed(store: DocumentStore, member: Pick<Member, '_id' | 'joinedAtMs'>, atMs: number): Promise<void> {
  await createOutcomeEventLog(store).record({ type: 'welcomed', memberId: member._id, key: joinKey(member), atMs });
}

/**
 * A customer who joined a customer group without adding a staff member has no member document yet
 * (group-membership.ts): the join is recorded on the id they will have, keyed by the group, so the
 * entry counts; a later contact join adds its own `joined` and the metrics take the earliest.
 */
export async function recordGroupJoined(store: DocumentStore, memberId: string, chatId: string, atMs: number): Promise<void> {
  await createOutcomeEventLog(store).record({ type: 'joined', memberId, key: `group:${chatId}`, atMs, data: { via: 'group' } });
}

/** How a member left (the `left` event's `data.how`). */
export type LeftHow = 'contact_deleted' | 'groups_left' | 'consent_withdrawn';

export async function recordLeft(store: DocumentStore, memberId: string, key: string, atMs: number, how: LeftHow): Promise<void> {
  await createOutcomeEventLog(store).record({ type: 'left', memberId, key, atMs, data: { how } });
}
