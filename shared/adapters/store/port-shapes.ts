import type { FieldCondition, Filter, Scalar, Update } from '../../ports/document-store';
import { getPath, isPlainObject, setPath, unsetPath } from './doc-paths';

/** A filter value is an operator object unless it is a scalar (Dates are scalars). */
export const isCondition = (v: unknown): v is FieldCondition => isPlainObject(v);

export type FieldEntry = [path: string, value: Scalar | FieldCondition];

/** Field entries of a filter, without `$or` and without keys whose value is `undefined`. */
export function fieldEntries(filter: Filter): FieldEntry[] {
  const out: FieldEntry[] = [];
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$or' || v === undefined) continue;
    out.push([k, v as Scalar | FieldCondition]);
  }
  return out;
}

const WRITE_OPS = ['$set', '$unset', '$inc', '$push'] as const;

/** The update without `$setOnInsert` and without empty operator objects. */
export function writeOps(update: Update): Omit<Update, '$setOnInsert'> {
  const out: Omit<Update, '$setOnInsert'> = {};
  for (const op of WRITE_OPS) {
    const v = update[op];
    if (v && Object.keys(v).length > 0) (out as Record<string, unknown>)[op] = v;
  }
  return out;
}

export const hasWriteOps = (update: Update): boolean => Object.keys(writeOps(update)).length > 0;

/**
 * The document an upsert inserts, as MongoDB builds it: the filter's equality fields, then
 * `$setOnInsert`, then the update operators applied to that base.
 */
export function buildUpsertDoc(filter: Filter, update: Update): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const [path, v] of fieldEntries(filter)) {
    if (!isCondition(v)) setPath(doc, path, v);
    else if (v.$eq !== undefined) setPath(doc, path, v.$eq);
  }
  for (const [path, v] of Object.entries(update.$setOnInsert ?? {})) setPath(doc, path, v);
  for (const [path, v] of Object.entries(update.$set ?? {})) setPath(doc, path, v);
  for (const [path, n] of Object.entries(update.$inc ?? {})) {
    const cur = getPath(doc, path);
    setPath(doc, path, (typeof cur === 'number' ? cur : 0) + n);
  }
  for (const [path, v] of Object.entries(update.$push ?? {})) {
    const cur = getPath(doc, path);
    setPath(doc, path, Array.isArray(cur) ? [...cur, v] : [v]);
  }
  for (const path of Object.keys(update.$unset ?? {})) unsetPath(doc, path);
  return doc;
}
