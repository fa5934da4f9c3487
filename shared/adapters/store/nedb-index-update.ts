/**
 * nedb updates a document in every index of its collection by deleting it and inserting the new
 * copy (its documents are immutable copies, and each tree node holds the documents themselves), even
 * when the indexed value did not change. Each delete and insert rebalances an AVL tree, so a write on
 * a collection of a million reminders paid two rebalancing walks in the `_id` tree, the `memberId`
 * tree and the range-key trees (nedb-range-keys.ts) for a `status` change: the part of a timer tick
 * that grew with the collection (bench/due-scan.ts). When the key is the same scalar before and after,
 * the new copy now takes the old one's place in the node found by one search, which is what
 * delete + insert end with; a changed key, a dotted or compound field and an array value keep nedb's
 * own path, rollback on a unique violation included.
 */

type Key = string | number | boolean;

interface NedbIndex {
  fieldName: string | string[];
  tree: { search(key: unknown): unknown[] };
  update(oldDoc: unknown, newDoc?: unknown): void;
  updateMultipleDocs(pairs: Pair[]): void;
}

interface Pair {
  oldDoc: Record<string, unknown>;
  newDoc: Record<string, unknown>;
}

const PATCHED = Symbol.for('wecom-health.nedb-index-update');

/** The document's key in `index` when it can be swapped in place; undefined: use nedb's path. */
function scalarKey(index: NedbIndex, doc: Record<string, unknown>): Key | undefined {
  const field = index.fieldName;
  if (typeof field !== 'string' || field.includes('.')) return undefined;
  const v = doc[field];
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) ? v : undefined;
}

/** Puts `pair.newDoc` where `pair.oldDoc` is, if its key is unchanged; false: nothing was done. */
function swapInPlace(index: NedbIndex, pair: Pair): boolean {
  const key = scalarKey(index, pair.oldDoc);
  if (key === undefined || key !== scalarKey(index, pair.newDoc)) return false;
  const docs = index.tree.search(key);
  const at = docs.indexOf(pair.oldDoc);
  if (at < 0) return false;
  docs[at] = pair.newDoc;
  return true;
}

/** Installs the in-place update on nedb's index class (once per process), found from a live index. */
export function keepUnchangedIndexKeys(anyIndex: object): void {
  const proto = Object.getPrototypeOf(anyIndex) as NedbIndex & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const { update, updateMultipleDocs } = proto;
  proto.update = function (this: NedbIndex, oldDoc: unknown, newDoc?: unknown): void {
    if (Array.isArray(oldDoc)) return this.updateMultipleDocs(oldDoc as Pair[]);
    if (swapInPlace(this, { oldDoc: oldDoc as Pair['oldDoc'], newDoc: newDoc as Pair['newDoc'] })) return;
    update.call(this, oldDoc, newDoc);
  };
  proto.updateMultipleDocs = function (this: NedbIndex, pairs: Pair[]): void {
    // Changed keys first, through nedb (it rolls itself back and throws on a unique violation); the
    // unchanged ones cannot fail, so they are swapped only once the others went through.
    const unchanged = new Set(
      pairs.filter((p) => {
        const key = scalarKey(this, p.oldDoc);
        return key !== undefined && key === scalarKey(this, p.newDoc);
      }),
    );
    const changed = unchanged.size === 0 ? pairs : pairs.filter((p) => !unchanged.has(p));
    if (changed.length > 0) updateMultipleDocs.call(this, changed);
    for (const p of unchanged) if (!swapInPlace(this, p)) updateMultipleDocs.call(this, [p]);
  };
  proto[PATCHED] = true;
}
