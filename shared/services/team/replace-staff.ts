import type { FourRRole } from '../../domain/team/roles';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import type { DocumentStore } from '../../ports/document-store';
import { MEMBERS, type Member } from '../members/member';
import { createMemberRepository } from '../members/member-repository';
import { assignmentId, assignTeam, TEAM_ASSIGNMENTS, type TeamAssignment } from './assign-team';
import { STAFF_ROSTER, type StaffMember } from './roster-store';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };

/**
 * A person who left the roster (or their role) stays on nobody's team: for each member they served
 * in that role, the slot is freed — only if it still names them (compare-and-set), with their load
 * given back — and the balanced assignment fills it (assign-team.ts: least-loaded active person of
 * the role serving the member's scene; nobody → the role stays open and is logged). Erased members
 * keep their tombstone as it is. Returns how many members got someone else.
 */
export async function replaceOnTeams(deps: { store: DocumentStore; clock: Clock; log?: Logger }, staffId: string, role: FourRRole): Promise<number> {
  const members = deps.store.collection<Member>(MEMBERS);
  const transitions = createMemberRepository(deps.store);
  const assignments = deps.store.collection<TeamAssignment>(TEAM_ASSIGNMENTS);
  const roster = deps.store.collection<StaffMember>(STAFF_ROSTER);
  const slot = `team.${role}`;
  let replaced = 0;
  for (const member of await members.find({ [slot]: staffId, status: { $ne: 'erased' } })) {
    if (!(await transitions.teamSlotFreed(member._id, role, staffId, deps.clock.nowMs()))) continue;
    await assignments.deleteOne({ _id: assignmentId(member._id, role), staffId });
    await roster.updateOne({ _id: staffId, load: { $gt: 0 } }, { $inc: { load: -1 } });
    const { team } = await assignTeam({ store: deps.store, clock: deps.clock, log: deps.log ?? quiet }, member._id, member.scene);
    if (team[role]) replaced += 1;
  }
  return replaced;
}
