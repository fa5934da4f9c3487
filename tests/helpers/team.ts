import type { LocalStack } from '../../dev/local-stack';
import { FOUR_R_ROLES, type FourRRole } from '../../shared/domain/team/roles';
import { MEMBERS, memberIdForExternalUser, type Member } from '../../shared/services/members/member';
import { importRoster, type StaffLine } from '../../shared/services/team/roster';

/*
 * Seeding for tests that run the whole local stack: one 4R team on the roster and members it serves,
 * written straight to the store so that a test about tickets or the workbench need not go through
 * the welcome callback first.
 */

/** The WeCom userid serving each 4R role. */
export type Team = Readonly<Record<FourRRole, string>>;

/**
 * Puts `team` on the roster, each under its name in `names` and serving policy_delivery, then
 * `others` (on-call doctors, staff of another scene) in the order given.
 */
export async function importTeam(stack: LocalStack, team: Team, names: Team, others: readonly StaffLine[] = [], nowMs = Date.now()): Promise<void> {
  const lines: StaffLine[] = FOUR_R_ROLES.map((role) => ({ userId: team[role], name: names[role], role, scenes: ['policy_delivery'] }));
  await importRoster(stack.deps.store, [...lines, ...others], { nowMs });
}

/** An active member served by `team`, joined at `joinedAtMs` (now unless given); returns the member id. */
export async function addMember(stack: LocalStack, team: Team, externalUserId: string, joinedAtMs?: number): Promise<string> {
  const memberId = memberIdForExternalUser(stack.config.WECOM_CORP_ID, externalUserId);
  const now = Date.now();
  const member: Member = { _id: memberId, externalUserId, team: { ...team }, status: 'active', joinedAtMs: joinedAtMs ?? now, updatedAtMs: now };
  await stack.deps.store.collection<Member>(MEMBERS).insert(member);
  return memberId;
}
