import * as z from 'zod';
import { ConflictError, NotFoundError } from '../../errors';
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

const services = new WeakMap<PointsWiringDeps, PointsService>();

/** One points service per deps object (warm invocations share it; tests swap deps). */
export function pointsServiceFor(deps: PointsWiringDeps): PointsService {
  let service = services.get(deps);
  if (!service) {
    service = createPointsService({ store: deps.store, clock: deps.clock, audit: deps.audit, memberTier: memberTierResolver(deps.members) });
    services.set(deps, service);
  }
  return service;
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
export async function awardPoints(deps: PointsWiringDeps, request: AwardRequest): Promise<EarnResult> {
  const r = parseInput(AwardRequestSchema, request, 'points award');
  const member = await deps.members.get(r.memberId);
  if (!member) throw new NotFoundError('member');
  if (member.status !== 'active') throw new ConflictError('member_not_active', 'points are awarded to active members only', { status: member.status });
  return pointsServiceFor(deps).earn({ ...r, actor: r.actor ?? IN_PROCESS_ACTOR });
}
