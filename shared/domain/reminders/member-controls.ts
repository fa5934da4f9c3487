/**
 * What a member may do with their own reminders from 「我的提醒」 (web/member/reminders.tsx,
 * `/api/reminders/mine/*`). The welcome link travels in a card anyone may forward: with it, the
 * reminders that keep a chronic condition in hand may be paused (they come back by themselves after
 * the pause) but not stopped; the member's own login may stop them.
 */
export const PAUSE_ONLY_BY_LINK: ReadonlySet<string> = new Set(['medication', 'monitoring']);

export function mayStopKind(kind: string, credential: string): boolean {
  return credential !== 'member-link' || !PAUSE_ONLY_BY_LINK.has(kind);
}
