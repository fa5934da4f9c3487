import { DuplicateKeyError } from '../../errors';
import { FOUR_R_ROLES, type FourRRole, type Scene } from '../../domain/team/roles';
import type { Doc, DocumentStore } from '../../ports/document-store';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import { createMemberRepository } from '../members/member-repository';
import { pickLeastLoaded } from './balance';
import { ensureRosterIndex, STAFF_ROSTER, type StaffMember } from './roster-store';

export const TEAM_ASSIGNMENTS = 'team_assignments';

/** One per member and role: `_id` uniqueness makes the assignment single even across instances. */
export interface TeamAssignment extends Doc {
  _id: string;
  memberId: string;
  role: FourRRole;
  staffId: string;
  assignedAtMs: number;
}

export interface AssignTeamDeps {
  store: DocumentStore;
  clock: Clock;
  log: Logger;
}

export interface TeamResult {
  team: Partial<Record<FourRRole, string>>;
  /** Roles assigned by this call (empty on a replay). */
  assigned: FourRRole[];
  /** Roles nobody on the roster can take for this scene. */
  unstaffed: FourRRole[];
}

/** Enough for a burst of joins racing for the same few people; past it we stop being exact. */
const MAX_CAS_ATTEMPTS = 50;
export const assignmentId = (memberId: string, role: FourRRole) => `${memberId}:${role}`;

/**
 * Gives the member one person per 4R role, by least load within the member's scene.
 *
 * Load counters only move by compare-and-set: we read the roster, take the least-loaded person and
 * increment their load only if it still equals what we read. If another join got there first we read
 * again. Since loads only grow during assignment, the person we incremented was still a least-loaded
 * one at that moment, so concurrent joins spread evenly (loads differ by at most one).
 * Replays are free: an existing assignment (member field or assignment doc) is reused.
 */
export async function assignTeam(deps: AssignTeamDeps, memberId: string, scene: Scene | undefined): Promise<TeamResult> {
  const members = createMemberRepository(deps.store);
  const assignments = deps.store.collection<TeamAssignment>(TEAM_ASSIGNMENTS);
  const roster = deps.store.collection<StaffMember>(STAFF_ROSTER);
  await ensureRosterIndex(deps.store);
  const member = await members.get(memberId);
  if (!member) throw new Error('assignTeam: member not found');
  const team: Partial<Record<FourRRole, string>> = { ...member.team };
  const assigned: FourRRole[] = [];
  const unstaffed: FourRRole[] = [];

  async function takeSlot(role: FourRRole): Promise<string | undefined> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const best = pickLeastLoaded(await roster.find({ role }), scene);
      if (!best) return undefined;
      const res = await roster.updateOne({ _id: best._id, load: best.load }, { $inc: { load: 1 } });
      if (res.matched === 1) return best._id;
    }
    const best = pickLeastLoaded(await roster.find({ role }), scene);
    if (!best) return undefined;
    deps.log.warn('team assignment contention: assigning without compare-and-set', { role });
    await roster.updateOne({ _id: best._id }, { $inc: { load: 1 } });
    return best._id;
  }

  for (const role of FOUR_R_ROLES) {
    if (team[role]) continue;
    const existing = await assignments.get(assignmentId(memberId, role));
    let staffId = existing?.staffId;
    if (!staffId) {
      const taken = await takeSlot(role);
      if (!taken) {
        unstaffed.push(role);
        continue;
      }
      try {
        await assignments.insert({ _id: assignmentId(memberId, role), memberId, role, staffId: taken, assignedAtMs: deps.clock.nowMs() });
        staffId = taken;
        assigned.push(role);
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
        // A concurrent join of the same member won: give our slot back and use theirs.
        await roster.updateOne({ _id: taken }, { $inc: { load: -1 } });
        staffId = (await assignments.get(assignmentId(memberId, role)))?.staffId;
      }
    }
    if (!staffId) continue;
    team[role] = staffId;
    await members.teamSlotFilled(memberId, role, staffId);
  }
  if (unstaffed.length) deps.log.warn('no roster entry can take these roles', { memberId, scene: scene ?? null, roles: unstaffed.join(',') });
  return { team, assigned, unstaffed };
}
