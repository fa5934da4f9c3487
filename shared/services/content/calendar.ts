import { contentReminderKey, contentText, type CalendarEntry, type CalendarStatus } from '../../domain/content/calendar';
import { isPublishable, matchesAudience, UNREVIEWED } from '../../domain/content/items';
import { isQuietHour } from '../../domain/reminders/quiet-hours';
import { shanghaiInstant } from '../../domain/reminders/shanghai-time';
import { AppError, ConflictError, DuplicateKeyError, NotFoundError, ValidationError } from '../../errors';
import type { AuditActor } from '../../ports/audit-log';
import type { Doc } from '../../ports/document-store';
import type { AppDeps } from '../../runtime/deps';
import { parseInput } from '../../validation';
import { MEMBERS, type Member } from '../members/member';
import { renderText } from '../reminders/content';
import { evaluateRules, ruleById } from '../../domain/review';
import { createReminder } from '../reminders/creation';
import { stoppedKindByMember } from '../reminders/member-controls';
import type { ContentLibrary } from './library';
import { CalendarEntrySchema } from './schemas';

export const CONTENT_CALENDAR = 'content_calendar';
/** One document per (calendar entry, sender) of a group mass-send: the at-most-once claim on add_msg_template. */
export const CONTENT_GROUP_SENDS = 'content_group_sends';

export interface CalendarDoc extends Doc, Omit<CalendarEntry, 'id'> {
  dueAtMs: number;
  status: CalendarStatus;
  createdAtMs: number;
  createdBy: string;
  dispatchedAtMs?: number;
  /** members: reminders created (new) and members matched; groups: mass tasks created. */
  counts?: { matched: number; created: number };
  /** A members entry part-way: the last member id of the last finished page, and the counts so far. */
  progress?: { afterMemberId: string; matched: number; created: number };
  skippedReason?: string;
  /** The review rules that blocked the item's text at dispatch (skippedReason `review_blocked`). */
  reviewRules?: string[];
}

interface GroupSendDoc extends Doc {
  entryId: string;
  sender: string;
  status: 'claimed' | 'created' | 'failed';
  atMs: number;
  msgid?: string;
  code?: string;
}

export type CalendarDeps = Pick<AppDeps, 'store' | 'clock' | 'members' | 'cipher' | 'audit' | 'log' | 'wecom'>;

/**
 * The outbound review's rules (shared/domain/review) read a library text once for everyone it goes to: a
 * text they block is refused at scheduling (409 naming each rule and why, so ops correct the item) and,
 * when an item was edited after scheduling, not sent at dispatch. Member reminders pass the review step
 * again at sending; group mass-sends have no member and no other gate, so this is theirs.
 */
function blockedByReview(text: { title: string; content: string }): { ruleId: string; excerpt: string; explanationZh: string }[] | null {
  const verdict = evaluateRules(renderText(text));
  if (verdict.verdict !== 'block') return null;
  return verdict.hits.filter((h) => h.action === 'block').map((h) => ({ ruleId: h.ruleId, excerpt: h.excerpt, explanationZh: ruleById(h.ruleId)?.explanationZh ?? '' }));
}

const calendarId = (e: Pick<CalendarEntry, 'itemId' | 'date' | 'target'>) => `cal_${e.itemId}_${e.date}_${e.target}`;
const DUE_LIMIT = 20;
const MEMBER_PAGE = 500;
/** Part of the minute tick the calendar may use before the reminders go out. */
const DEFAULT_BUDGET_MS = 15_000;

/**
 * The content calendar: ops put a library item on a day; at its time the timer sends it. To members
 * through the reminder path — one reminder per (item, member, day), created under that idempotency key,
 * so the daily cap, quiet hours, duplicate window and outbound review apply as to any reminder and a
 * rerun sends nothing twice. To customer groups through WeCom's group mass-send, which each sender
 * confirms in the client; a sender's task is claimed before the call and never made twice. `library`:
 * the content library the function's composition root built (the calendar reads its items).
 */
