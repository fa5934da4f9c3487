import { RENEWAL } from './policy';
import { atLocalTime, localDayNumber } from './shanghai-time';

export type RenewalOffsetDays = (typeof RENEWAL.offsetsDays)[number];

export interface RenewalReminder {
  offsetDays: RenewalOffsetDays;
  atMs: number;
  audience: 'member' | 'insurance_consultant';
}

/**
 * Policy renewal reminders (docs/prd.md §2.4.3 保单到期提醒 / 续保服务支持): 30, 7 and 1 Shanghai calendar
 * day(s) before the expiry's local date, at 09:00 Shanghai, each for the member and for their
 * insurance consultant (who can prepare the renewal conversation). Reminders at or before `nowMs`
 * and any not strictly before the expiry instant are dropped. Sorted by time, member first.
 */
export function renewalReminders(expiryMs: number, nowMs: number): RenewalReminder[] {
  if (!Number.isFinite(expiryMs) || !Number.isFinite(nowMs)) throw new RangeError('expiryMs and nowMs must be epoch ms');
  const expiryDay = localDayNumber(expiryMs);
  const reminders: RenewalReminder[] = [];
  for (const offsetDays of RENEWAL.offsetsDays) {
    const atMs = atLocalTime(expiryDay - offsetDays, RENEWAL.localTime);
    if (atMs <= nowMs || atMs >= expiryMs) continue;
    reminders.push({ offsetDays, atMs, audience: 'member' }, { offsetDays, atMs, audience: 'insurance_consultant' });
  }
  return reminders.sort((a, b) => a.atMs - b.atMs);
}
