import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Datastore from '@seald-io/nedb';
import { DuplicateKeyError } from '../../errors';
import type {
  Collection,
  Doc,
  DocumentStore,
  Filter,
  FindOptions,
  IndexSpec,
  Update,
  UpdateResult,
} from '../../ports/document-store';
import { assertCollectionName } from './collection-name';
import { newId } from './new-id';
import { toNedbQuery } from './nedb-query';
import { RangeKeys } from './nedb-range-keys';
import { copyWithout, orderedPlan, readOrdered, type NedbInternals } from './nedb-ordered-range';
import { buildUpsertDoc, hasWriteOps, writeOps } from './port-shapes';
import { acquireDataDirLock } from './data-dir-lock';
import { appendThroughOpenHandles } from './append-handle';
import { keepUnchangedIndexKeys } from './nedb-index-update';

/**
 * The files hold members' records (health fields encrypted, the rest in clear) and the dev secrets
 * sit next to them: owner only. nedb applies these modes to the files and folders it creates; files
 * and a folder left by an older run are narrowed when opened.
 */
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

export interface EmbeddedStoreOptions {
  /** Folder for `<collection>.db` files (created on first use). Default `.data`. Ignored when `inMemory`. */
  dir?: string;
  /** Keep everything in memory (tests, demos). Each in-memory store is independent. */
  inMemory?: boolean;
  /**
   * nedb appends every write, so files grow until compacted. Compaction always runs on `close()`;
   * set this (≥ 5000 ms) for long-running processes such as the dev server. Off by default (serverless).
   */
  autocompactionIntervalMs?: number;
}

type Raw = Record<string, unknown>;
type Ds = Datastore<Raw>;

interface Opened {
  ds: Ds;
  ready: Promise<void>;
  refs: number;
  timer?: NodeJS.Timeout;
  /** Serialises upserts of this datastore (nedb cannot upsert with `$setOnInsert`). */
  upsertTail: Promise<unknown>;
  ranges: RangeKeys;
}

/**
 * File-backed datastores are shared per absolute path inside the process: two nedb instances on
 * one file would each append their own view and lose writes on the next load.
 */
const openFiles = new Map<string, Opened>();

const isUniqueViolation = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { errorType?: unknown }).errorType === 'uniqueViolated';

async function translate<R>(name: string, run: () => Promise<R>): Promise<R> {
  try {
    return await run();
  } catch (e) {
    if (isUniqueViolation(e)) throw new DuplicateKeyError(name, { cause: e });
    throw e;
  }
}

function serial<R>(o: Opened, fn: () => Promise<R>): Promise<R> {
  const run = o.upsertTail.then(fn, fn);
  o.upsertTail = run.catch(() => undefined);
  return run;
}

function openDatastore(file: string | null, autocompactionIntervalMs?: number): Opened {
  if (file && existsSync(file)) chmodSync(file, FILE_MODE);
  const ds: Ds = file ? new Datastore<Raw>({ filename: file, modes: { fileMode: FILE_MODE, dirMode: DIR_MODE } }) : new Datastore<Raw>({ inMemoryOnly: true });
  // Every datastore starts with its `_id` index: the class all its indexes share is patched through it.
  keepUnchangedIndexKeys((ds as unknown as { indexes: { _id: object } }).indexes._id);
  const o: Opened = { ds, ready: ds.loadDatabaseAsync(), refs: 0, upsertTail: Promise.resolve(), ranges: new RangeKeys() };
  if (file && autocompactionIntervalMs) {
    o.timer = setInterval(() => void ds.compactDatafileAsync().catch(() => undefined), Math.max(5000, autocompactionIntervalMs));
    o.timer.unref();
  }
  return o;
}

/** An index on one collection's datastore: a ranged one through its range key (nedb-range-keys.ts), else nedb's own. */
async function ensureNedbIndex(o: Opened, spec: IndexSpec): Promise<void> {
  const ds = o.ds;
  const ranges = o.ranges;
  const [field] = spec.fields;
  if (spec.ranged && spec.fields.length === 1 && field !== undefined && !spec.unique) {
    await ds.ensureIndexAsync({ fieldName: RangeKeys.keyOf(field), sparse: true });
    for (const d of ds.getAllData()) ranges.note(field, d[field]);
    ranges.add(field);
    // Documents written before this process knew the index get their key now.
    const key = RangeKeys.keyOf(field);
    for (const d of ds.getAllData()) {
      if (typeof d[field] === 'number' && d[key] === undefined) await ds.updateAsync({ _id: d._id }, { $set: ranges.withKeys({ [field]: d[field] }) }, {});
    }
    return;
  }
  // A TTL index is only nedb's `ttlIndexes` entry: nedb expires documents as they turn up as query candidates and never
  // reads the tree, so on a plain (not unique) TTL field the tree would be one more AVL insert on every write for nothing
  // (the callback inbox: one insert per WeCom callback).
  if (spec.expireAfterSeconds !== undefined && !spec.unique && spec.fields.length === 1) {
    registerTtl(ds, spec.fields, spec.expireAfterSeconds);
    return;
  }
  const fieldName = spec.fields.length === 1 ? (spec.fields[0] as string) : spec.fields;
  await ds.ensureIndexAsync({
    fieldName,
    unique: spec.unique ?? false,
    ...(spec.expireAfterSeconds !== undefined ? { expireAfterSeconds: spec.expireAfterSeconds } : {}),
  });
  // nedb persists the index but not its TTL, and ensureIndex returns early for an index it
  // loaded from disk — so (re)register the TTL ourselves on every open.
  if (spec.expireAfterSeconds !== undefined) registerTtl(ds, spec.fields, spec.expireAfterSeconds);
}

