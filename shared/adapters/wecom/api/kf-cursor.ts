import { DuplicateKeyError } from '../../../errors';
import type { Doc, DocumentStore } from '../../../ports/document-store';

export const KF_CURSOR_COLLECTION = 'wecom_kf_cursors';

export interface KfCursorDoc extends Doc {
  cursor: string;
  updatedAtMs: number;
}

/**
 * The sync_msg cursor of one kf account (`_id` = open_kfid). Moves by compare-and-set so two instances
 * syncing at once never move it backwards: the loser stops writing and the winner keeps the progress.
 */
export function kfCursor(store: DocumentStore, openKfId: string) {
  const cursors = store.collection<KfCursorDoc>(KF_CURSOR_COLLECTION);
  return {
    async read(): Promise<string | undefined> {
      return (await cursors.get(openKfId))?.cursor;
    },
    /** Returns false when someone else moved the cursor since `expected`. */
    async advance(expected: string | undefined, next: string, nowMs: number): Promise<boolean> {
      if (expected === undefined) {
        try {
          await cursors.insert({ _id: openKfId, cursor: next, updatedAtMs: nowMs });
          return true;
        } catch (error) {
          if (error instanceof DuplicateKeyError) return false;
          throw error;
        }
      }
      const result = await cursors.updateOne({ _id: openKfId, cursor: expected }, { $set: { cursor: next, updatedAtMs: nowMs } });
      return result.matched === 1;
    },
  };
}
