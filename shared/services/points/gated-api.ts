import { NotFoundError } from '../../errors';
import type { Action } from '../../domain/access/policy';
import type { Principal } from '../../domain/access/principal';
import type { PointsActor } from '../../domain/points/types';
import type { AppDeps } from '../../runtime/deps';
import type { PointsService, RedemptionView } from './points-service';
import { callerKey } from './idempotency';
import { redemptionIdFor } from './redemptions';
import type {
  AdjustInput,
  CancelRedemptionInput,
  CreateActivityInput,
  DrawLotteryInput,
  HistoryQuery,
  RedeemInput,
  UpdateFulfilmentInput,
} from './schemas';
import { awardPoints, type AwardRequest } from './member-points';

/** The platform's gate and the points service the function's composition root built (functions/points/wiring.ts). */
export type PointsApiDeps = Pick<AppDeps, 'members' | 'authorize' | 'staffSessions'> & { points: PointsService };

export interface CallOptions {
  requestId?: string;
}

/**
 * The policy action each operation is judged by. Redeeming, cancelling and signing up spend the
 * member's points: 'rights.redeem' (the member themself, their own rights consultant).
 * Attendance is confirmed by the member's rights consultant (docs/prd.md §2.6.2: 权益/活动 → 权益顾问) or by
 * a scanner using the internal key, which is machine work like any other award.
 */
export const POINTS_POLICY = {
  readPoints: 'points.read',
  readRights: 'rights.read',
  readSignups: 'rights.read',
  redeem: 'rights.redeem',
  cancel: 'rights.redeem',
  signUp: 'rights.redeem',
  adjust: 'points.adjust',
  fulfil: 'rights.fulfil',
  earn: 'points.earn',
  checkInByStaff: 'rights.fulfil',
  checkInByMachine: 'points.earn',
} as const satisfies Record<string, Action>;

const ACTOR_ID = /[^A-Za-z0-9_.@-]/g;

/** The journal's name for the caller; a machine's free-form X-Caller is squeezed into the id alphabet. */
export function actorOf(p: Principal): PointsActor {
  if (p.kind === 'member') return { kind: 'member', id: p.memberId };
  if (p.kind === 'staff') return { kind: 'staff', id: p.staffId, role: p.role };
  return { kind: 'machine', id: p.id.replace(ACTOR_ID, '_').slice(0, 128) || 'internal' };
}

type Without<T, K extends keyof T> = Omit<T, K>;

type Gate = (p: Principal, action: Action, memberId: string | undefined, o: CallOptions) => Promise<void>;

const gateOf = (deps: PointsApiDeps): Gate => (p, action, memberId, o) => deps.authorize(p, action, memberId, o.requestId ? { requestId: o.requestId } : {});