export function createContentCalendar(deps: CalendarDeps, library: ContentLibrary) {
  const entries = deps.store.collection<CalendarDoc>(CONTENT_CALENDAR);
  const groupSends = deps.store.collection<GroupSendDoc>(CONTENT_GROUP_SENDS);

  /** A member who stopped 健康知识 in 「我的提醒」 gets no more of it (stopping cancels the kind's reminders: member-controls.ts). */
  const stoppedContent = (memberId: string) => stoppedKindByMember(deps, memberId, 'health_content');

  /**
   * Members page by page in id order; after each page the entry remembers where it got to, so a run
   * that reaches its deadline (or crashes) is taken up by the next tick after the last finished page
   * instead of walking every member again. Null when the deadline stopped it, or when the entry is no
   * longer pending after a page (cancelled mid-way: the pages already done stay, no more are made).
   */
  async function toMembers(entry: CalendarDoc, text: { title: string; content: string }, audience: Parameters<typeof matchesAudience>[0], deadlineMs: number): Promise<{ matched: number; created: number } | null> {
    const startAtMs = Math.max(entry.dueAtMs, deps.clock.nowMs());
    let { afterMemberId, matched, created } = entry.progress ?? { afterMemberId: '', matched: 0, created: 0 };
    for (;;) {
      const page = await deps.store.collection<Member>(MEMBERS).find({ status: 'active', _id: { $gt: afterMemberId } }, { sort: { _id: 1 }, limit: MEMBER_PAGE });
      for (const m of page) {
        if (!matchesAudience(audience, { ...(m.tier && { tier: m.tier }), tagCodes: (m.tags ?? []).map((t) => t.code) })) continue;
        if (await stoppedContent(m._id)) continue;
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
      const still = await entries.updateOne({ _id: entry._id, status: 'pending' }, { $set: { progress: { afterMemberId, matched, created } } });
      if (still.matched === 0) return null;
      if (Date.now() >= deadlineMs) return null;
    }
  }

  async function toGroups(entry: CalendarDoc, rendered: string) {
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

  async function dispatch(entry: CalendarDoc, deadlineMs: number): Promise<void> {
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
      const counts = await toGroups(entry, renderText(text));
      await entries.updateOne({ _id: entry._id, status: 'pending' }, { $set: { status: 'dispatched', dispatchedAtMs: nowMs, counts } });
      return;
    }
    const counts = await toMembers(entry, text, item.audience, deadlineMs);
    if (!counts) return;
    await entries.updateOne({ _id: entry._id, status: 'pending' }, { $set: { status: 'dispatched', dispatchedAtMs: deps.clock.nowMs(), counts }, $unset: { progress: true } });
  }

  return {
    /** Puts an item on the calendar; the same (item, day, target) again is the same entry. */
    async schedule(raw: unknown, actor: AuditActor): Promise<{ entry: CalendarDoc; created: boolean }> {
      const input = parseInput(CalendarEntrySchema, raw, 'calendar entry');
      const item = await library.get(input.itemId);
      if (!isPublishable(item, input.date)) {
        const reason = item.reviewer === UNREVIEWED ? 'it has not been reviewed (reviewer is 待审核)' : `it is not valid on ${input.date}`;
        throw new ConflictError('item_not_publishable', `item ${item.id} cannot be scheduled: ${reason}`);
      }
      const blocked = blockedByReview(contentText(item));
      if (blocked) {
        throw new ConflictError('content_blocked_by_review', `item ${item.id} cannot be scheduled: the outbound review blocks its wording (${blocked.map((b) => b.ruleId).join(', ')})`, { rules: blocked });
      }
      const [y, mo, d] = input.date.split('-').map(Number) as [number, number, number];
      const [hh, mm] = input.time.split(':').map(Number) as [number, number];
      const dueAtMs = shanghaiInstant(y, mo, d, hh, mm);
      if (input.target === 'groups' && isQuietHour(dueAtMs)) {
        throw new ValidationError('invalid calendar entry: time is inside quiet hours', [{ field: 'time', message: 'group mass-sends go out between 08:00 and 21:30 (Asia/Shanghai)' }]);
      }
      const nowMs = deps.clock.nowMs();
      const doc: CalendarDoc = { _id: calendarId(input), ...input, dueAtMs, status: 'pending', createdAtMs: nowMs, createdBy: actor.id };
      try {
        await entries.insert(doc);
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        return { entry: (await entries.get(doc._id)) as CalendarDoc, created: false };
      }
      await deps.audit.append({ actor, action: 'content.scheduled', outcome: 'done', meta: { entryId: doc._id, itemId: input.itemId, target: input.target } });
      return { entry: doc, created: true };
    },

    async cancel(id: string, actor: AuditActor): Promise<CalendarDoc> {
      const { matched } = await entries.updateOne({ _id: id, status: 'pending' }, { $set: { status: 'cancelled', skippedReason: 'cancelled' } });
      const doc = await entries.get(id);
      if (!doc) throw new NotFoundError('calendar entry');
      if (!matched) throw new ConflictError('entry_final', `the entry is already ${doc.status}`);
      await deps.audit.append({ actor, action: 'content.unscheduled', outcome: 'done', meta: { entryId: id } });
      return doc;
    },

    async list(filter: { fromMs?: number } = {}) {
      return entries.find(filter.fromMs !== undefined ? { dueAtMs: { $gte: filter.fromMs } } : {}, { sort: { dueAtMs: 1, _id: 1 }, limit: 500 });
    },

    /**
     * Timer step: entries whose time has come, within `budgetMs` (checked after each page of members
     * and each entry). An entry cut short or a crash leaves it pending; the next run goes on after the
     * last finished page and creates only what is missing.
     */
    async runDue(opts: { budgetMs?: number } = {}): Promise<{ dispatched: number }> {
      // Wall time, not the injectable clock: the budget is about this invocation's time limit.
      const deadlineMs = Date.now() + (opts.budgetMs ?? DEFAULT_BUDGET_MS);
      const due = await entries.find({ status: 'pending', dueAtMs: { $lte: deps.clock.nowMs() } }, { sort: { dueAtMs: 1 }, limit: DUE_LIMIT });
      let dispatched = 0;
      for (const entry of due) {
        await dispatch(entry, deadlineMs);
        if ((await entries.get(entry._id))?.status === 'dispatched') dispatched += 1;
        if (Date.now() >= deadlineMs) break;
      }
      return { dispatched };
    },
  };
}

export type ContentCalendar = ReturnType<typeof createContentCalendar>;
