import { describe, expect, it } from 'vitest';
import { intakeFollowUp, NUDGE_OFFSETS_DAYS } from '../../../shared/domain/health/intake-follow-up';

const DAY = 86_400_000;
const JOINED = Date.UTC(2026, 0, 5, 2, 0, 0);
const at = (days: number) => JOINED + days * DAY;

describe('intakeFollowUp', () => {
  it('does nothing once the form is completed, even after three weeks', () => {
    expect(intakeFollowUp(JOINED, at(2), 1, at(2))).toEqual({ action: 'none', status: 'completed' });
    expect(intakeFollowUp(JOINED, at(30), 4, at(30))).toEqual({ action: 'none', status: 'completed' });
  });

  it('waits until the first nudge is due', () => {
    expect(intakeFollowUp(JOINED, null, 0, at(0.5))).toEqual({ action: 'wait', status: 'pending', nextCheckAtMs: at(1) });
  });

  it('walks through the nudges one at a time', () => {
    let sent = 0;
    const numbers: number[] = [];
    for (let hour = 0; hour < 21 * 24; hour++) {
      const d = intakeFollowUp(JOINED, null, sent, JOINED + hour * 3_600_000);
      if (d.action === 'nudge') {
        numbers.push(d.nudgeNumber);
        sent = d.nudgeNumber;
        expect(d.textZh).toMatch(/健康信息表/);
      }
    }
    expect(numbers).toEqual([1, 2, 3, 4]);
  });

  it('nudges less and less often', () => {
    const gaps = NUDGE_OFFSETS_DAYS.slice(1).map((d, i) => d - (NUDGE_OFFSETS_DAYS[i] ?? 0));
    expect(gaps).toEqual([...gaps].sort((a, b) => a - b));
    expect(new Set(gaps).size).toBeGreaterThan(1);
  });

  it('after a nudge, waits for the next slot', () => {
    expect(intakeFollowUp(JOINED, null, 1, at(2))).toEqual({ action: 'wait', status: 'pending', nextCheckAtMs: at(3) });
    expect(intakeFollowUp(JOINED, null, 4, at(15))).toEqual({ action: 'wait', status: 'pending', nextCheckAtMs: at(21) });
  });

  it('sends a single catch-up nudge when slots were missed', () => {
    const d = intakeFollowUp(JOINED, null, 0, at(8));
    expect(d).toMatchObject({ action: 'nudge', nudgeNumber: 3, nextCheckAtMs: at(14) });
    expect(intakeFollowUp(JOINED, null, 3, at(8))).toMatchObject({ action: 'wait' });
  });

  it('marks the member low-cooperation at three weeks without the form, and stops nudging', () => {
    expect(intakeFollowUp(JOINED, null, 4, at(21) - 1).action).toBe('wait');
    expect(intakeFollowUp(JOINED, null, 4, at(21))).toEqual({ action: 'mark_low_cooperation', status: 'low_cooperation' });
    expect(intakeFollowUp(JOINED, null, 0, at(40))).toEqual({ action: 'mark_low_cooperation', status: 'low_cooperation' });
  });
});
