import model from '@seald-io/nedb/lib/model.js';
import type { SortSpec } from '../../ports/document-store';
import { RangeKeys } from './nedb-range-keys';

type Raw = Record<string, unknown>;

interface TreeNode {
  key?: number;
  data: Raw[];
  left: TreeNode | null;
  right: TreeNode | null;
}

/** What of nedb's datastore the ordered read uses (its own find goes through the same executor). */
export interface NedbInternals {
  indexes: Record<string, { tree: { tree: TreeNode } }>;
  ttlIndexes: Record<string, number>;
  executor: { pushAsync<R>(task: () => Promise<R>): Promise<R> };
}

export interface OrderedRead {
  /** The ranged field the sort starts with. */
  field: string;
  direction: 1 | -1;
  /** Ties of `field` in `_id` order, this way (the caller's, else ascending as nedb's find gives them). */
  idDirection: 1 | -1;
}

/**
 * The plan for a sorted, limited read that a range key can serve in order (nedb-range-keys.ts):
 * the query is bounded on the key of the sort's first field, the sort has nothing after it but
 * `_id`, and every value of the field is an integer (instants in ms). Null: nedb's own find.
 *
 * Why: nedb's find reads every candidate in the range, matches, sorts with its generic comparator
 * and only then applies the limit, so a due query with 30 000 reminders due sorted 30 000 documents
 * for each batch of 500 — most of a paced dispatch run's CPU (bench/reminders-paced.ts).
 */
export function orderedPlan(query: Raw, sort: SortSpec | undefined, limit: number | undefined, ds: NedbInternals, ranges: RangeKeys): OrderedRead | null {
  if (!sort || !limit || Object.keys(ds.ttlIndexes).length > 0) return null;
  const [first, ...rest] = Object.entries(sort);
  if (!first || rest.length > 1 || (rest[0] && rest[0][0] !== '_id')) return null;
  const [field, direction] = first;
  const key = RangeKeys.keyOf(field);
  if (!(key in query) || !ds.indexes[key] || !ranges.integersOnly(field)) return null;
  // nedb would plan with an indexed equality on another field (a member's reminders): keep its plan.
  if (Object.keys(query).some((k) => k !== key && k !== field && ds.indexes[k])) return null;
  return { field, direction, idDirection: rest[0] ? rest[0][1] : 1 };
}

/**
 * The first `want` documents matching `query` in the plan's order (shared references: the caller
 * copies them). Keys are `value + fraction`, fraction in [0, 1), so for integer values the tree's
 * key order is value order: the walk stops after the `want`-th match and the rest of its value's
 * ties (keys below value + 1). Among those ties only the `_id`s that could still make the page are
 * matched and kept, so thousands of reminders due at the same instant cost a comparison each.
 */
export function readOrdered(ds: NedbInternals, query: Raw, plan: OrderedRead, want: number): Raw[] {
  const key = RangeKeys.keyOf(plan.field);
  const bound = query[key] as { $lt?: number; $gte?: number };
  const lower = bound.$gte ?? Number.NEGATIVE_INFINITY;
  const upper = bound.$lt ?? Number.POSITIVE_INFINITY;
  // Top-level equalities on plain values reject most candidates before nedb's full match.
  const equalities = Object.entries(query).filter((e): e is [string, string | number | boolean] => !e[0].includes('.') && ['string', 'number', 'boolean'].includes(typeof e[1]));
  const fields = equalities.map((e) => e[0]);
  const values = equalities.map((e) => e[1]);
  const rejects = (doc: Raw): boolean => {
    for (let i = 0; i < fields.length; i += 1) {
      const v = doc[fields[i] as string];
      if (v !== values[i] && (v === null || typeof v !== 'object')) return true;
    }
    return false;
  };
  const asc = plan.direction === 1;
  const idDir = plan.idDirection;
  const byId = (a: Raw, b: Raw) => (a._id === b._id ? 0 : ((a._id as string) < (b._id as string) ? -1 : 1) * idDir);

  /** Matches of values before the last one in the page: all in it. */
  const before: Raw[] = [];
  /** Matches of the page's last value, trimmed to the `room` best by `_id` now and then. */
  let ties: Raw[] = [];
  let tieValue: number | undefined;
  let room = 0;
  /** Once `ties` was trimmed: an `_id` not before this one cannot make the page. */
  let worst: Raw | undefined;
  const trim = () => {
    ties.sort(byId);
    ties.length = Math.min(ties.length, room);
    worst = ties[ties.length - 1];
  };

  // In-order walk (reversed for a descending sort) over the part of the tree inside the bound.
  const stack: TreeNode[] = [];
  let node: TreeNode | null = ds.indexes[key]?.tree.tree ?? null;
  if (node && node.key === undefined) node = null;
  const near = (n: TreeNode) => (asc ? n.left : n.right);
  const far = (n: TreeNode) => (asc ? n.right : n.left);
  const beforeRange = (k: number) => (asc ? k < lower : k >= upper);
  const pastRange = (k: number) => (asc ? k >= upper : k < lower) || (tieValue !== undefined && (asc ? k >= tieValue + 1 : k < tieValue));
  for (;;) {
    while (node) {
      if (beforeRange(node.key as number)) node = far(node);
      else {
        stack.push(node);
        node = near(node);
      }
    }
    const n = stack.pop();
    if (!n || pastRange(n.key as number)) break;
    for (const doc of n.data) {
      if (rejects(doc)) continue;
      if (tieValue !== undefined && worst && byId(doc, worst) >= 0) continue;
      if (!model.match(doc, query)) continue;
      const value = doc[plan.field] as number;
      if (tieValue === undefined) {
        if (ties.length > 0 && ties[0]?.[plan.field] !== value) {
          for (const t of ties.sort(byId)) before.push(t);
          ties = [];
        }
        ties.push(doc);
        if (before.length + ties.length === want) {
          tieValue = value;
          room = ties.length;
        }
      } else {
        ties.push(doc);
        if (ties.length >= 2 * room + 64) trim();
      }
    }
    node = far(n);
  }
  if (tieValue === undefined) room = ties.length;
  trim();
  for (const t of ties) before.push(t);
  return before.slice(0, want);
}

/** A copy the caller may keep, without the adapter's range keys. */
export function copyWithout(doc: Raw, hidden: readonly string[]): Raw {
  const copy = model.deepCopy(doc) as Raw;
  for (const k of hidden) delete copy[k];
  return copy;
}
