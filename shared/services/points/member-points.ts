import * as z from 'zod';
import { NotFoundError } from '../../errors';
import { assertActiveStatus } from '../access/refusals';
import { parseInput } from '../../validation';
import type { EarningRuleId } from '../../domain/points/earning-rules';
import type { PointsActor } from '../../domain/points/types';
import type { RiskTier } from '../../domain/team/roles';
import type { AppDeps } from '../../runtime/deps';
import type { MemberRepository } from '../members/member-repository';
import { createPointsService, type EarnResult, type PointsService } from './points-service';
import { ActorSchema, IdempotencyKeySchema } from './schemas';
import { MemberIdSchema } from '../members/member-id';

/** What the points service needs of the platform; IntakeDeps and AppDeps both fit. */
export type PointsWiringDeps = Pick<AppDeps, 'store' | 'clock' | 'audit' | 'members'>;

/** Free entitlements follow the tier intake wrote on the member (`members.tier`); no member or no tier → none. */
export function memberTierResolver(members: Pick<MemberRepository, 'get'>): (memberId: string) => Promise<RiskTier | null> {
  return async (memberId) => (await members.get(memberId))?.tier ?? null;
}

/**
 * The points service over the platform's ports (free entitlements by the member's tier). A factory:
 * each function's composition root (functions/<name>/wiring.ts) builds it once and hands it to the
 * capabilities that award points in-process.
 */
export function createMemberPointsService(deps: PointsWiringDeps): PointsService {
  return createPointsService({ store: deps.store, clock: deps.clock, audit: deps.audit, memberTier: memberTierResolver(deps.members) });
}

/** What an in-process award needs: the composition root's points service and the member repository. */
export interface AwardDeps {
  points: Pick<PointsService, 'earn'>;
  members: Pick<MemberRepository, 'get'>;
}

/**
 * Rules other capabilities award for evidence they hold. 'activity_attended' is missing on purpose:
 * attendance points come only from a confirmed check-in, so they cannot be credited twice by two paths.
 */
export const AWARDABLE_RULES = [
  'form_completed',
  'reading_uploaded',
  'plan_task_completed',
  'community_interaction',
  'monthly_streak',
] as const satisfies readonly EarningRuleId[];
export type AwardableRule = (typeof AWARDABLE_RULES)[number];

export const AwardRequestSchema = z.object({
  memberId: MemberIdSchema,
  rule: z.enum(AWARDABLE_RULES),
  /** What earned it (form submission id, reading id…); recorded in the member's history. */
  sourceRef: z.string().trim().min(1).max(200),
  /** Global namespace: prefix it with the capability, e.g. `intake:form:<submissionId>`. */
  idempotencyKey: IdempotencyKeySchema,
  actor: ActorSchema.optional(),
});
export type AwardRequest = z.input<typeof AwardRequestSchema>;

const IN_PROCESS_ACTOR: PointsActor = { kind: 'system', id: 'points-award' };

/**
 * Credits points for something a member did, called in-process by other capabilities (intake on a
 * completed form) and by the machine route. Exactly once per idempotency key: a replay returns the
 * first result with `duplicate: true`; an award over a daily/monthly cap is recorded as
 * `status: 'refused', refusedCode: 'cap_reached'` with 0 points (not an error). Throws 400 on a bad
 * request, 404 for an unknown member, 409 `member_not_active` (the status in details) once consent is
 * withdrawn or the member is erased, 409 `idempotency_key_reused` when the key was used for another request.
 * Access is the caller's business (the machine route authorizes 'points.earn' first).
 */
export async function awardPoints(deps: AwardDeps, request: AwardRequest): Promise<EarnResult> {
  const r = parseInput(AwardRequestSchema, request, 'points award');
  const member = await deps.members.get(r.memberId);
  if (!member) throw new NotFoundError('member');
  assertActiveStatus(member, 'points are awarded to active members only');
  return deps.points.earn({ ...r, actor: r.actor ?? IN_PROCESS_ACTOR });
}

/** The points an in-process award credited: none when it was a replay or refused (a cap reached). */
export const creditedPoints = (earned: EarnResult): number => (earned.duplicate || earned.status !== 'applied' ? 0 : earned.points);
