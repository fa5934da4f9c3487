import { STAFF_ROSTER, type StaffMember } from '../shared/services/team/roster';
import { STAFF_GRANTS, type StaffGrant } from '../shared/services/identity/staff-session';
import type { DocumentStore } from '../shared/ports/document-store';
import type { DirectoryEntry } from './wecom-sandbox/oauth-page';

/**
 * The corp members the sandbox's sign-in page offers: everyone the stack would let in, i.e. the active
 * roster (`staff import`, PUT /api/team/staff) and the oversight grants. Read on every page view, so a
 * roster change shows at once.
 */
export async function staffDirectory(store: DocumentStore): Promise<DirectoryEntry[]> {
  const roster = await store.collection<StaffMember>(STAFF_ROSTER).find({ active: true });
  const grants = await store.collection<StaffGrant>(STAFF_GRANTS).find({});
  const named = new Map(roster.map((s) => [s._id, s.name]));
  return [
    ...roster.map((s) => ({ userid: s._id, name: s.name })),
    ...grants.filter((g) => !named.has(g._id)).map((g) => ({ userid: g._id, name: g.role })),
  ];
}
