import { MemberIdSchema } from '../members/member-id';
import { parseInput } from '../../validation';
import { assertCanConfirmAttendance, assertSelfOrStaff, assertStaff, RIGHTS_STAFF } from './access';
import type { Activities, SignupView } from './activities';
import { ActivityMemberInputSchema, CreateActivityInputSchema, DrawLotteryInputSchema, PointsIdSchema } from './schemas';

/** How many of a member's activity sign-ups one read returns. */
export const SIGNUPS_LIMIT = 50;

/** The points service's activities part: create, sign up, check in, draw the lottery. */
export function createActivityOperations(activities: Activities) {
  return {
    async createActivity(input: unknown) {
      const i = parseInput(CreateActivityInputSchema, input, 'activity');
      assertStaff(i.actor, RIGHTS_STAFF);
      return activities.create(i);
    },

    async activity(activityId: string) {
      return activities.summary(parseInput(PointsIdSchema, activityId, 'activityId'));
    },

    async signUp(input: unknown) {
      const i = parseInput(ActivityMemberInputSchema, input, 'sign-up');
      assertSelfOrStaff(i.actor, i.memberId);
      return activities.signUp(i.activityId, i.memberId, i.actor);
    },

    /** The member's newest sign-ups (at most SIGNUPS_LIMIT), newest first. */
    async signups(memberId: string): Promise<SignupView[]> {
      return activities.signupsOf(parseInput(MemberIdSchema, memberId, 'memberId'), SIGNUPS_LIMIT);
    },

    /** Confirms attendance (staff or scanner) and awards the attendance points once. */
    async checkIn(input: unknown) {
      const i = parseInput(ActivityMemberInputSchema, input, 'check-in');
      assertCanConfirmAttendance(i.actor);
      return activities.checkIn(i.activityId, i.memberId, i.actor);
    },

    async drawLottery(input: unknown) {
      const i = parseInput(DrawLotteryInputSchema, input, 'lottery');
      assertStaff(i.actor, RIGHTS_STAFF);
      return activities.drawLottery(i.activityId, i.winners, i.seed, i.actor);
    },
  };
}
