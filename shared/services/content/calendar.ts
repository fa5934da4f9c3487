import { contentText, type CalendarEntry } from '../../domain/content/calendar';
import { isPublishable, UNREVIEWED } from '../../domain/content/items';
import { isQuietHour } from '../../domain/reminders/quiet-hours';
import { shanghaiInstant } from '../../domain/reminders/shanghai-time';
import { ConflictError, DuplicateKeyError, NotFoundError, ValidationError } from '../../errors';
import type { AuditActor } from '../../ports/audit-log';
import { parseInput } from '../../validation';
import { blockedByReview, calendarEntries, type CalendarDeps, type CalendarDoc } from './calendar-doc';
import { dispatchEntry } from './calendar-sending';
import type { ContentLibrary } from './library';
import { CalendarEntrySchema } from './schemas';

export { CONTENT_CALENDAR, CONTENT_GROUP_SENDS, type CalendarDeps, type CalendarDoc } from './calendar-doc';

const calendarId = (e: Pick<CalendarEntry, 'itemId' | 'date' | 'target'>) => `cal_${e.itemId}_${e.date}_${e.target}`;
const DUE_LIMIT = 20;
/** Part of the minute tick the calendar may use before the reminders go out. */
const DEFAULT_BUDGET_MS = 15_000;

/** Puts an item on the calendar; the same (item, day, target) again is the same entry. */
async function scheduleEntry(deps: CalendarDeps, library: ContentLibrary, raw: unknown, actor: AuditActor): Promise<{ entry: CalendarDoc; created: boolean }> {
  const entries = calendarEntries(deps);
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
}

/** Takes a pending entry off the calendar; a sent or cancelled one answers 409 `entry_final`. */
async function cancelEntry(deps: CalendarDeps, id: string, actor: AuditActor): Promise<CalendarDoc> {
  const entries = calendarEntries(deps);
  const { matched } = await entries.updateOne({ _id: id, status: 'pending' }, { $set: { status: 'cancelled', skippedReason: 'cancelled' } });
  const doc = await entries.get(id);
  if (!doc) throw new NotFoundError('calendar entry');
  if (!matched) throw new ConflictError('entry_final', `the entry is already ${doc.status}`);
  await deps.audit.append({ actor, action: 'content.unscheduled', outcome: 'done', meta: { entryId: id } });
  return doc;
}

/**
 * Timer step: entries whose time has come, within `budgetMs` (checked after each page of members
 * and each entry). An entry cut short or a crash leaves it pending; the next run goes on after the
 * last finished page and creates only what is missing.
 */
async function runDue(deps: CalendarDeps, library: ContentLibrary, opts: { budgetMs?: number }): Promise<{ dispatched: number }> {
  const entries = calendarEntries(deps);
  // Wall time, not the injectable clock: the budget is about this invocation's time limit.
  const deadlineMs = Date.now() + (opts.budgetMs ?? DEFAULT_BUDGET_MS);
  const due = await entries.find({ status: 'pending', dueAtMs: { $lte: deps.clock.nowMs() } }, { sort: { dueAtMs: 1 }, limit: DUE_LIMIT });
  let dispatched = 0;
  for (const entry of due) {
    await dispatchEntry(deps, library, entry, deadlineMs);
    if ((await entries.get(entry._id))?.status === 'dispatched') dispatched += 1;
    if (Date.now() >= deadlineMs) break;
  }
  return { dispatched };
}

/**
 * The content calendar: ops put a library item on a day; at its time the timer sends it. To members
 * through the reminder path — one reminder per (item, member, day), created under that idempotency key,
 * so the daily cap, quiet hours, duplicate window and outbound review apply as to any reminder and a
 * rerun sends nothing twice. To customer groups through WeCom's group mass-send, which each sender
 * confirms in the client; a sender's task is claimed before the call and never made twice
 * (calendar-sending.ts). `library`: the content library the function's composition root built (the
 * calendar reads its items).
 */
export function createContentCalendar(deps: CalendarDeps, library: ContentLibrary) {
  return {
    /** Puts an item on the calendar; the same (item, day, target) again is the same entry. */
    schedule: (raw: unknown, actor: AuditActor) => scheduleEntry(deps, library, raw, actor),
    cancel: (id: string, actor: AuditActor) => cancelEntry(deps, id, actor),

    async list(filter: { fromMs?: number } = {}) {
      return calendarEntries(deps).find(filter.fromMs !== undefined ? { dueAtMs: { $gte: filter.fromMs } } : {}, { sort: { dueAtMs: 1, _id: 1 }, limit: 500 });
    },

    /**
     * Timer step: entries whose time has come, within `budgetMs` (checked after each page of members
     * and each entry); see runDue.
     */
    runDue: (opts: { budgetMs?: number } = {}) => runDue(deps, library, opts),
  };
}

export type ContentCalendar = ReturnType<typeof createContentCalendar>;
