import { describe, expect, it } from 'vitest';
import {
  applyQuietHours,
  isQuietHour,
  isQuietHoursExempt,
  shanghaiDayKey,
  startOfShanghaiDay,
} from '../../../shared/domain/reminders';

const sh = (local: string): number => Date.parse(`${local}+08:00`);

describe('quiet hours 21:30–08:00 Asia/Shanghai', () => {
  it.each([
    ['2026-03-10T21:29', '2026-03-10T21:29'],
    ['2026-03-10T08:00', '2026-03-10T08:00'],
    ['2026-03-10T12:00', '2026-03-10T12:00'],
  ])('allows %s', (due, expected) => {
    expect(applyQuietHours(sh(due), { exempt: false })).toBe(sh(expected));
  });

  it('allows 21:29:59.999 and defers 21:30:00.000', () => {
    expect(applyQuietHours(sh('2026-03-10T21:29:59.999'), { exempt: false })).toBe(sh('2026-03-10T21:29:59.999'));
    expect(applyQuietHours(sh('2026-03-10T21:30'), { exempt: false })).toBe(sh('2026-03-11T08:00'));
  });

  it.each([
    ['2026-03-10T23:59', '2026-03-11T08:00'],
    ['2026-03-11T00:00', '2026-03-11T08:00'],
    ['2026-03-11T03:15', '2026-03-11T08:00'],
    ['2026-03-11T07:59', '2026-03-11T08:00'],
    ['2026-03-11T07:59:59.999', '2026-03-11T08:00'],
  ])('defers %s to %s', (due, expected) => {
    expect(applyQuietHours(sh(due), { exempt: false })).toBe(sh(expected));
  });

  it('judges by Shanghai time, not UTC: 13:30Z is 21:30 in Shanghai', () => {
    expect(isQuietHour(Date.parse('2026-03-10T13:29:00Z'))).toBe(false);
    expect(isQuietHour(Date.parse('2026-03-10T13:30:00Z'))).toBe(true);
    // 23:59Z on the 10th is 07:59 on the 11th in Shanghai; 00:00Z is 08:00.
    expect(isQuietHour(Date.parse('2026-03-10T23:59:00Z'))).toBe(true);
    expect(isQuietHour(Date.parse('2026-03-11T00:00:00Z'))).toBe(false);
  });

  it('defers across the month and year end', () => {
    expect(applyQuietHours(sh('2026-12-31T22:00'), { exempt: false })).toBe(sh('2027-01-01T08:00'));
    expect(applyQuietHours(sh('2026-02-28T21:45'), { exempt: false })).toBe(sh('2026-03-01T08:00'));
  });

  it('leaves exempt pushes at night untouched', () => {
    expect(applyQuietHours(sh('2026-03-10T23:00'), { exempt: true })).toBe(sh('2026-03-10T23:00'));
  });

  it('accepts a custom window', () => {
    const window = { start: { hour: 22, minute: 0 }, end: { hour: 7, minute: 30 } };
    expect(applyQuietHours(sh('2026-03-10T21:45'), { exempt: false, window })).toBe(sh('2026-03-10T21:45'));
    expect(applyQuietHours(sh('2026-03-11T07:00'), { exempt: false, window })).toBe(sh('2026-03-11T07:30'));
  });

  it('exempts emergencies and SLA escalations, not routine reminders', () => {
    expect(isQuietHoursExempt({ kind: 'sla_escalation' })).toBe(true);
    expect(isQuietHoursExempt({ kind: 'medication', emergency: true })).toBe(true);
    expect(isQuietHoursExempt({ kind: 'medication' })).toBe(false);
    expect(isQuietHoursExempt({ kind: 'staff_follow_up' })).toBe(false);
  });
});

describe('Shanghai calendar day', () => {
  it('rolls over at 16:00 UTC', () => {
    expect(shanghaiDayKey(Date.parse('2026-03-09T15:59:59.999Z'))).toBe('2026-03-09');
    expect(shanghaiDayKey(Date.parse('2026-03-09T16:00:00Z'))).toBe('2026-03-10');
    expect(startOfShanghaiDay(Date.parse('2026-03-10T03:00:00Z'))).toBe(Date.parse('2026-03-09T16:00:00Z'));
  });
});
