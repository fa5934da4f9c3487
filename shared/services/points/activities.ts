import { randomInt } from 'node:crypto';
import { ConflictError, DuplicateKeyError, NotFoundError } from '../../errors';
import type { Collection, Doc } from '../../ports/document-store';
import {
  emptyActivityState,
  planActivity,
  signupStatus,
  type ActivityEffect,
  type ActivityOp,
  type ActivityState,
  type SignupStatus,
} from '../../domain/points/activity';
import { canonicalJson } from '../../domain/points/canonical-json';
import { EARNING_RULES } from '../../domain/points/earning-rules';
import { canonicalAttendees, type LotteryRecord } from '../../domain/points/lottery';
import type { PointsActor } from '../../domain/points/types';
import type { PointsDeps } from './deps';
import type { PointsLedger } from './ledger';
import type { CreateActivityInput } from './schemas';
import { SerialStream, type StreamPlan, type StreamRecord } from './serial-stream';

export interface ActivityDoc extends Doc {
  title: string;
  kind: CreateActivityInput['kind'];
  startsAtMs: number;
  endsAtMs: number;
  capacity: number;
  createdBy: PointsActor;
  createdAtMs: number;
}

/** One member's sign-up to one activity, as the rights consultant sees it. */
export interface SignupView {
  activityId: string;
  title: string;
  kind: ActivityDoc['kind'];
  startsAtMs: number;
  endsAtMs: number;
  signedUpAtMs: number;
  checkedInAtMs?: number;
  status: SignupStatus;
}

const HOUR_MS = 3_600_000;
/** Check-in opens an hour before the start and closes a day after the end. */
const CHECKIN_OPENS_BEFORE_MS = HOUR_MS;
const CHECKIN_CLOSES_AFTER_MS = 24 * HOUR_MS;

const REJECTIONS = {
  activity_full: 'the activity is full',
  not_signed_up: 'the member did not sign up for this activity',
  attendees_changed: 'attendance changed while drawing; retry',
} as const;

/**
 * Activities (docs/prd.md §2.7.2 报名统计, 互动抽奖). Seats are a SerialStream per activity, so a sign-up
 * is a conditional write against the seat count: no overbooking under concurrency and one seat
 * per member however often the request is retried. Check-in is recorded once and earns the
 * 'activity_attended' points once (ledger key per activity and member).
 */
export class Activities {
  readonly docs: Collection<ActivityDoc>;
  readonly stream: SerialStream<ActivityState, ActivityEffect>;

  constructor(
    private readonly deps: PointsDeps,
    private readonly ledger: PointsLedger,
  ) {
    this.docs = deps.store.collection<ActivityDoc>('points_activities');
    this.stream = new SerialStream(deps.store, 'points_activity', emptyActivityState, () => deps.clock.nowMs(), {
      hooks: deps.hooks,
      indexes: [['effect.memberId']],
    });
  }

  async create(input: CreateActivityInput): Promise<ActivityDoc> {
    const { activityId, actor, ...fields } = input;
    const doc: ActivityDoc = { _id: activityId, ...fields, createdBy: actor, createdAtMs: this.deps.clock.nowMs() };
    try {
      await this.docs.insert(doc);
      return doc;
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
    }
    const existing = await this.get(activityId);
    const same = canonicalJson(pick(existing)) === canonicalJson(pick(doc));
    if (!same) throw new ConflictError('activity_exists', 'another activity already uses this id', { activityId });
    return existing;
  }

  async get(activityId: string): Promise<ActivityDoc> {
    const doc = await this.docs.get(activityId);
    if (!doc) throw new NotFoundError('activity');
    return doc;
  }

  async summary(activityId: string): Promise<{ activity: ActivityDoc; signedUp: number; checkedIn: number; lottery?: LotteryRecord }> {
    const activity = await this.get(activityId);
    const { state } = await this.stream.head(activityId);
    const lottery = state.lotteryDrawn ? (await this.stream.byKey(activityId, 'sys:lottery'))?.effect.lottery : undefined;
    return { activity, signedUp: state.signedUp, checkedIn: state.checkedIn, ...(lottery ? { lottery } : {}) };
  }

  async signUp(activityId: string, memberId: string, actor: PointsActor) {
    const activity = await this.get(activityId);
    if (this.deps.clock.nowMs() >= activity.endsAtMs) throw new ConflictError('activity_ended', 'the activity has ended');
    const r = await this.append(activity, `sys:signup:${memberId}`, { op: 'signup', memberId }, actor, () => ({ type: 'signup', memberId }));
    return { activityId, memberId, seat: r.record.seq, duplicate: r.duplicate, signedUp: r.record.after.signedUp, capacity: activity.capacity };
  }

