import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/errors';
import { ignoredGapDays, nextFollowUp, type FollowUpState } from '../../../shared/domain/reminders';

const sh = (local: string): number => Date.parse(`${local}+08:00`);
const DAY = 86_400_000;

describe('regular members: twice a month', () => {
  it('schedules 14 days later at 10:00 Shanghai', () => {
    const decision = nextFollowUp({ lastResponseAtMs: sh('2026-03-01T12:00'), ignoredCount: 0, startedIgnoringAtMs: null }, sh('2026-03-02T10:00:03'));
    expect(decision).toEqual({ action: 'schedule', atMs: sh('2026-03-16T10:00'), cadence: 'regular', gapDays: 14 });
  });

  it('a brand-new member with no history is regular', () => {
    const decision = nextFollowUp({ lastResponseAtMs: null, ignoredCount: 0, startedIgnoringAtMs: null }, sh('2026-03-02T16:00'));
    expect(decision).toMatchObject({ action: 'schedule', atMs: sh('2026-03-16T10:00') });
  });

  it('a reply after silence began returns the member to the regular cadence', () => {
    const state: FollowUpState = { lastResponseAtMs: sh('2026-03-17T20:00'), ignoredCount: 2, startedIgnoringAtMs: sh('2026-03-02T10:00') };
    expect(nextFollowUp(state, sh('2026-03-23T10:00'))).toMatchObject({ action: 'schedule', cadence: 'regular', gapDays: 14 });
  });
});

describe('members who ignore follow-ups', () => {
  it('gaps double from a week while ignored', () => {
    expect([0, 1, 2, 3, 4].map(ignoredGapDays)).toEqual([14, 7, 14, 28, 56]);
  });

  it('runs the seed-004 decay: day 0, 14, 21, then stop and flag at day 35', () => {
    // The scheduler: at each due time, count unanswered follow-ups and ask what to do. The member
    // last answered before day 0 and never again.
    const day0 = sh('2026-03-02T10:00');
    const sent: number[] = [];
    let state: FollowUpState = { lastResponseAtMs: day0 - 3 * DAY, ignoredCount: 0, startedIgnoringAtMs: null };
    let now = day0;
    let decision = nextFollowUp(state, now);
    for (let guard = 0; decision.action === 'schedule' && guard < 10; guard += 1) {
      sent.push(Math.round((now - day0) / DAY));
      state = {
        lastResponseAtMs: state.lastResponseAtMs,
        ignoredCount: state.ignoredCount + 1,
        startedIgnoringAtMs: state.startedIgnoringAtMs ?? now,
      };
      now = decision.atMs + 5_000; // the timer fires a few seconds late
      decision = nextFollowUp(state, now);
    }
    expect(sent).toEqual([0, 14, 21]);
    expect(Math.round((now - day0) / DAY)).toBe(35);
    expect(decision).toEqual({ action: 'stop', flag: 'low_cooperation' });
  });

  it('still sends on day 21 of silence and stops on day 22', () => {
    const start = sh('2026-03-02T10:00');
    const state: FollowUpState = { lastResponseAtMs: null, ignoredCount: 2, startedIgnoringAtMs: start };
    expect(nextFollowUp(state, sh('2026-03-23T23:59'))).toMatchObject({ action: 'schedule', cadence: 'reduced', gapDays: 14 });
    expect(nextFollowUp(state, sh('2026-03-24T00:00'))).toEqual({ action: 'stop', flag: 'low_cooperation' });
  });

  it('counts silence in Shanghai days (UTC date is a day behind in the early morning)', () => {
    // 2026-03-23T16:30Z is 00:30 on the 24th in Shanghai: day 22 of silence.
    const state: FollowUpState = { lastResponseAtMs: null, ignoredCount: 2, startedIgnoringAtMs: sh('2026-03-02T10:00') };
    expect(nextFollowUp(state, Date.parse('2026-03-23T16:30:00Z'))).toEqual({ action: 'stop', flag: 'low_cooperation' });
  });

  it('rejects an inconsistent state', () => {
    expect(() => nextFollowUp({ lastResponseAtMs: null, ignoredCount: 1, startedIgnoringAtMs: null }, sh('2026-03-02T10:00'))).toThrow(ValidationError);
    expect(() => nextFollowUp({ lastResponseAtMs: null, ignoredCount: -1, startedIgnoringAtMs: null }, sh('2026-03-02T10:00'))).toThrow(ValidationError);
  });
});
