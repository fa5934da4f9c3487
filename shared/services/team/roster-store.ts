import type { FourRRole, Scene } from '../../domain/team/roles';
import type { Doc, DocumentStore } from '../../ports/document-store';

/** The roster as stored: what assignment and sign-in read (roster.ts imports it, assign-team.ts too). */
export const STAFF_ROSTER = 'staff_roster';

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
  /**
   * Moves when the person leaves the roster or changes role: staff sessions carry the version they
   * were signed at, so every session issued before ends at once (session-check.ts).
   */
  rosterVersion?: number;
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
