import type { Principal } from '../../domain/access/principal';
import { RateLimitedError, type CountInWindow } from './windows';

/**
 * What members may write (forms, readings, reports, redemptions, reminders, gap analyses). The
 * welcome link's token rides in a card anyone can forward, for 21 days: unlimited, 300 form posts in
 * 8 s left 300 profile versions and 3,600 reminder documents. A person fills the form a few times a
 * year and uploads a handful of readings a day; a device syncing a week of readings stays well under
 * the minute's allowance. Counted per member and credential: whoever holds a forwarded link cannot
 * use up what the member's own login may write. Per address: many members' tokens from one place (a
 * harvest) are bounded too, generous enough for a family or an office on one NAT.
 */
export const MEMBER_WRITE_LIMITS = { perMemberPerMinute: 60, perMemberPerDay: 300, perAddressPerMinute: 120 } as const;

const MINUTE_S = 60;
const DAY_S = 86_400;

type MemberPrincipal = Extract<Principal, { kind: 'member' }>;

/** The member and how they proved it: `member:<id>:<credential>`. */
export const memberCallerKey = (p: MemberPrincipal): string => `member:${p.memberId}:${p.credential ?? 'in-process'}`;

/**
 * Counts one write by the member (from `address`, when the caller has one: HTTP) and throws 429
 * `rate_limited` with the seconds to wait when a limit is passed. A refused write is counted by the
 * limit that refused it only, so a throttled address does not eat the member's day.
 */
export async function chargeMemberWrite(count: CountInWindow, member: MemberPrincipal, address?: string): Promise<void> {
  const L = MEMBER_WRITE_LIMITS;
  const who = memberCallerKey(member);
  const checks: [string, string, number, number][] = [
    ...(address ? [['member-writes-address', address, MINUTE_S, L.perAddressPerMinute] as [string, string, number, number]] : []),
    ['member-writes-minute', who, MINUTE_S, L.perMemberPerMinute],
    ['member-writes-day', who, DAY_S, L.perMemberPerDay],
  ];
  for (const [name, key, windowS, limit] of checks) {
    const { count: n, closesInS } = await count(name, key, windowS);
    if (n > limit) throw new RateLimitedError(closesInS);
  }
}