function registerTtl(ds: Ds, fields: readonly string[], seconds: number): void {
  (ds as unknown as { ttlIndexes: Record<string, number> }).ttlIndexes[[...fields].sort().join(',')] = seconds;
}

function makeCollection<T extends Doc>(name: string, o: Opened): Collection<T> {
  const ds = o.ds;
  const ranges = o.ranges;
  const q = (filter: Filter) => ranges.withKeyBounds(toNedbQuery(filter));
  /**
   * Candidates read through a range key come in key order, not nedb's usual `_id` order; when nedb's
   * find sorts them (not the ordered read below), ties of the caller's sort are put back in `_id` order.
   */
  const sortOf = (query: Record<string, unknown>, sort: FindOptions['sort']): FindOptions['sort'] => {
    if (!ranges.any || !ranges.bounded(query)) return sort;
    return sort && '_id' in sort ? sort : { ...sort, _id: 1 };
  };
  const ready = <R>(fn: () => Promise<R>): Promise<R> => o.ready.then(() => translate(name, fn));
  const internals = ds as unknown as NedbInternals;
  /**
   * A sorted, limited read a range key serves in order (nedb-ordered-range.ts), in nedb's executor
   * like its own find; undefined: nedb's find. Ties of the sort come in key order unless the caller
   * sorts on `_id` next (the port asks for a tie-breaker where order among equals matters).
   */
  const ordered = (query: Record<string, unknown>, options: FindOptions): Promise<T[]> | undefined => {
    const plan = orderedPlan(query, options.sort, options.limit, internals, ranges);
    if (!plan) return undefined;
    const skip = options.skip ?? 0;
    const hidden = Object.keys(ranges.projection() ?? {});
    return internals.executor.pushAsync(async () => readOrdered(internals, query, plan, skip + (options.limit ?? 0)).slice(skip).map((d) => copyWithout(d, hidden) as T));
  };
  /** Without the range keys (nedb-range-keys.ts), which are the adapter's business. */
  const strip = <D>(doc: D): D => {
    if (!ranges.any || doc === null || typeof doc !== 'object') return doc;
    const out = { ...(doc as Raw) };
    for (const k of Object.keys(ranges.projection() ?? {})) delete out[k];
    return out as D;
  };

  /** One nedb update with the range keys kept in step. */
  const nedbUpdate = async (filter: Filter, upd: Update, multi: boolean): Promise<number> => {
    const { update: ops, recompute } = ranges.withKeyWrites(writeOps(upd));
    const r = await ds.updateAsync(q(filter), ops, { multi, returnUpdatedDocs: recompute.length > 0 });
    if (recompute.length > 0) {
      const docs = ([] as Raw[]).concat((r.affectedDocuments as Raw | Raw[] | null) ?? []);
      for (const d of docs) await ds.updateAsync({ _id: d._id }, { $set: ranges.withKeys(Object.fromEntries(recompute.map((f) => [f, d[f]]))) }, {});
    }
    return r.numAffected;
  };

  const updateOnce = async (filter: Filter, upd: Update): Promise<number> => {
    if (!hasWriteOps(upd)) return Math.min(1, await ds.countAsync(q(filter)));
    return nedbUpdate(filter, upd, false);
  };

  return {
    insert: (doc) =>
      ready(async () => strip((await ds.insertAsync(ranges.withKeys({ ...doc, _id: doc._id ?? newId() }))) as unknown as T)),

    get: (id) => ready(async () => ((await ds.findOneAsync({ _id: id }, ranges.projection() ?? {})) as T | null) ?? null),

    findOne: (filter, options) =>
      ready(async () => {
        const query = q(filter);
        const fast = ordered(query, { ...options, limit: 1 });
        if (fast) return (await fast)[0] ?? null;
        const sort = sortOf(query, options?.sort);
        let cursor = ds.findAsync(query, ranges.projection() ?? {});
        if (sort) cursor = cursor.sort(sort);
        const [first] = await cursor.limit(1);
        return (first as T | undefined) ?? null;
      }),

    find: (filter, options: FindOptions = {}) =>
      ready(async () => {
        const query = q(filter);
        const fast = ordered(query, options);
        if (fast) return fast;
        const sort = sortOf(query, options.sort);
        let cursor = ds.findAsync(query, ranges.projection() ?? {});
        if (sort) cursor = cursor.sort(sort);
        if (options.skip) cursor = cursor.skip(options.skip);
        if (options.limit !== undefined) cursor = cursor.limit(options.limit);
        return (await cursor) as unknown as T[];
      }),

    count: (filter) => ready(async () => ds.countAsync(q(filter))),

    updateOne: (filter, update, options) =>
      ready(async (): Promise<UpdateResult> => {
        if (!options?.upsert) return { matched: await updateOnce(filter, update), upserted: false };
        // Atomic within this process: upserts are serialised, and a plain insert that slips in
        // between our miss and our insert surfaces as a duplicate `_id` → we update instead.
        return serial(o, () =>
          translate(name, async () => {
            const matched = await updateOnce(filter, update);
            if (matched > 0) return { matched, upserted: false };
            const doc = buildUpsertDoc(filter, update);
            try {
              await ds.insertAsync(ranges.withKeys({ ...doc, _id: typeof doc._id === 'string' ? doc._id : newId() }));
              return { matched: 0, upserted: true };
            } catch (e) {
              if (!isUniqueViolation(e)) throw e;
              const retried = await updateOnce(filter, update);
              if (retried === 0) throw e;
              return { matched: retried, upserted: false };
            }
          }),
        );
      }),

    updateMany: (filter, update) =>
      ready(async () => {
        if (!hasWriteOps(update)) return { matched: await ds.countAsync(q(filter)) };
        return { matched: await nedbUpdate(filter, update, true) };
      }),

    deleteOne: (filter) => ready(() => ds.removeAsync(q(filter), { multi: false })),

    deleteMany: (filter) => ready(() => ds.removeAsync(q(filter), { multi: true })),

    ensureIndex: (spec: IndexSpec) => ready(() => ensureNedbIndex(o, spec)),
  };
}

