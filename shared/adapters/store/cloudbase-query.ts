import type { FieldCondition, Filter, Update } from '../../ports/document-store';
import { fieldEntries, isCondition, writeOps } from './port-shapes';

/** A field condition built by `db.command`; chaining `.and` combines several on one field. */
export interface CbCondition {
  and(other: CbCondition): CbCondition;
}

/** The slice of `db.command` (@cloudbase/database) the adapter uses. */
export interface CbCommand {
  eq(v: unknown): CbCondition;
  neq(v: unknown): CbCondition;
  gt(v: unknown): CbCondition;
  gte(v: unknown): CbCondition;
  lt(v: unknown): CbCondition;
  lte(v: unknown): CbCondition;
  in(v: unknown[]): CbCondition;
  nin(v: unknown[]): CbCondition;
  exists(v: boolean): CbCondition;
  and(expressions: unknown[]): object;
  or(expressions: unknown[]): object;
  set(v: unknown): unknown;
  remove(): unknown;
  inc(n: number): unknown;
  push(values: unknown[]): unknown;
}

const COMPARISONS = [
  ['$eq', 'eq'],
  ['$ne', 'neq'],
  ['$gt', 'gt'],
  ['$gte', 'gte'],
  ['$lt', 'lt'],
  ['$lte', 'lte'],
] as const;

function condition(c: FieldCondition, _: CbCommand): CbCondition | undefined {
  const parts: CbCondition[] = [];
  for (const [op, method] of COMPARISONS) if (c[op] !== undefined) parts.push(_[method](c[op]));
  if (c.$in !== undefined) parts.push(_.in(c.$in));
  if (c.$nin !== undefined) parts.push(_.nin(c.$nin));
  if (c.$exists !== undefined) parts.push(_.exists(c.$exists));
  return parts.reduce<CbCondition | undefined>((acc, p) => (acc ? acc.and(p) : p), undefined);
}

/**
 * Port filter → a `where()` argument. Plain scalars stay plain (CloudBase reads `{ a: 1 }` as
 * equality; Dates and null pass through), operators become `db.command` calls, `$or` becomes `_.or`.
 * Null semantics are the server's, which is MongoDB: `{ f: null }` also matches a missing field.
 */
export function toCbWhere(filter: Filter, _: CbCommand): object {
  const fields: Record<string, unknown> = {};
  for (const [path, v] of fieldEntries(filter)) {
    if (!isCondition(v)) fields[path] = v;
    else {
      const cond = condition(v, _);
      if (cond) fields[path] = cond;
    }
  }
  if (!filter.$or) return fields;
  const or = _.or(filter.$or.map((f) => toCbWhere(f, _)));
  return Object.keys(fields).length === 0 ? or : _.and([fields, or]);
}

/**
 * Port update → `update()` data. Every value is wrapped in a command: a plain object would be
 * merged field by field (CloudBase flattens it), while the port's `$set` replaces the value.
 * `$push` goes through `$each: [value]` so an array value is pushed as one element, as in MongoDB.
 */
export function toCbUpdate(update: Update, _: CbCommand): Record<string, unknown> {
  const ops = writeOps(update);
  const data: Record<string, unknown> = {};
  for (const [path, v] of Object.entries(ops.$set ?? {})) data[path] = _.set(v);
  for (const path of Object.keys(ops.$unset ?? {})) data[path] = _.remove();
  for (const [path, n] of Object.entries(ops.$inc ?? {})) data[path] = _.inc(n);
  for (const [path, v] of Object.entries(ops.$push ?? {})) data[path] = _.push([v]);
  return data;
}
