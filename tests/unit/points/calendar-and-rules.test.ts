import { describe, expect, it } from 'vitest';
import { EARNING_RULES } from '../../../shared/domain/points/earning-rules';
import { RIGHTS } from '../../../shared/domain/points/rights-catalogue';
import { expiryAfterMonths, lastValidDay } from '../../../shared/domain/points/shanghai-calendar';
import { shanghaiDayKey, shanghaiMonthKey, shanghaiYearKey } from '../../../shared/domain/reminders/shanghai-time';
import { activeDaysInMonth, qualifiesForMonthlyStreak } from '../../../shared/domain/points/streak';
import { canTransition } from '../../../shared/domain/points/fulfilment';

const at = (iso: string) => Date.parse(iso);

describe('Shanghai calendar keys', () => {
  it('uses the Shanghai date, not the UTC date, around midnight', () => {
    // 2026-03-31 16:30 UTC is already 1 April 00:30 in Shanghai.
    expect(shanghaiDayKey(at('2026-03-31T16:30:00Z'))).toBe('2026-04-01');
    expect(shanghaiDayKey(at('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
    expect(shanghaiMonthKey(at('2026-03-31T16:30:00Z'))).toBe('2026-04');
    expect(shanghaiYearKey(at('2025-12-31T16:00:00Z'))).toBe('2026');
  });

  it('keeps UTC midnight on the Shanghai day it falls in, and turns the month and year at 16:00 UTC', () => {
    // 00:00 UTC is 08:00 the same day in Shanghai: a UTC date change moves no key.
    expect(shanghaiDayKey(at('2026-02-28T23:59:59.999Z'))).toBe('2026-03-01');
    expect(shanghaiDayKey(at('2026-03-01T00:00:00Z'))).toBe('2026-03-01');
    expect(shanghaiMonthKey(at('2026-03-01T00:00:00Z'))).toBe('2026-03');
    // The last millisecond of February in Shanghai, then the first of March.
    expect([shanghaiDayKey(at('2026-02-28T15:59:59.999Z')), shanghaiMonthKey(at('2026-02-28T15:59:59.999Z'))]).toEqual(['2026-02-28', '2026-02']);
    expect([shanghaiDayKey(at('2026-02-28T16:00:00Z')), shanghaiMonthKey(at('2026-02-28T16:00:00Z'))]).toEqual(['2026-03-01', '2026-03']);
    expect([shanghaiMonthKey(at('2025-12-31T15:59:59.999Z')), shanghaiYearKey(at('2025-12-31T15:59:59.999Z'))]).toEqual(['2025-12', '2025']);
    expect([shanghaiMonthKey(at('2025-12-31T16:00:00Z')), shanghaiYearKey(at('2025-12-31T16:00:00Z'))]).toEqual(['2026-01', '2026']);
    // Points earned in the last Shanghai millisecond of a month expire a month earlier than those a millisecond later.
    expect(expiryAfterMonths(at('2026-01-31T15:59:59.999Z'), 1)).toBe(at('2026-03-01T00:00:00+08:00'));
    expect(expiryAfterMonths(at('2026-01-31T16:00:00Z'), 1)).toBe(at('2026-04-01T00:00:00+08:00'));
  });

  it('expires points at the end of the 12th month after the month of earning', () => {
    const earned = at('2025-03-15T10:00:00+08:00');
    const expires = expiryAfterMonths(earned, 12);
    expect(expires).toBe(at('2026-04-01T00:00:00+08:00'));
    expect(lastValidDay(expires)).toBe('2026-03-31');
  });

  it('counts the month of earning by Shanghai time and rolls over the year', () => {
    // 31 Jan 20:00 UTC is 1 Feb in Shanghai: the points belong to February.
    expect(lastValidDay(expiryAfterMonths(at('2025-01-31T20:00:00Z'), 12))).toBe('2026-02-28');
    expect(lastValidDay(expiryAfterMonths(at('2025-12-01T00:00:00+08:00'), 12))).toBe('2026-12-31');
    expect(lastValidDay(expiryAfterMonths(at('2025-12-01T00:00:00+08:00'), 1))).toBe('2026-01-31');
  });
});

describe('earning rules and rights as data', () => {
  it('every rule awards positive points, has at least one cap and a positive expiry', () => {
    for (const rule of Object.values(EARNING_RULES)) {
      expect(rule.points).toBeGreaterThan(0);
      expect(Object.keys(rule.caps).length).toBeGreaterThan(0);
      expect(rule.expiryMonths).toBeGreaterThan(0);
    }
  });

  it('every right can be obtained somehow and has stock', () => {
    for (const right of Object.values(RIGHTS)) {
      const free = Object.values(right.freePerYear as Record<string, number>).some((n) => n > 0);
      expect(right.pointsPrice !== null || free).toBe(true);
      expect(right.initialStock).toBeGreaterThan(0);
    }
  });
});

describe('monthly streak', () => {
  it('counts distinct Shanghai days in the month, not activities', () => {
    const base = at('2026-03-01T09:00:00+08:00');
    const days = Array.from({ length: 20 }, (_, i) => base + i * 86_400_000);
    expect(qualifiesForMonthlyStreak(days, '2026-03')).toBe(true);
    const sameDayTwice = [...days.slice(0, 19), days[0] as number];
    expect(activeDaysInMonth(sameDayTwice, '2026-03')).toBe(19);
    expect(qualifiesForMonthlyStreak(sameDayTwice, '2026-03')).toBe(false);
    // 23:30 Shanghai on 31 March is still March.
    expect(activeDaysInMonth([at('2026-03-31T23:30:00+08:00')], '2026-03')).toBe(1);
  });
});

describe('fulfilment lifecycle', () => {
  it('allows reserved → booked → fulfilled and cancellation only before fulfilment', () => {
    expect(canTransition('reserved', 'booked')).toBe(true);
    expect(canTransition('booked', 'fulfilled')).toBe(true);
    expect(canTransition('booked', 'cancelling')).toBe(true);
    expect(canTransition('fulfilled', 'cancelling')).toBe(false);
    expect(canTransition('reserved', 'fulfilled')).toBe(false);
    expect(canTransition('cancelled', 'reserved')).toBe(false);
  });
});
