import type { Filter, Update } from '../../ports/document-store';
import { newId } from './new-id';
import { fieldEntries, isCondition, writeOps } from './port-shapes';

type Q = Record<string, unknown>;

/** The port filter is MongoDB's own language; only `undefined` values are dropped (the port ignores them). */
export function toMongoFilter(filter: Filter): Q {
  const out: Q = {};
  for (const [path, v] of fieldEntries(filter)) {
    if (!isCondition(v)) {
      out[path] = v;
      continue;
    }
    const cond = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined));
    if (Object.keys(cond).length > 0) out[path] = cond;
  }
  if (filter.$or) out.$or = filter.$or.map(toMongoFilter);
  return out;
}

/** `$unset` values are normalised to '' (what the server expects); `$setOnInsert` only for upserts. */
export function toMongoUpdate(filter: Filter, update: Update, upsert: boolean): Q {
  const ops: Q = { ...writeOps(update) };
  if (ops.$unset) ops.$unset = Object.fromEntries(Object.keys(ops.$unset as Q).map((k) => [k, '']));
  if (!upsert) return ops;
  const onInsert: Q = { ...(update.$setOnInsert ?? {}) };
  // Without this the server would mint an ObjectId; the port promises string ids.
  if (!hasIdEquality(filter) && onInsert._id === undefined) onInsert._id = newId();
  if (Object.keys(onInsert).length > 0) ops.$setOnInsert = onInsert;
  return ops;
}

function hasIdEquality(filter: Filter): boolean {
  const id = filter._id;
  if (id === undefined) return false;
  return !isCondition(id) || id.$eq !== undefined;
}
