import * as z from 'zod';
import { FOUR_R_ROLES, SCENES, type FourRRole, type Scene } from '../../domain/team/roles';
import type { Doc, DocumentStore } from '../../ports/document-store';

export const STAFF_ROSTER = 'staff_roster';

/** One line of `staff import --in FILE` (and of PUT /api/team/staff). */
export const StaffLineSchema = z.strictObject({
  /** WeCom 成员 userid: what message/send and the team fields hold. */
  userId: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'must be a WeCom userid (letters, digits, _ . @ -)'),
  name: z.string().trim().min(1).max(32),
  role: z.enum(FOUR_R_ROLES),
  /** Entry scenes this person serves (PRD §2.1.1). */
  scenes: z.array(z.enum(SCENES)).min(1).refine((s) => new Set(s).size === s.length, 'duplicate entries'),
  /** On call for red-flag alerts about members whose own doctor is not set. */
  onCall: z.boolean().optional(),
  /** false takes the person out of new assignments; members keep them. */
  active: z.boolean().optional(),
});
export type StaffLine = z.infer<typeof StaffLineSchema>;

export interface StaffMember extends Doc {
  /** The WeCom userid. */
  _id: string;
  name: string;
  role: FourRRole;
  scenes: Scene[];
  onCall: boolean;
  active: boolean;
  /** Members currently assigned; moved only with compare-and-set (see assign-team.ts). */
  load: number;
  importedAtMs: number;
  updatedAtMs: number;
}

export interface ImportResult {
  created: number;
  updated: number;
  /** With `replace`: people no longer in the file, now inactive. */
  deactivated: number;
}

/**
 * Creates or updates roster entries. Loads survive a re-import (they count real assignments).
 * `replace` deactivates everyone not in `lines`, so the file becomes the whole active roster.
 */
export async function importRoster(store: DocumentStore, lines: readonly StaffLine[], opts: { nowMs: number; replace?: boolean }): Promise<ImportResult> {
  const roster = store.collection<StaffMember>(STAFF_ROSTER);
  let created = 0;
  let updated = 0;
  for (const line of lines) {
    const res = await roster.updateOne(
      { _id: line.userId },
      {
        $set: { name: line.name, role: line.role, scenes: line.scenes, onCall: line.onCall ?? false, active: line.active ?? true, updatedAtMs: opts.nowMs },
        $setOnInsert: { load: 0, importedAtMs: opts.nowMs },
      },
      { upsert: true },
    );
    if (res.upserted) created += 1;
    else updated += 1;
  }
  let deactivated = 0;
  if (opts.replace) {
    const keep = new Set(lines.map((l) => l.userId));
    for (const s of await roster.find({ active: true })) {
      if (keep.has(s._id)) continue;
      await roster.updateOne({ _id: s._id }, { $set: { active: false, updatedAtMs: opts.nowMs } });
      deactivated += 1;
    }
  }
  return { created, updated, deactivated };
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

const rosterIndexes = new WeakMap<DocumentStore, Promise<void>>();

/** Assignment reads the roster by role; ensured once per store instance. */
export function ensureRosterIndex(store: DocumentStore): Promise<void> {
  let done = rosterIndexes.get(store);
  if (!done) {
    done = store.collection(STAFF_ROSTER).ensureIndex({ fields: ['role'] });
    done.catch(() => rosterIndexes.delete(store));
    rosterIndexes.set(store, done);
  }
  return done;
}
