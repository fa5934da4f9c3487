import * as z from 'zod';
import { IdempotencyKeySchema } from '../../idempotency-key';
import { MemberIdSchema } from '../members/member-id';
import { EARNING_RULE_IDS } from '../../domain/points/earning-rules';
import { FULFILMENT_TARGETS } from '../../domain/points/fulfilment';
import { RIGHT_IDS } from '../../domain/points/rights-catalogue';
import { STAFF_ROLES } from '../../domain/team/roles';

/** Input schemas of the points service, exported for the HTTP layer. Member ids follow the one member-id rule (members/member-id.ts); redemption, activity and actor ids are the points capability's own. */
export const PointsIdSchema = z.string().regex(/^[A-Za-z0-9_.@-]{1,128}$/, 'use 1-128 letters, digits, _ . @ -');

export { IdempotencyKeySchema };

export const ActorSchema = z
  .object({
    kind: z.enum(['staff', 'member', 'machine', 'system']),
    id: PointsIdSchema,
    role: z.enum(STAFF_ROLES).optional(),
  })
  .refine((a) => a.kind !== 'staff' || a.role !== undefined, { message: 'staff actors need a role', path: ['role'] });

const reason = z.string().trim().min(2).max(500);

export const EarnInputSchema = z.object({
  memberId: MemberIdSchema,
  rule: z.enum(EARNING_RULE_IDS),
  sourceRef: z.string().trim().min(1).max(200),
  idempotencyKey: IdempotencyKeySchema,
  actor: ActorSchema,
});
export type EarnInput = z.infer<typeof EarnInputSchema>;

export const RedeemInputSchema = z.object({
  memberId: MemberIdSchema,
  rightId: z.enum(RIGHT_IDS),
  idempotencyKey: IdempotencyKeySchema,
  actor: ActorSchema,
});
export type RedeemInput = z.infer<typeof RedeemInputSchema>;

export const CancelRedemptionInputSchema = z.object({
  redemptionId: PointsIdSchema,
  reason,
  actor: ActorSchema,
});
export type CancelRedemptionInput = z.infer<typeof CancelRedemptionInputSchema>;

export const UpdateFulfilmentInputSchema = z.object({
  redemptionId: PointsIdSchema,
  status: z.enum(FULFILMENT_TARGETS),
  note: z.string().trim().max(500).optional(),
  actor: ActorSchema,
});
export type UpdateFulfilmentInput = z.infer<typeof UpdateFulfilmentInputSchema>;

export const AdjustInputSchema = z.object({
  memberId: MemberIdSchema,
  amount: z
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((n) => n !== 0, 'must not be 0'),
  reason,
  sourceRef: z.string().trim().min(1).max(200).optional(),
  idempotencyKey: IdempotencyKeySchema,
  actor: ActorSchema,
});
export type AdjustInput = z.infer<typeof AdjustInputSchema>;

export const HistoryQuerySchema = z.object({
  limit: z.int().min(1).max(100).default(20),
  /** Entries with a seq below this (the `nextBefore` of the previous page). */
  before: z.int().min(1).optional(),
});
export type HistoryQuery = z.input<typeof HistoryQuerySchema>;

export const RestockInputSchema = z.object({
  rightId: z.enum(RIGHT_IDS),
  quantity: z.int().min(1).max(100_000),
  idempotencyKey: IdempotencyKeySchema,
  actor: ActorSchema,
});
export type RestockInput = z.infer<typeof RestockInputSchema>;

export const ACTIVITY_KINDS = ['live', 'lecture', 'group_buy'] as const;

export const CreateActivityInputSchema = z
  .object({
    activityId: PointsIdSchema,
    title: z.string().trim().min(1).max(100),
    kind: z.enum(ACTIVITY_KINDS),
    startsAtMs: z.int().positive(),
    endsAtMs: z.int().positive(),
    capacity: z.int().min(1).max(100_000),
    actor: ActorSchema,
  })
  .refine((a) => a.endsAtMs > a.startsAtMs, { message: 'must be after startsAtMs', path: ['endsAtMs'] });
export type CreateActivityInput = z.infer<typeof CreateActivityInputSchema>;

export const ActivityMemberInputSchema = z.object({
  activityId: PointsIdSchema,
  memberId: MemberIdSchema,
  actor: ActorSchema,
});
export type ActivityMemberInput = z.infer<typeof ActivityMemberInputSchema>;

export const DrawLotteryInputSchema = z.object({
  activityId: PointsIdSchema,
  winners: z.int().min(1).max(1000),
  /** Omit to draw a fresh random seed; it is recorded either way. */
  seed: z.int().min(0).max(0xffff_ffff).optional(),
  actor: ActorSchema,
});
export type DrawLotteryInput = z.infer<typeof DrawLotteryInputSchema>;

export const RecoverInputSchema = z.object({
  /** Only redemptions untouched for at least this long (default 0: all in-flight ones). */
  olderThanMs: z.int().min(0).default(0),
});
