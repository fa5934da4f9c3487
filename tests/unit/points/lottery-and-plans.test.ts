import { describe, expect, it } from 'vitest';
import { planActivity, emptyActivityState, signupStatus, type ActivityState } from '../../../shared/domain/points/activity';
import { drawWinners, verifyLottery } from '../../../shared/domain/points/lottery';
import { mulberry32 } from '../../../shared/domain/seeded-random';
import { emptyStockState, planStock } from '../../../shared/domain/points/stock';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `member-${String(i).padStart(3, '0')}`);
const actor = { kind: 'staff', id: 's', role: 'rights_consultant' } as const;

describe('lottery', () => {
  it('is reproducible from the seed and independent of the order attendees arrive in', () => {
    const attendees = ids(40);
    const shuffled = [...attendees].reverse();
    expect(drawWinners(shuffled, 12345, 5)).toEqual(drawWinners(attendees, 12345, 5));
    expect(drawWinners(attendees, 12345, 5)).not.toEqual(drawWinners(attendees, 54321, 5));
  });

  it('picks distinct attendees only, and everyone when there are fewer than prizes', () => {
    const attendees = ids(10);
    const winners = drawWinners([...attendees, 'member-001'], 7, 6);
    expect(new Set(winners).size).toBe(6);
    for (const w of winners) expect(attendees).toContain(w);
    expect(drawWinners(attendees, 7, 50).sort()).toEqual(attendees);
  });

  it('gives every attendee about the same chance over many seeds', () => {
    const attendees = ids(10);
    const wins = new Map<string, number>(attendees.map((a) => [a, 0]));
    const draws = 20_000;
    for (let seed = 0; seed < draws; seed++) {
      for (const w of drawWinners(attendees, seed, 2)) wins.set(w, (wins.get(w) ?? 0) + 1);
    }
    const expected = (draws * 2) / attendees.length;
    const chiSquare = [...wins.values()].reduce((s, n) => s + (n - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: p = 0.001 at 27.9.
    expect(chiSquare).toBeLessThan(27.9);
  });

  it('produces uniform-looking floats in [0, 1)', () => {
    const rand = mulberry32(99);
    const xs = Array.from({ length: 10_000 }, rand);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it('detects a record whose winners were altered', () => {
    const attendees = ids(8);
    const record = { seed: 42, attendees, winnerCount: 3, winners: drawWinners(attendees, 42, 3) };
    expect(verifyLottery(record)).toBe(true);
    const loser = attendees.find((a) => !record.winners.includes(a)) as string;
    expect(verifyLottery({ ...record, winners: [loser, ...record.winners.slice(1)] })).toBe(false);
  });
});

describe('activity seats', () => {
  const ctx = { activityId: 'a1', capacity: 2, atMs: 1, actor };
  const open = (): ActivityState => {
    const p = planActivity(emptyActivityState(), { type: 'signup', memberId: 'x' }, ctx);
    if (p.kind !== 'housekeeping') throw new Error('expected the open entry first');
    return p.after;
  };

  it('opens the stream with the capacity, then refuses a sign-up beyond it', () => {
    let state = open();
    expect(state).toMatchObject({ opened: true, capacity: 2 });
    for (const m of ['a', 'b']) {
      const p = planActivity(state, { type: 'signup', memberId: m }, ctx);
      if (p.kind === 'reject') throw new Error('unexpected reject');
      state = p.after;
    }
    expect(planActivity(state, { type: 'signup', memberId: 'c' }, ctx)).toEqual({ kind: 'reject', code: 'activity_full' });
  });

  it('refuses check-in without a seat and a draw over a stale attendee list', () => {
    const state = { ...open(), signedUp: 1, checkedIn: 1 };
    expect(planActivity(state, { type: 'checkin', memberId: 'z', signedUp: false }, ctx)).toEqual({ kind: 'reject', code: 'not_signed_up' });
    expect(planActivity(state, { type: 'lottery', attendees: [], winnerCount: 1, seed: 1 }, ctx)).toEqual({
      kind: 'reject',
      code: 'attendees_changed',
    });
  });
});

describe("a member's standing in an activity", () => {
  const lottery = { seed: 1, attendees: ['m1', 'm2'], winnerCount: 1, winners: ['m1'] };
  it('is signed up until check-in closes, then absent; checked in until the draw, then won or not', () => {
    expect(signupStatus({ memberId: 'm1', checkedIn: false, checkInClosed: false })).toBe('signed_up');
    expect(signupStatus({ memberId: 'm1', checkedIn: false, checkInClosed: true })).toBe('absent');
    expect(signupStatus({ memberId: 'm3', checkedIn: false, checkInClosed: true, lottery })).toBe('absent');
    expect(signupStatus({ memberId: 'm1', checkedIn: true, checkInClosed: false })).toBe('checked_in');
    expect(signupStatus({ memberId: 'm1', checkedIn: true, checkInClosed: true, lottery })).toBe('won');
    expect(signupStatus({ memberId: 'm2', checkedIn: true, checkInClosed: false, lottery })).toBe('not_won');
  });
});

describe('stock', () => {
  it('seeds from the catalogue first and records running out as a refusal', () => {
    const ctx = { rightId: 'green_channel', initialStock: 1, atMs: 1, actor };
    const seed = planStock(emptyStockState(), { type: 'reserve', redemptionId: 'r1' }, ctx);
    expect(seed.kind).toBe('housekeeping');
    const first = planStock(seed.after, { type: 'reserve', redemptionId: 'r1' }, ctx);
    expect(first.effect.status).toBe('applied');
    const second = planStock(first.after, { type: 'reserve', redemptionId: 'r2' }, ctx);
    expect(second.effect).toMatchObject({ status: 'refused', refusedCode: 'out_of_stock', delta: 0 });
    const released = planStock(first.after, { type: 'release', redemptionId: 'r1' }, ctx);
    expect(released.after).toEqual({ seeded: true, total: 1, available: 1, reserved: 0 });
  });
});
