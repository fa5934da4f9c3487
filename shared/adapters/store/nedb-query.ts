import type { FieldCondition, Filter, Scalar } from '../../ports/document-store';
import { fieldEntries, isCondition } from './port-shapes';

type Q = Record<string, unknown>;

/**
 * Port filter → nedb query. nedb differs from MongoDB in three places that we paper over:
 * it has no `$eq`, a `null` equality does not match a missing field, and `$ne: null` / `$nin: [null]`
 * match missing fields. The port follows MongoDB (null ≡ missing), see shared/ports/document-store.ts.
 */
export function toNedbQuery(filter: Filter): Q {
  const query: Q = {};
  const and: Q[] = [];
  for (const [path, v] of fieldEntries(filter)) {
    if (!isCondition(v)) {
      addEquality(path, v, query, and);
      continue;
    }
    const ops = fieldOps(path, v, and);
    if (Object.keys(ops).length === 0) continue;
    // At the top level when it can be: nedb only plans with top-level fields, so a range on an
    // indexed field inside $and would scan the whole collection.
    if (path in query) and.push({ [path]: ops });
    else query[path] = ops;
  }
  if (filter.$or) and.push({ $or: filter.$or.map(toNedbQuery) });
  if (and.length > 0) query.$and = and;
  return query;
}

const nullOrMissing = (path: string): Q => ({ $or: [{ [path]: null }, { [path]: { $exists: false } }] });

function addEquality(path: string, v: Scalar, query: Q, and: Q[]): void {
  if (v === null) and.push(nullOrMissing(path));
  else if (path in query) and.push({ [path]: v });
  else query[path] = v;
}

function fieldOps(path: string, c: FieldCondition, and: Q[]): Q {
  const ops: Q = {};
  if (c.$eq !== undefined) and.push(c.$eq === null ? nullOrMissing(path) : { [path]: c.$eq });
  if (c.$ne !== undefined) {
    if (c.$ne === null) ops.$exists = true;
    ops.$ne = c.$ne;
  }
  for (const op of ['$gt', '$gte', '$lt', '$lte'] as const) if (c[op] !== undefined) ops[op] = c[op];
  if (c.$in !== undefined) {
    const values = c.$in.filter((x) => x !== null);
    if (values.length === c.$in.length) ops.$in = values;
    else and.push({ $or: [{ [path]: { $in: values } }, nullOrMissing(path)] });
  }
  if (c.$nin !== undefined) {
    if (c.$nin.includes(null)) ops.$exists = true;
    ops.$nin = c.$nin;
  }
  if (c.$exists !== undefined) {
    if (ops.$exists === true && c.$exists === false) and.push({ [path]: { $exists: false } });
    ops.$exists = ops.$exists ?? c.$exists;
  }
  return ops;
}
