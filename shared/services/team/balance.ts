import type { Scene } from '../../domain/team/roles';

export interface Candidate {
  _id: string;
  scenes: readonly Scene[];
  active: boolean;
  load: number;
}

/**
 * Balanced choice: among active staff serving the scene (any scene when the member's is unknown),
 * the least current load; ties go to the smallest userid, so the same loads always pick the same person.
 */
export function pickLeastLoaded<C extends Candidate>(staff: readonly C[], scene: Scene | undefined): C | undefined {
  let best: C | undefined;
  for (const s of staff) {
    if (!s.active) continue;
    if (scene !== undefined && !s.scenes.includes(scene)) continue;
    if (!best || s.load < best.load || (s.load === best.load && s._id < best._id)) best = s;
  }
  return best;
}