async function findRedemption(svc: PointsService, redemptionId: string): Promise<RedemptionView | undefined> {
  try {
    return await svc.getRedemption(redemptionId);
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

/** A redemption the caller may act on; an unknown id is judged like another member's, so ids cannot be probed. */
async function gatedRedemption(deps: PointsApiDeps, p: Principal, action: Action, redemptionId: string, o: CallOptions): Promise<RedemptionView> {
  const view = await findRedemption(deps.points, redemptionId);
  await gateOf(deps)(p, action, view?.memberId, o);
  if (!view) throw new NotFoundError('redemption');
  return view;
}

/** The points ledger and the member's reads (balance, history, catalogue, redemptions, sign-ups) behind the gate. */
function ledgerCalls(deps: PointsApiDeps) {
  const svc = deps.points;
  const gate = gateOf(deps);
  return {
    async balance(p: Principal, memberId: string, o: CallOptions = {}) {
      await gate(p, POINTS_POLICY.readPoints, memberId, o);
      return svc.balance(memberId);
    },

    async history(p: Principal, memberId: string, query: HistoryQuery, o: CallOptions = {}) {
      await gate(p, POINTS_POLICY.readPoints, memberId, o);
      return { memberId, ...(await svc.history(memberId, query)) };
    },

    /** The catalogue concerns no member: any authenticated caller may read it. */
    catalogue: () => svc.catalogue(),

    async listRedemptions(p: Principal, memberId: string, o: CallOptions = {}) {
      await gate(p, POINTS_POLICY.readRights, memberId, o);
      return svc.listRedemptions({ memberId });
    },

    async listSignups(p: Principal, memberId: string, o: CallOptions = {}) {
      await gate(p, POINTS_POLICY.readSignups, memberId, o);
      return svc.signups(memberId);
    },

    async adjust(p: Principal, input: Without<AdjustInput, 'actor'>, o: CallOptions = {}) {
      await gate(p, POINTS_POLICY.adjust, input.memberId, o);
      return svc.adjust({ ...input, actor: actorOf(p) });
    },

    async earn(p: Principal, input: Without<AwardRequest, 'actor'>, o: CallOptions = {}) {
      await gate(p, POINTS_POLICY.earn, input.memberId, o);
      return awardPoints({ points: svc, members: deps.members }, { ...input, actor: actorOf(p) });
    },
  };
}

/** Redemptions behind the gate. */
function redemptionCalls(deps: PointsApiDeps) {
  const svc = deps.points;
  const gate = gateOf(deps);
  return {
    getRedemption: (p: Principal, redemptionId: string, o: CallOptions = {}) =>
      gatedRedemption(deps, p, POINTS_POLICY.readRights, redemptionId, o),

    /** `replayed` when this idempotency key had already started a redemption (same answer, nothing new). */
    async redeem(p: Principal, input: Without<RedeemInput, 'actor'>, o: CallOptions = {}): Promise<{ redemption: RedemptionView; replayed: boolean }> {
      await gate(p, POINTS_POLICY.redeem, input.memberId, o);
      const replayed = (await findRedemption(svc, redemptionIdFor(callerKey(actorOf(p), input.idempotencyKey)))) !== undefined;
      return { redemption: await svc.redeem({ ...input, actor: actorOf(p) }), replayed };
    },

    async cancelRedemption(p: Principal, input: Without<CancelRedemptionInput, 'actor'>, o: CallOptions = {}) {
      await gatedRedemption(deps, p, POINTS_POLICY.cancel, input.redemptionId, o);
      return svc.cancelRedemption({ ...input, actor: actorOf(p) });
    },

    async updateFulfilment(p: Principal, input: Without<UpdateFulfilmentInput, 'actor'>, o: CallOptions = {}) {
      await gatedRedemption(deps, p, POINTS_POLICY.fulfil, input.redemptionId, o);
      return svc.updateFulfilment({ ...input, actor: actorOf(p) });
    },
  };
}

/** Activities behind the gate. */
function activityCalls(deps: PointsApiDeps) {
  const svc = deps.points;
  const gate = gateOf(deps);
  return {
    /** Activities concern no single member; the service admits rights staff only, on a current session. */
    async createActivity(p: Principal, input: Without<CreateActivityInput, 'actor'>) {
      await deps.staffSessions(p);
      return svc.createActivity({ ...input, actor: actorOf(p) });
    },

    async drawLottery(p: Principal, input: Without<DrawLotteryInput, 'actor'>) {
      await deps.staffSessions(p);
      return svc.drawLottery({ ...input, actor: actorOf(p) });
    },

    async signUp(p: Principal, input: { activityId: string; memberId: string }, o: CallOptions = {}) {
      await gate(p, POINTS_POLICY.signUp, input.memberId, o);
      return svc.signUp({ ...input, actor: actorOf(p) });
    },

    async checkIn(p: Principal, input: { activityId: string; memberId: string }, o: CallOptions = {}) {
      await gate(p, p.kind === 'machine' ? POINTS_POLICY.checkInByMachine : POINTS_POLICY.checkInByStaff, input.memberId, o);
      return svc.checkIn({ ...input, actor: actorOf(p) });
    },
  };
}

/**
 * The points service behind the access gate, shared by the HTTP routes and the mini-program
 * actions: every operation about one member passes `deps.authorize` (which audits staff access and
 * every denial) before the service runs; the service then applies its own role checks with the
 * caller as actor. A redemption id that does not exist is judged like another member's, so ids
 * cannot be probed.
 */
export function createPointsApi(deps: PointsApiDeps) {
  return { ...ledgerCalls(deps), ...redemptionCalls(deps), ...activityCalls(deps) };
}

export type PointsApi = ReturnType<typeof createPointsApi>;