/**
 * Document store on @seald-io/nedb: one datastore (file `${dir}/${name}.db`) per collection,
 * opened lazily. Single-process only, and enforced: a file-backed store takes the folder's lock when
 * created (data-dir-lock.ts), so a second process on the same folder fails at once, naming the
 * holder. TTL fields must be top-level `Date`s; expired documents disappear on the next read or
 * write that touches them (nedb expires lazily).
 */
export function createEmbeddedStore(opts: EmbeddedStoreOptions = {}): DocumentStore {
  const inMemory = opts.inMemory === true;
  const dir = resolve(opts.dir ?? '.data');
  const mine = new Map<string, { o: Opened; key: string | null; coll: Collection<Doc> }>();
  let releaseLock: (() => void) | undefined;
  if (!inMemory) {
    appendThroughOpenHandles();
    mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    chmodSync(dir, DIR_MODE);
    releaseLock = acquireDataDirLock(dir);
  }

  const open = (name: string): Opened => {
    if (inMemory) return openDatastore(null);
    const file = join(dir, `${name}.db`);
    let o = openFiles.get(file);
    if (!o) {
      o = openDatastore(file, opts.autocompactionIntervalMs);
      openFiles.set(file, o);
    }
    o.refs += 1;
    return o;
  };

  return {
    kind: 'embedded',
    collection<T extends Doc = Doc>(name: string): Collection<T> {
      assertCollectionName(name);
      let entry = mine.get(name);
      if (!entry) {
        const o = open(name);
        entry = { o, key: inMemory ? null : join(dir, `${name}.db`), coll: makeCollection<Doc>(name, o) };
        mine.set(name, entry);
      }
      return entry.coll as unknown as Collection<T>;
    },
    /** Compacts every file this store opened (a reopen then reads one clean line per document). */
    async close(): Promise<void> {
      const entries = [...mine.values()];
      mine.clear();
      await Promise.all(
        entries.map(async ({ o, key }) => {
          await o.ready.catch(() => undefined);
          await o.upsertTail;
          if (key === null) return;
          await o.ds.compactDatafileAsync();
          o.refs -= 1;
          if (o.refs === 0) {
            if (o.timer) clearInterval(o.timer);
            openFiles.delete(key);
          }
        }),
      );
      releaseLock?.();
    },
  };
}
