import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/errors';
import type { Recurrence } from '../../../shared/domain/schedule/recurrence';
import { firstOccurrence, nextOccurrence } from '../../../shared/domain/reminders';

/** Shanghai wall clock → epoch ms, written independently of the code under test. */
const sh = (local: string): number => Date.parse(`${local}+08:00`);
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Follows a recurrence `count` times from `startMs`, as the scheduler does. */
function chain(rec: Recurrence, startMs: number, count: number, anchorMs?: number): string[] {
  const out: string[] = [];
  let at = firstOccurrence(rec, startMs);
  for (let i = 0; i < count; i += 1) {
    out.push(new Date(at + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '));
    const next = nextOccurrence(rec, at, anchorMs ?? startMs);
    if (next === null) break;
    at = next;
  }
  return out;
}

describe('daily', () => {
  const rec: Recurrence = { type: 'daily', time: '08:00' };

  it('is strictly after the given instant', () => {
    expect(nextOccurrence(rec, sh('2026-03-10T07:59:59'))).toBe(sh('2026-03-10T08:00'));
    expect(nextOccurrence(rec, sh('2026-03-10T08:00'))).toBe(sh('2026-03-11T08:00'));
    expect(nextOccurrence(rec, sh('2026-03-10T09:00'))).toBe(sh('2026-03-11T08:00'));
  });

  it('07:00 Shanghai is 23:00 UTC on the previous UTC day', () => {
    const next = nextOccurrence({ type: 'daily', time: '07:00' }, Date.parse('2026-03-10T00:00:00Z'));
    expect(iso(next)).toBe('2026-03-10T23:00:00.000Z');
    // …which is the 11th in Shanghai: 08:00 Shanghai on the 10th (00:00Z) was already past 07:00.
    expect(next).toBe(sh('2026-03-11T07:00'));
  });

  it('uses the Shanghai date, not the UTC date, when UTC is still on the previous day', () => {
    // 2026-03-10T20:00Z is 04:00 on the 11th in Shanghai: today's 07:00 is still ahead.
    expect(nextOccurrence({ type: 'daily', time: '07:00' }, Date.parse('2026-03-10T20:00:00Z'))).toBe(sh('2026-03-11T07:00'));
  });

  it('crosses the year end', () => {
    expect(nextOccurrence({ type: 'daily', time: '23:30' }, sh('2026-12-31T23:30'))).toBe(sh('2027-01-01T23:30'));
  });
});

describe('weekly (ISO weekdays)', () => {
  // 2026-03-02 is a Monday.
  const rec: Recurrence = { type: 'weekly', days: [1, 3, 5], time: '20:00' };

  it('walks Mon → Wed → Fri → next Mon', () => {
    expect(chain(rec, sh('2026-03-02T00:00'), 5)).toEqual([
      '2026-03-02 20:00',
      '2026-03-04 20:00',
      '2026-03-06 20:00',
      '2026-03-09 20:00',
      '2026-03-11 20:00',
    ]);
  });

  it('skips to the next week once the last weekday has passed', () => {
    expect(nextOccurrence(rec, sh('2026-03-06T20:00'))).toBe(sh('2026-03-09T20:00'));
  });

  it('treats 7 as Sunday and crosses the year end', () => {
    expect(nextOccurrence({ type: 'weekly', days: [7], time: '09:00' }, sh('2026-03-07T12:00'))).toBe(sh('2026-03-08T09:00'));
    // 2026-12-31 is a Thursday; the next Monday is 2027-01-04.
    expect(nextOccurrence({ type: 'weekly', days: [1], time: '09:00' }, sh('2026-12-31T12:00'))).toBe(sh('2027-01-04T09:00'));
  });

  it('a single weekday whose time has passed today fires a week later', () => {
    expect(nextOccurrence({ type: 'weekly', days: [1], time: '08:00' }, sh('2026-03-02T08:00'))).toBe(sh('2026-03-09T08:00'));
  });
});

describe('every_n_days / every_n_weeks', () => {
  it('every 3 days counts from the anchor date', () => {
    const rec: Recurrence = { type: 'every_n_days', n: 3, time: '08:00' };
    const anchor = sh('2026-03-01T06:00');
    expect(nextOccurrence(rec, sh('2026-03-05T12:00'), anchor)).toBe(sh('2026-03-07T08:00'));
    expect(nextOccurrence(rec, sh('2026-03-07T08:00'), anchor)).toBe(sh('2026-03-10T08:00'));
    expect(nextOccurrence(rec, sh('2026-02-20T00:00'), anchor)).toBe(sh('2026-03-01T08:00'));
  });

  it('every 2 weeks stays on the anchor weekday and week parity', () => {
    const rec: Recurrence = { type: 'every_n_weeks', n: 2, time: '09:00' };
    const anchor = sh('2026-03-04T07:00'); // a Wednesday
    expect(nextOccurrence(rec, sh('2026-03-10T12:00'), anchor)).toBe(sh('2026-03-18T09:00'));
    expect(nextOccurrence(rec, sh('2026-03-18T09:00'), anchor)).toBe(sh('2026-04-01T09:00'));
    // Between cycles (the off week) it does not fire.
    expect(nextOccurrence(rec, sh('2026-03-19T00:00'), anchor)).toBe(sh('2026-04-01T09:00'));
    expect(chain(rec, anchor, 3)).toEqual(['2026-03-04 09:00', '2026-03-18 09:00', '2026-04-01 09:00']);
  });

  it('without an anchor the cycle starts at the previous occurrence', () => {
    const rec: Recurrence = { type: 'every_n_weeks', n: 3, time: '09:00' };
    expect(nextOccurrence(rec, sh('2026-03-04T09:00'))).toBe(sh('2026-03-25T09:00'));
  });
});

describe('monthly (day clamped to the month end)', () => {
  it('31 → 28 Feb → 31 Mar → 30 Apr without drifting', () => {
    expect(chain({ type: 'monthly', day: 31, time: '09:00' }, sh('2026-01-31T09:00'), 5)).toEqual([
      '2026-01-31 09:00',
      '2026-02-28 09:00',
      '2026-03-31 09:00',
      '2026-04-30 09:00',
      '2026-05-31 09:00',
    ]);
  });

  it('uses 29 Feb in a leap year', () => {
    expect(nextOccurrence({ type: 'monthly', day: 31, time: '09:00' }, sh('2028-01-31T09:00'))).toBe(sh('2028-02-29T09:00'));
    expect(nextOccurrence({ type: 'monthly', day: 30, time: '09:00' }, sh('2027-01-30T09:00'))).toBe(sh('2027-02-28T09:00'));
    expect(nextOccurrence({ type: 'monthly', day: 29, time: '09:00' }, sh('2028-02-01T00:00'))).toBe(sh('2028-02-29T09:00'));
  });

  it('crosses the year end', () => {
    expect(nextOccurrence({ type: 'monthly', day: 15, time: '10:00' }, sh('2026-12-20T00:00'))).toBe(sh('2027-01-15T10:00'));
  });

  it('fires later the same month when the day is still ahead', () => {
    expect(nextOccurrence({ type: 'monthly', day: 31, time: '09:00' }, sh('2026-03-05T00:00'))).toBe(sh('2026-03-31T09:00'));
  });
});

describe('once and firstOccurrence', () => {
  it('a one-off has no next occurrence and is due at its start', () => {
    expect(nextOccurrence({ type: 'once' }, sh('2026-03-10T09:00'))).toBeNull();
    expect(firstOccurrence({ type: 'once' }, sh('2026-03-10T09:00'))).toBe(sh('2026-03-10T09:00'));
  });

  it('the first occurrence may be the start itself but never before it', () => {
    expect(firstOccurrence({ type: 'daily', time: '08:00' }, sh('2026-03-10T08:00'))).toBe(sh('2026-03-10T08:00'));
    expect(firstOccurrence({ type: 'daily', time: '08:00' }, sh('2026-03-10T08:01'))).toBe(sh('2026-03-11T08:00'));
  });
});

describe('validation', () => {
  it.each(['8:00', '24:00', '08:60', '08:00:00', ' 08:00', '0800', 'ab:cd'])('rejects time %j', (time) => {
    expect(() => nextOccurrence({ type: 'daily', time: time as `${number}:${number}` }, 0)).toThrow(ValidationError);
  });

  it('accepts the edges 00:00 and 23:59', () => {
    expect(nextOccurrence({ type: 'daily', time: '00:00' }, sh('2026-03-10T12:00'))).toBe(sh('2026-03-11T00:00'));
    expect(nextOccurrence({ type: 'daily', time: '23:59' }, sh('2026-03-10T12:00'))).toBe(sh('2026-03-10T23:59'));
  });

  it.each<Recurrence>([
    { type: 'weekly', days: [], time: '08:00' },
    { type: 'weekly', days: [0], time: '08:00' },
    { type: 'weekly', days: [8], time: '08:00' },
    { type: 'every_n_days', n: 0, time: '08:00' },
    { type: 'every_n_weeks', n: 1.5, time: '08:00' },
    { type: 'monthly', day: 32, time: '08:00' },
    { type: 'monthly', day: 0, time: '08:00' },
  ])('rejects %j', (rec) => {
    expect(() => nextOccurrence(rec, 0)).toThrow(ValidationError);
  });

  it('names the offending field', () => {
    try {
      nextOccurrence({ type: 'weekly', days: [9], time: '08:00' }, 0);
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).details?.fields?.[0]?.field).toBe('recurrence.days');
    }
  });
});
