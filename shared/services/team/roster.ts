import * as z from 'zod';
import { FOUR_R_ROLES, SCENES, type FourRRole } from '../../domain/team/roles';
import type { DocumentStore } from '../../ports/document-store';
import type { Logger } from '../../ports/logger';
import { STAFF_ROSTER, type StaffMember } from './roster-store';
import { replaceOnTeams } from './replace-staff';

export { ensureRosterIndex, STAFF_ROSTER, type StaffMember } from './roster-store';


/** One line of `staff import --in FILE` (and of PUT /api/team/staff). */
export const StaffLineSchema = z.strictObject({
  /** WeCom 成员 userid: what message/send and the team fields hold. */
  userId: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'must be a WeCom userid (letters, digits, _ . @ -)'),
  name: z.string().trim().min(1).max(32),
  role: z.enum(FOUR_R_ROLES),
  /** Entry scenes this person serves (docs/prd.md §2.1.1). */
  scenes: z.array(z.enum(SCENES)).min(1).refine((s) => new Set(s).size === s.length, 'duplicate entries'),
  /** On call for red-flag alerts about members whose own doctor is not set. */
  onCall: z.boolean().optional(),
  /** false takes the person off the roster: their sessions end and their members get someone else (replace-staff.ts). */
  active: z.boolean().optional(),
});
export type StaffLine = z.infer<typeof StaffLineSchema>;

export interface ImportResult {
  created: number;
  updated: number;
  /** With `replace`: people no longer in the file, now inactive. */
  deactivated: number;
  /** Members given someone else in the role of a person who left it (deactivated or moved to another role). */
  reassigned: number;
}

/**
 * Creates or updates roster entries. Loads survive a re-import (they count real assignments).
 * `replace` deactivates everyone not in `lines`, so the file becomes the whole active roster.
 * Whoever leaves the roster or their role (a line with `active: false`, a new role, or left out with
 * `replace`) gets a new roster version — their sessions end at once — and their members get the
 * least-loaded active person of that role serving their scene instead (replace-staff.ts).
 */
export async function importRoster(
  store: DocumentStore,
  lines: readonly StaffLine[],
  opts: { nowMs: number; replace?: boolean; log?: Logger },
): Promise<ImportResult> {
  const roster = store.collection<StaffMember>(STAFF_ROSTER);
  let created = 0;
  let updated = 0;
  const leaving: { staffId: string; role: FourRRole }[] = [];
  for (const line of lines) {
    const before = await roster.get(line.userId);
    const leaves = before !== null && before.active && (line.active === false || before.role !== line.role);
    const res = await roster.updateOne(
      { _id: line.userId },
      {
        $set: { name: line.name, role: line.role, scenes: line.scenes, onCall: line.onCall ?? false, active: line.active ?? true, updatedAtMs: opts.nowMs },
        $setOnInsert: { load: 0, importedAtMs: opts.nowMs },
        ...(leaves && { $inc: { rosterVersion: 1 } }),
      },
      { upsert: true },
    );
    if (res.upserted) created += 1;
    else updated += 1;
    if (leaves) leaving.push({ staffId: line.userId, role: before.role });
  }
  let deactivated = 0;
  if (opts.replace) {
    const keep = new Set(lines.map((l) => l.userId));
    for (const s of await roster.find({ active: true })) {
      if (keep.has(s._id)) continue;
      const moved = await roster.updateOne({ _id: s._id, active: true }, { $set: { active: false, updatedAtMs: opts.nowMs }, $inc: { rosterVersion: 1 } });
      if (!moved.matched) continue;
      deactivated += 1;
      leaving.push({ staffId: s._id, role: s.role });
    }
  }
  let reassigned = 0;
  const teamDeps = { store, clock: { nowMs: () => opts.nowMs }, ...(opts.log && { log: opts.log }) };
  for (const { staffId, role } of leaving) reassigned += await replaceOnTeams(teamDeps, staffId, role);
  return { created, updated, deactivated, reassigned };
}

/** The roster sorted by role, then userid. */
export async function listRoster(store: DocumentStore): Promise<StaffMember[]> {
  return store.collection<StaffMember>(STAFF_ROSTER).find({}, { sort: { role: 1, _id: 1 } });
}

export async function staffByIds(store: DocumentStore, ids: readonly string[]): Promise<Map<string, StaffMember>> {
  if (!ids.length) return new Map();
  const found = await store.collection<StaffMember>(STAFF_ROSTER).find({ _id: { $in: [...ids] } });
  return new Map(found.map((s) => [s._id, s]));
}

/** Active on-call staff of a role, in userid order. */
export async function onCallStaff(store: DocumentStore, role: FourRRole): Promise<StaffMember[]> {
  return store.collection<StaffMember>(STAFF_ROSTER).find({ role, onCall: true, active: true }, { sort: { _id: 1 } });
}
