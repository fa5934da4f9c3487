import * as z from 'zod';
import { idempotencyKeyOf } from '../../shared/idempotency-key';
import { MemberIdSchema } from '../../shared/services/members/member-id';
import type { Principal } from '../../shared/domain/access/principal';
import { ValidationError } from '../../shared/errors';
import {
  AdjustInputSchema,
  CancelRedemptionInputSchema,
  CreateActivityInputSchema,
  DrawLotteryInputSchema,
  IdempotencyKeySchema,
  PointsIdSchema,
  RedeemInputSchema,
  UpdateFulfilmentInputSchema,
} from '../../shared/services/points/schemas';
import { AwardRequestSchema } from '../../shared/services/points/member-points';

/**
 * Request shapes of the points routes and actions: the service's input schemas without `actor`
 * (the caller is the actor) and, on "my account" requests, with an optional `memberId` that
 * staff use to act for a member (members default to themselves; authorize judges either way).
 */
const memberId = MemberIdSchema.optional();
const idempotencyKey = IdempotencyKeySchema.optional();
/** Query strings arrive as text; a non-number fails with the field's name. */
const toNumber = (v: unknown) => (typeof v === 'string' && v !== '' ? Number(v) : v);
const queryInt = (max: number) => z.preprocess(toNumber, z.int().min(1).max(max).optional());

export const IdParamSchema = PointsIdSchema;

export const HistoryQuerySchema = z.object({
  memberId,
  limit: queryInt(100),
  before: queryInt(Number.MAX_SAFE_INTEGER),
});

export const MemberQuerySchema = z.object({ memberId });

export const RedeemBodySchema = z.object({ memberId, rightId: RedeemInputSchema.shape.rightId, idempotencyKey });

const defaultCancelReason = '会员取消';
export const CancelBodySchema = z.object({
  reason: CancelRedemptionInputSchema.shape.reason.optional().transform((r) => r ?? defaultCancelReason),
});

export const FulfilmentBodySchema = z.object({
  status: UpdateFulfilmentInputSchema.shape.status,
  note: UpdateFulfilmentInputSchema.shape.note,
});

export const AdjustBodySchema = z.object({
  amount: AdjustInputSchema.shape.amount,
  reason: AdjustInputSchema.shape.reason,
  sourceRef: AdjustInputSchema.shape.sourceRef,
  idempotencyKey,
});

export const EarnBodySchema = z.object({
  memberId: AwardRequestSchema.shape.memberId,
  rule: AwardRequestSchema.shape.rule,
  sourceRef: AwardRequestSchema.shape.sourceRef,
  idempotencyKey,
});

const activity = CreateActivityInputSchema.shape;
export const ActivityBodySchema = z
  .object({
    activityId: activity.activityId,
    title: activity.title,
    kind: activity.kind,
    startsAtMs: activity.startsAtMs,
    endsAtMs: activity.endsAtMs,
    capacity: activity.capacity,
  })
  .refine((a) => a.endsAtMs > a.startsAtMs, { message: 'must be after startsAtMs', path: ['endsAtMs'] });

export const SignUpBodySchema = z.object({ memberId });

export const CheckInBodySchema = z.object({ memberId: MemberIdSchema });

export const LotteryBodySchema = z.object({
  winners: DrawLotteryInputSchema.shape.winners,
  seed: DrawLotteryInputSchema.shape.seed,
});

/** The key a points write needs: shared/idempotency-key.ts (header or body, both only if they agree). */
export const requiredIdempotencyKey = (header: string | undefined, body: string | undefined): string => idempotencyKeyOf(header, body, { required: true });

/** Staff and machines name the member; a member is themself. */
export function subjectMember(principal: Principal, named: string | undefined): string {
  const id = named ?? (principal.kind === 'member' ? principal.memberId : undefined);
  if (id === undefined) {
    throw new ValidationError('memberId is required when a staff member or a machine calls', [{ field: 'memberId', message: 'required for staff and machine callers' }]);
  }
  return id;
}