  async checkIn(activityId: string, memberId: string, actor: PointsActor) {
    const activity = await this.get(activityId);
    const now = this.deps.clock.nowMs();
    if (now < activity.startsAtMs - CHECKIN_OPENS_BEFORE_MS) throw new ConflictError('checkin_not_open', 'check-in has not opened yet');
    if (now > activity.endsAtMs + CHECKIN_CLOSES_AFTER_MS) throw new ConflictError('checkin_closed', 'check-in has closed');
    const r = await this.append(activity, `sys:checkin:${memberId}`, { op: 'checkin', memberId }, actor, async () => ({
      type: 'checkin',
      memberId,
      signedUp: (await this.stream.byKey(activityId, `sys:signup:${memberId}`)) !== null,
    }));
    // After the check-in is recorded; a crash in between is finished by the retry (both steps are idempotent).
    const key = `sys:activity:${activityId}:checkin`;
    const earned = await this.ledger.apply(
      { type: 'earn', memberId, rule: EARNING_RULES.activity_attended, sourceRef: `activity:${activityId}`, actor },
      key,
      canonicalJson({ op: 'earn', memberId, rule: 'activity_attended', sourceRef: `activity:${activityId}` }),
    );
    const e = earned.record.effect;
    return {
      activityId,
      memberId,
      duplicate: r.duplicate,
      earned: { status: e.status, points: e.amount, ...(e.refusedCode ? { refusedCode: e.refusedCode } : {}) },
    };
  }

  /** The member's newest `limit` sign-ups, newest first, each with where the member stands now. */
  async signupsOf(memberId: string, limit: number): Promise<SignupView[]> {
    const signups = await this.stream.findAcross({ memberId, kind: 'signup' }, { sort: { 'effect.atMs': -1, _id: 1 }, limit });
    if (signups.length === 0) return [];
    const streamIds = signups.map((r) => r.streamId);
    const [docs, checkins, lotteries] = await Promise.all([
      this.docs.find({ _id: { $in: streamIds } }),
      this.stream.findAcross({ memberId, kind: 'checkin' }, { streamIds }),
      this.stream.findAcross({ kind: 'lottery' }, { streamIds }),
    ]);
    const byId = new Map(docs.map((d) => [d._id, d]));
    const checkedIn = new Map(checkins.map((r) => [r.streamId, r.effect.atMs]));
    const drawn = new Map(lotteries.map((r) => [r.streamId, r.effect.lottery]));
    const now = this.deps.clock.nowMs();
    return signups.flatMap((r) => {
      const a = byId.get(r.streamId);
      if (!a) return [];
      const checkedInAtMs = checkedIn.get(a._id);
      const lottery = drawn.get(a._id);
      const status = signupStatus({
        memberId,
        checkedIn: checkedInAtMs !== undefined,
        checkInClosed: now > a.endsAtMs + CHECKIN_CLOSES_AFTER_MS,
        ...(lottery ? { lottery } : {}),
      });
      const view: SignupView = { activityId: a._id, title: a.title, kind: a.kind, startsAtMs: a.startsAtMs, endsAtMs: a.endsAtMs, signedUpAtMs: r.effect.atMs, status };
      return [checkedInAtMs === undefined ? view : { ...view, checkedInAtMs }];
    });
  }

  /** Draws once; later calls return the recorded draw. Winners are recomputable from seed + attendees. */
  async drawLottery(activityId: string, winners: number, seed: number | undefined, actor: PointsActor): Promise<LotteryRecord & { duplicate: boolean }> {
    const activity = await this.get(activityId);
    const drawSeed = seed ?? (this.deps.randomSeed ? this.deps.randomSeed() : randomInt(0, 2 ** 32));
    for (let attempt = 0; attempt < 20; attempt++) {
      const prior = await this.stream.byKey(activityId, 'sys:lottery');
      if (prior?.effect.lottery) {
        if (prior.effect.lottery.winnerCount !== winners) {
          throw new ConflictError('lottery_already_drawn', 'the lottery was already drawn with another winner count');
        }
        return { ...prior.effect.lottery, duplicate: true };
      }
      const checkins = await this.stream.findEntries(activityId, { kind: 'checkin' });
      const attendees = canonicalAttendees(checkins.map((c) => c.effect.memberId ?? ''));
      try {
        const r = await this.append(activity, 'sys:lottery', { op: 'lottery', winners }, actor, () => ({
          type: 'lottery',
          attendees,
          winnerCount: winners,
          seed: drawSeed,
        }));
        if (!r.record.effect.lottery) throw new Error('lottery entry without a draw');
        return { ...r.record.effect.lottery, duplicate: r.duplicate };
      } catch (e) {
        if (!(e instanceof ConflictError && e.code === 'attendees_changed')) throw e;
      }
    }
    throw new ConflictError('activity_busy', 'attendance keeps changing; retry the draw');
  }

  private append(
    activity: ActivityDoc,
    key: string,
    request: Record<string, unknown>,
    actor: PointsActor,
    op: () => ActivityOp | Promise<ActivityOp>,
  ): Promise<{ record: StreamRecord<ActivityState, ActivityEffect>; duplicate: boolean }> {
    return this.stream.append(activity._id, key, canonicalJson(request), async (state): Promise<StreamPlan<ActivityState, ActivityEffect>> => {
      const p = planActivity(state, await op(), {
        activityId: activity._id,
        capacity: activity.capacity,
        atMs: this.deps.clock.nowMs(),
        actor,
      });
      if (p.kind !== 'reject') return p;
      return { kind: 'reject', error: new ConflictError(p.code, REJECTIONS[p.code], { activityId: activity._id }) };
    });
  }
}

const pick = (d: ActivityDoc) => ({ title: d.title, kind: d.kind, startsAtMs: d.startsAtMs, endsAtMs: d.endsAtMs, capacity: d.capacity });
