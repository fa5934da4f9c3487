import * as z from 'zod';
import type { ActionHandler } from '../../shared/runtime/main-handler';
import type { MiniProgramCaller } from '../../shared/ports/mini-program-caller';
import { memberOfMiniProgramCaller } from '../../shared/services/members/mini-program-member';
import type { AppDeps } from '../../shared/runtime/deps';
import { servicesOf } from './wiring';
import { IdempotencyKeySchema, PointsIdSchema, RedeemInputSchema } from '../../shared/services/points/schemas';
import { parseInput } from '../../shared/validation';
import { withReplayFlag } from '../../shared/http/replay';
import { CancelBodySchema, HistoryQuerySchema } from './schemas';

const memberOf = async (caller: MiniProgramCaller, deps: AppDeps) => (await memberOfMiniProgramCaller(deps.members, caller)).principal;

const NoData = z.object({});
const HistoryData = HistoryQuerySchema.omit({ memberId: true });
const RedeemData = z.object({ rightId: RedeemInputSchema.shape.rightId, idempotencyKey: IdempotencyKeySchema });
const CancelData = z.object({ redemptionId: PointsIdSchema, reason: CancelBodySchema.shape.reason });
const SignUpData = z.object({ activityId: PointsIdSchema });

/**
 * Mini-program callFunction `{action, data}`, always on the caller's own account, through the same
 * gated API (and so the same policy and audit) as the HTTP routes.
 */
export const pointsActions: Record<string, ActionHandler<AppDeps>> = {
  async balance(data, caller, deps) {
    parseInput(NoData, data ?? {}, 'balance data');
    const p = await memberOf(caller, deps);
    return servicesOf(deps).api.balance(p, p.memberId);
  },

  async history(data, caller, deps) {
    const page = parseInput(HistoryData, data ?? {}, 'history data');
    const p = await memberOf(caller, deps);
    return servicesOf(deps).api.history(p, p.memberId, page);
  },

  async rights(data, caller, deps) {
    parseInput(NoData, data ?? {}, 'rights data');
    await memberOf(caller, deps);
    return { rights: await servicesOf(deps).api.catalogue() };
  },

  async redemptions(data, caller, deps) {
    parseInput(NoData, data ?? {}, 'redemptions data');
    const p = await memberOf(caller, deps);
    return { memberId: p.memberId, redemptions: await servicesOf(deps).api.listRedemptions(p, p.memberId) };
  },

  async redeem(data, caller, deps) {
    const d = parseInput(RedeemData, data, 'redeem data');
    const p = await memberOf(caller, deps);
    const { redemption, replayed } = await servicesOf(deps).api.redeem(p, { memberId: p.memberId, ...d });
    return { ...redemption, replayed };
  },

  async cancelRedemption(data, caller, deps) {
    const d = parseInput(CancelData, data, 'cancelRedemption data');
    const p = await memberOf(caller, deps);
    return servicesOf(deps).api.cancelRedemption(p, d);
  },

  async signUp(data, caller, deps) {
    const d = parseInput(SignUpData, data, 'signUp data');
    const p = await memberOf(caller, deps);
    return withReplayFlag(await servicesOf(deps).api.signUp(p, { activityId: d.activityId, memberId: p.memberId }));
  },
};
