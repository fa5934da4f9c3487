import * as z from 'zod';
import { createHttpApp, readJson, type HttpApp, type HttpContext } from '../../shared/http/app';
import { mountHealth } from '../../shared/http/health';
import { memberWriteLimits } from '../../shared/http/member-write-limits';
import { idempotentAnswer, withReplayFlag } from '../../shared/http/replay';
import { principalOf, resolveCaller } from '../../shared/http/caller';
import type { Principal } from '../../shared/domain/access/principal';
import type { AppDeps } from '../../shared/runtime/deps';
import { servicesOf } from './wiring';
import { PointsIdSchema } from '../../shared/services/points/schemas';
import { parseInput } from '../../shared/validation';
import {
  ActivityBodySchema,
  AdjustBodySchema,
  CancelBodySchema,
  CheckInBodySchema,
  EarnBodySchema,
  FulfilmentBodySchema,
  HistoryQuerySchema,
  requiredIdempotencyKey,
  LotteryBodySchema,
  MemberQuerySchema,
  RedeemBodySchema,
  SignUpBodySchema,
  subjectMember,
} from './schemas';

const PREFIX = '/api/points';

type Ctx = HttpContext;

/** A path parameter, validated under its own name so a 400 says which one. */
function param(c: Ctx, name: string, field: string): string {
  return parseInput(z.object({ [field]: PointsIdSchema }), { [field]: c.req.param(name) }, 'path')[field] as string;
}

/**
 * Points routes (docs/prd.md §2.5, §2.7.2). Member routes act on the caller's own account (staff may name
 * `memberId`); staff routes name the member in the path; `POST /earn` is for other functions
 * (X-Internal-Key). Access is decided by the gated API (deps.authorize), never here.
 */
