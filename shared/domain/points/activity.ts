import { drawWinners, type LotteryRecord } from './lottery';
import type { PointsActor } from './types';

/** Counters of one activity (docs/prd.md §2.7.2 报名统计), serialised per activity. */
export interface ActivityState {
  opened: boolean;
  capacity: number;
  signedUp: number;
  checkedIn: number;
  lotteryDrawn: boolean;
}

export interface ActivityEffect {
  activityId: string;
  kind: 'open' | 'signup' | 'checkin' | 'lottery';
  memberId?: string;
  capacity?: number;
  lottery?: LotteryRecord;
  atMs: number;
  actor: PointsActor;
}

export const emptyActivityState = (): ActivityState => ({
  opened: false,
  capacity: 0,
  signedUp: 0,
  checkedIn: 0,
  lotteryDrawn: false,
});

export function applyActivity(state: ActivityState, e: ActivityEffect): ActivityState {
  switch (e.kind) {
    case 'open':
      return { ...state, opened: true, capacity: e.capacity ?? 0 };
    case 'signup':
      return { ...state, signedUp: state.signedUp + 1 };
    case 'checkin':
      return { ...state, checkedIn: state.checkedIn + 1 };
    case 'lottery':
      return { ...state, lotteryDrawn: true };
  }
}

export type ActivityOp =
  | { type: 'signup'; memberId: string }
  | { type: 'checkin'; memberId: string; signedUp: boolean }
  | { type: 'lottery'; attendees: string[]; winnerCount: number; seed: number };

export type ActivityRejection = 'activity_full' | 'not_signed_up' | 'attendees_changed';

export type ActivityPlan =
  | { kind: 'housekeeping' | 'append'; effect: ActivityEffect; after: ActivityState }
  | { kind: 'reject'; code: ActivityRejection };

/** The next activity entry; an unopened stream is opened first with the activity's capacity. */
export function planActivity(
  state: ActivityState,
  op: ActivityOp,
  ctx: { activityId: string; capacity: number; atMs: number; actor: PointsActor },
): ActivityPlan {
  const base = { activityId: ctx.activityId, atMs: ctx.atMs, actor: ctx.actor };
  const done = (kind: 'housekeeping' | 'append', effect: ActivityEffect): ActivityPlan => ({
    kind,
    effect,
    after: applyActivity(state, effect),
  });
  if (!state.opened) return done('housekeeping', { ...base, kind: 'open', capacity: ctx.capacity });
  switch (op.type) {
    case 'signup':
      if (state.signedUp >= state.capacity) return { kind: 'reject', code: 'activity_full' };
      return done('append', { ...base, kind: 'signup', memberId: op.memberId });
    case 'checkin':
      if (!op.signedUp) return { kind: 'reject', code: 'not_signed_up' };
      return done('append', { ...base, kind: 'checkin', memberId: op.memberId });
    case 'lottery': {
      // The attendee list was read before planning; if a check-in landed since, read again.
      if (op.attendees.length !== state.checkedIn) return { kind: 'reject', code: 'attendees_changed' };
      const winners = drawWinners(op.attendees, op.seed, op.winnerCount);
      const lottery: LotteryRecord = { seed: op.seed, attendees: op.attendees, winnerCount: op.winnerCount, winners };
      return done('append', { ...base, kind: 'lottery', lottery });
    }
  }
}

/**
 * Where one member stands in one activity (the workbench's 活动报名): signed up; checked in; after the
 * draw, won or not; or absent once check-in has closed without them.
 */
export const SIGNUP_STATUSES = ['signed_up', 'checked_in', 'won', 'not_won', 'absent'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

export function signupStatus(s: { checkedIn: boolean; lottery?: LotteryRecord; memberId: string; checkInClosed: boolean }): SignupStatus {
  if (!s.checkedIn) return s.checkInClosed ? 'absent' : 'signed_up';
  if (!s.lottery) return 'checked_in';
  return s.lottery.winners.includes(s.memberId) ? 'won' : 'not_won';
}
