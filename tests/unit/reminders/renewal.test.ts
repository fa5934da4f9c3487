import { describe, expect, it } from 'vitest';
import { renewalReminders } from '../../../shared/domain/reminders';

const sh = (local: string): number => Date.parse(`${local}+08:00`);

describe('renewalReminders', () => {
  const expiry = sh('2026-06-30T23:59:59');

  it('30, 7 and 1 day(s) ahead at 09:00 Shanghai for the member and the insurance consultant', () => {
    expect(renewalReminders(expiry, sh('2026-05-01T00:00'))).toEqual([
      { offsetDays: 30, atMs: sh('2026-05-31T09:00'), audience: 'member' },
      { offsetDays: 30, atMs: sh('2026-05-31T09:00'), audience: 'insurance_consultant' },
      { offsetDays: 7, atMs: sh('2026-06-23T09:00'), audience: 'member' },
      { offsetDays: 7, atMs: sh('2026-06-23T09:00'), audience: 'insurance_consultant' },
      { offsetDays: 1, atMs: sh('2026-06-29T09:00'), audience: 'member' },
      { offsetDays: 1, atMs: sh('2026-06-29T09:00'), audience: 'insurance_consultant' },
    ]);
  });

  it('skips reminders already in the past', () => {
    expect(renewalReminders(expiry, sh('2026-06-25T12:00')).map((r) => r.offsetDays)).toEqual([1, 1]);
    expect(renewalReminders(expiry, sh('2026-06-29T09:00'))).toEqual([]);
    expect(renewalReminders(expiry, sh('2026-06-29T08:59')).map((r) => r.atMs)).toEqual([sh('2026-06-29T09:00'), sh('2026-06-29T09:00')]);
  });

  it('counts days on the Shanghai calendar across month ends', () => {
    const reminders = renewalReminders(sh('2026-03-01T12:00'), sh('2026-01-01T00:00')).filter((r) => r.audience === 'member');
    expect(reminders.map((r) => r.atMs)).toEqual([sh('2026-01-30T09:00'), sh('2026-02-22T09:00'), sh('2026-02-28T09:00')]);
  });

  it('uses the Shanghai date of the expiry instant, not its UTC date', () => {
    // 16:30Z on 30 June is 00:30 on 1 July in Shanghai, so "1 day before" is 30 June.
    const reminders = renewalReminders(Date.parse('2026-06-30T16:30:00Z'), sh('2026-06-01T00:00'));
    expect(reminders.find((r) => r.offsetDays === 1)?.atMs).toBe(sh('2026-06-30T09:00'));
  });

  it('returns nothing for a policy that has already expired', () => {
    expect(renewalReminders(sh('2026-01-01T00:00'), sh('2026-03-01T00:00'))).toEqual([]);
  });
});