export function pointsRoutes(deps: AppDeps): HttpApp {
  const app = createHttpApp('points', deps.log);
  mountHealth(app, [PREFIX], 'points', deps.store);
  app.use(`${PREFIX}/*`, resolveCaller(deps));
  app.use(`${PREFIX}/*`, memberWriteLimits(deps));
  const api = servicesOf(deps).api;
  const opts = (c: Ctx) => ({ requestId: c.get('requestId') });
  const body = async (c: Ctx) => (await readJson(c)) ?? {};

  // The member's own account.
  app.get(`${PREFIX}/balance`, async (c) => {
    const p = principalOf(c);
    const q = parseInput(MemberQuerySchema, c.req.query(), 'query');
    return c.json(await api.balance(p, subjectMember(p, q.memberId), opts(c)));
  });

  app.get(`${PREFIX}/history`, async (c) => {
    const p = principalOf(c);
    const { memberId, ...page } = parseInput(HistoryQuerySchema, c.req.query(), 'query');
    return c.json(await api.history(p, subjectMember(p, memberId), page, opts(c)));
  });

  app.get(`${PREFIX}/rights`, async (c) => {
    principalOf(c);
    return c.json({ rights: await api.catalogue() });
  });

  app.post(`${PREFIX}/redemptions`, async (c) => {
    const p = principalOf(c);
    const b = parseInput(RedeemBodySchema, await readJson(c), 'redemption');
    const idempotencyKey = requiredIdempotencyKey(c.req.header('idempotency-key'), b.idempotencyKey);
    const r = await api.redeem(p, { memberId: subjectMember(p, b.memberId), rightId: b.rightId, idempotencyKey }, opts(c));
    return idempotentAnswer(c, r.redemption, r.replayed);
  });

  /** A list about one member, `{ memberId, [name]: [...] }`: the caller's own (staff name `?memberId=`), or the member in the path. */
  const memberList =
    (name: string, list: (p: Principal, memberId: string, o: { requestId?: string }) => Promise<unknown[]>, inPath = false) =>
    async (c: Ctx) => {
      const p = principalOf(c);
      const memberId = inPath ? param(c, 'memberId', 'memberId') : subjectMember(p, parseInput(MemberQuerySchema, c.req.query(), 'query').memberId);
      return c.json({ memberId, [name]: await list(p, memberId, opts(c)) });
    };

  app.get(`${PREFIX}/redemptions`, memberList('redemptions', api.listRedemptions));
  app.get(`${PREFIX}/signups`, memberList('signups', api.listSignups));

  app.get(`${PREFIX}/redemptions/:id`, async (c) => {
    const p = principalOf(c);
    return c.json(await api.getRedemption(p, param(c, 'id', 'redemptionId'), opts(c)));
  });

  app.post(`${PREFIX}/redemptions/:id/cancel`, async (c) => {
    const p = principalOf(c);
    const redemptionId = param(c, 'id', 'redemptionId');
    const { reason } = parseInput(CancelBodySchema, await body(c), 'cancellation');
    return c.json(await api.cancelRedemption(p, { redemptionId, reason }, opts(c)));
  });

  app.post(`${PREFIX}/activities/:id/signups`, async (c) => {
    const p = principalOf(c);
    const activityId = param(c, 'id', 'activityId');
    const b = parseInput(SignUpBodySchema, await body(c), 'sign-up');
    const r = await api.signUp(p, { activityId, memberId: subjectMember(p, b.memberId) }, opts(c));
    return idempotentAnswer(c, withReplayFlag(r), r.duplicate);
  });

  // Staff: one member's account, by the member's own rights consultant.
  app.get(`${PREFIX}/members/:memberId/balance`, async (c) => {
    const p = principalOf(c);
    return c.json(await api.balance(p, param(c, 'memberId', 'memberId'), opts(c)));
  });

  app.get(`${PREFIX}/members/:memberId/history`, async (c) => {
    const p = principalOf(c);
    const memberId = param(c, 'memberId', 'memberId');
    const { limit, before } = parseInput(HistoryQuerySchema, c.req.query(), 'query');
    return c.json(await api.history(p, memberId, { limit, before }, opts(c)));
  });

  app.get(`${PREFIX}/members/:memberId/redemptions`, memberList('redemptions', api.listRedemptions, true));
  app.get(`${PREFIX}/members/:memberId/signups`, memberList('signups', api.listSignups, true));

  app.post(`${PREFIX}/members/:memberId/adjustments`, async (c) => {
    const p = principalOf(c);
    const memberId = param(c, 'memberId', 'memberId');
    const { idempotencyKey: bodyKey, ...b } = parseInput(AdjustBodySchema, await readJson(c), 'adjustment');
    const idempotencyKey = requiredIdempotencyKey(c.req.header('idempotency-key'), bodyKey);
    const r = await api.adjust(p, { memberId, ...b, idempotencyKey }, opts(c));
    return idempotentAnswer(c, withReplayFlag(r), r.duplicate);
  });

  app.patch(`${PREFIX}/redemptions/:id`, async (c) => {
    const p = principalOf(c);
    const redemptionId = param(c, 'id', 'redemptionId');
    const b = parseInput(FulfilmentBodySchema, await readJson(c), 'fulfilment update');
    return c.json(await api.updateFulfilment(p, { redemptionId, ...b }, opts(c)));
  });

  app.post(`${PREFIX}/activities`, async (c) => {
    const p = principalOf(c);
    const b = parseInput(ActivityBodySchema, await readJson(c), 'activity');
    return c.json(await api.createActivity(p, b), 201);
  });

  app.post(`${PREFIX}/activities/:id/checkins`, async (c) => {
    const p = principalOf(c);
    const activityId = param(c, 'id', 'activityId');
    const { memberId } = parseInput(CheckInBodySchema, await readJson(c), 'check-in');
    const r = await api.checkIn(p, { activityId, memberId }, opts(c));
    return idempotentAnswer(c, withReplayFlag(r), r.duplicate);
  });

  app.post(`${PREFIX}/activities/:id/lottery`, async (c) => {
    const p = principalOf(c);
    const activityId = param(c, 'id', 'activityId');
    const b = parseInput(LotteryBodySchema, await readJson(c), 'lottery');
    const r = await api.drawLottery(p, { activityId, ...b });
    return idempotentAnswer(c, withReplayFlag(r), r.duplicate);
  });

  // Machine: other functions award points for evidence they hold (form completed, reading uploaded…).
  app.post(`${PREFIX}/earn`, async (c) => {
    const p = principalOf(c);
    const { idempotencyKey: bodyKey, ...b } = parseInput(EarnBodySchema, await readJson(c), 'earn request');
    const idempotencyKey = requiredIdempotencyKey(c.req.header('idempotency-key'), bodyKey);
    const r = await api.earn(p, { ...b, idempotencyKey }, opts(c));
    return idempotentAnswer(c, withReplayFlag(r), r.duplicate);
  });

  return app;
}
