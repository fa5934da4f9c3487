/**
 * The content calendar: which item goes out on which Shanghai day and time, to whom. Members are
 * reached one by one through the reminder path (its daily cap, quiet hours and duplicate window
 * apply); customer groups through WeCom's group mass-send, which each sender confirms in the client.
 */
export const CALENDAR_TARGETS = ['members', 'groups'] as const;
export type CalendarTarget = (typeof CALENDAR_TARGETS)[number];

export type CalendarStatus = 'pending' | 'dispatched' | 'cancelled';

export interface CalendarEntry {
  id: string;
  itemId: string;
  /** Shanghai calendar day "YYYY-MM-DD" and wall-clock time "HH:mm". */
  date: string;
  time: string;
  target: CalendarTarget;
  /** groups: the staff userids whose customer groups receive it (each confirms their own task). */
  senders?: string[];
}

/**
 * One reminder per (item, member, day): the idempotency key a replayed or concurrent calendar run
 * reuses, so the member gets the item once whatever happens to the run.
 */
export const contentReminderKey = (itemId: string, memberId: string, date: string): string => `content:${itemId}:${memberId}:${date}`;

/** The text a member or group receives: the item with its source named (members can weigh where advice comes from). */
export function contentText(item: { title: string; body: string; source: string }): { title: string; content: string } {
  return { title: item.title, content: `${item.body}\n（来源：${item.source}）` };
}
