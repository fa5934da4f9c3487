import { mulberry32 } from '../seeded-random';

/*
 * A fair, reproducible draw: mulberry32 seeded with a recorded 32-bit seed, a partial
 * Fisher–Yates shuffle over the attendee ids sorted by code unit. Anyone holding the recorded
 * seed and attendee list can recompute the winners.
 */

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sorted, de-duplicated attendee ids: the canonical input of a draw. */
export const canonicalAttendees = (ids: readonly string[]): string[] => [...new Set(ids)].sort(byCodeUnit);

export function drawWinners(attendees: readonly string[], seed: number, count: number): string[] {
  const pool = canonicalAttendees(attendees);
  const k = Math.min(Math.max(0, Math.floor(count)), pool.length);
  const rand = mulberry32(seed);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (pool.length - i));
    const picked = pool[j] as string;
    pool[j] = pool[i] as string;
    pool[i] = picked;
  }
  return pool.slice(0, k);
}

export interface LotteryRecord {
  seed: number;
  attendees: string[];
  winnerCount: number;
  winners: string[];
}

/** True when the recorded winners are exactly what the recorded seed and attendees produce. */
export const verifyLottery = (r: LotteryRecord): boolean =>
  JSON.stringify(drawWinners(r.attendees, r.seed, r.winnerCount)) === JSON.stringify(r.winners);
