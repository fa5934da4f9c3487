import { contentReminderKey, contentText } from '../../domain/content/calendar';
import { isPublishable, matchesAudience } from '../../domain/content/items';
import { AppError, ConflictError, DuplicateKeyError } from '../../errors';
import { MEMBERS, type Member } from '../members/member';
import { renderText } from '../reminders/content';
import { createReminder } from '../reminders/creation';
import { stoppedKindByMember } from '../reminders/member-controls';
import { blockedByReview, calendarEntries, CONTENT_GROUP_SENDS, type CalendarDeps, type CalendarDoc, type GroupSendDoc } from './calendar-doc';
import type { ContentLibrary } from './library';

const MEMBER_PAGE = 500;

/**
 * Members page by page in id order; after each page the entry remembers where it got to, so a run
 * that reaches its deadline (or crashes) is taken up by the next tick after the last finished page
 * instead of walking every member again. Null when the deadline stopped it, or when the entry is no
 * longer pending after a page (cancelled mid-way: the pages already done stay, no more are made).
 */
async function toMembers(deps: CalendarDeps, entry: CalendarDoc, text: { title: string; content: string }, audience: Parameters<typeof matchesAudience>[0], deadlineMs: number): Promise<{ matched: number; created: number } | null> {
  const startAtMs = Math.max(entry.dueAtMs, deps.clock.nowMs());
  let { afterMemberId, matched, created } = entry.progress ?? { afterMemberId: '', matched: 0, created: 0 };
  for (;;) {
    const page = await deps.store.collection<Member>(MEMBERS).find({ status: 'active', _id: { $gt: afterMemberId } }, { sort: { _id: 1 }, limit: MEMBER_PAGE });
    for (const m of page) {
      if (!matchesAudience(audience, { ...(m.tier && { tier: m.tier }), tagCodes: (m.tags ?? []).map((t) => t.code) })) continue;
      // A member who stopped 健康知识 in 「我的提醒」 gets no more of it (member-controls.ts).
      if (await stoppedKindByMember(deps, m._id, 'health_content')) continue;
      matched += 1;
      try {
        const r = await createReminder(
          deps,
          { idempotencyKey: contentReminderKey(entry.itemId, m._id, entry.date), memberId: m._id, kind: 'health_content', audience: 'member', ...text, startAtMs },
          `content:${entry.itemId}`,
          'content',
        );
        if (r.created) created += 1;
      } catch (err) {
        // A member who left between the query and now: nothing is sent to them.
        if (!(err instanceof ConflictError)) throw err;
      }
    }
    if (page.length < MEMBER_PAGE) return { matched, created };
    afterMemberId = (page.at(-1) as Member)._id;
    // Still pending, or ops cancelled it (or another run finished it) meanwhile: then no more pages.
    const still = await calendarEntries(deps).updateOne({ _id: entry._id, status: 'pending' }, { $set: { progress: { afterMemberId, matched, created } } });
    if (still.matched === 0) return null;
    if (Date.now() >= deadlineMs) return null;
  }
}

/** To customer groups: one WeCom group mass-send per sender, claimed before the call so it is never made twice. */
async function toGroups(deps: CalendarDeps, entry: CalendarDoc, rendered: string) {
  const groupSends = deps.store.collection<GroupSendDoc>(CONTENT_GROUP_SENDS);
  let created = 0;
  for (const sender of entry.senders ?? []) {
    const _id = `${entry._id}:${sender}`;
    try {
      await groupSends.insert({ _id, entryId: entry._id, sender, status: 'claimed', atMs: deps.clock.nowMs() });
    } catch (err) {
      if (err instanceof DuplicateKeyError) continue;
      throw err;
    }
    try {
      const { msgid } = await deps.wecom.addMsgTemplate({ sender, chatType: 'group', externalUserIds: [], text: rendered });
      await groupSends.updateOne({ _id }, { $set: { status: 'created', msgid } });
      created += 1;
    } catch (err) {
      // At most once: a task that may have been created is not made again; ops see the failure.
      const code = err instanceof AppError ? err.code : 'unknown';
      await groupSends.updateOne({ _id }, { $set: { status: 'failed', code } });
      deps.log.warn('content group mass-send failed', { entryId: entry._id, sender, code });
    }
  }
  return { matched: entry.senders?.length ?? 0, created };
}

/**
 * Sends one due entry: cancelled when its item is gone, no longer publishable or blocked by the review;
 * else to groups or to members (which may stop at the deadline and leave the entry pending).
 */
export async function dispatchEntry(deps: CalendarDeps, library: ContentLibrary, entry: CalendarDoc, deadlineMs: number): Promise<void> {
  const entries = calendarEntries(deps);
  const item = await library.get(entry.itemId).catch(() => null);
  const nowMs = deps.clock.nowMs();
  if (!item || !isPublishable(item, entry.date)) {
    await entries.updateOne({ _id: entry._id, status: 'pending' }, { $set: { status: 'cancelled', skippedReason: item ? 'item_not_publishable' : 'item_missing', dispatchedAtMs: nowMs } });
    return;
  }
  const text = contentText(item);
  const blocked = blockedByReview(text);
  if (blocked) {
    await entries.updateOne({ _id: entry._id, status: 'pending' }, { $set: { status: 'cancelled', skippedReason: 'review_blocked', reviewRules: blocked.map((b) => b.ruleId), dispatchedAtMs: nowMs } });
    await deps.audit.append({ actor: { kind: 'system', id: 'outbound-review' }, action: 'content.review_blocked', outcome: 'done', meta: { entryId: entry._id, itemId: entry.itemId, rules: blocked.map((b) => b.ruleId).join(',') } });
    return;
  }
  if (entry.target === 'groups') {
    const counts = await toGroups(deps, entry, renderText(text));
    await entries.updateOne({ _id: entry._id, status: 'pending' }, { $set: { status: 'dispatched', dispatchedAtMs: nowMs, counts } });
    return;
  }
  const counts = await toMembers(deps, entry, text, item.audience, deadlineMs);
  if (!counts) return;
  await entries.updateOne({ _id: entry._id, status: 'pending' }, { $set: { status: 'dispatched', dispatchedAtMs: deps.clock.nowMs(), counts }, $unset: { progress: true } });
}
