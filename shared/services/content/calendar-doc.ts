import type { CalendarEntry, CalendarStatus } from '../../domain/content/calendar';
import { evaluateRules, ruleById } from '../../domain/review';
import type { Doc } from '../../ports/document-store';
import type { AppDeps } from '../../runtime/deps';
import { renderText } from '../reminders/content';

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

export interface GroupSendDoc extends Doc {
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
export function blockedByReview(text: { title: string; content: string }): { ruleId: string; excerpt: string; explanationZh: string }[] | null {
  const verdict = evaluateRules(renderText(text));
  if (verdict.verdict !== 'block') return null;
  return verdict.hits.filter((h) => h.action === 'block').map((h) => ({ ruleId: h.ruleId, excerpt: h.excerpt, explanationZh: ruleById(h.ruleId)?.explanationZh ?? '' }));
}

export const calendarEntries = (deps: Pick<CalendarDeps, 'store'>) => deps.store.collection<CalendarDoc>(CONTENT_CALENDAR);
