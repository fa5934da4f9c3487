import { init } from '@cloudbase/node-sdk';
import { DuplicateKeyError } from '../../errors';
import type { Collection, Doc, DocumentStore, Filter, FindOptions, IndexSpec, Update, UpdateResult } from '../../ports/document-store';
import { assertCollectionName } from './collection-name';
import { type CbCommand, toCbUpdate, toCbWhere } from './cloudbase-query';
import { newId } from './new-id';
import { buildUpsertDoc, hasWriteOps } from './port-shapes';

export interface CloudbaseStoreOptions {
  envId: string;
  /** Omit inside CloudBase/SCF functions: the SDK then uses the function's own role credentials. */
  secretId?: string;
  secretKey?: string;
  sessionToken?: string;
}

/** The slice of @cloudbase/database's Query/Collection the adapter uses (the SDK's own types are loose). */
interface CbQuery {
  where(query: object): CbQuery;
  orderBy(path: string, direction: 'asc' | 'desc'): CbQuery;
  skip(n: number): CbQuery;
  limit(n: number): CbQuery;
  options(o: { multiple?: boolean }): CbQuery;
  get(): Promise<{ data: unknown[] }>;
  count(): Promise<{ total: number }>;
  update(data: object): Promise<{ updated: number }>;
  updateAndReturn(data: object): Promise<{ updated?: number; doc?: unknown }>;
  remove(): Promise<{ deleted: number }>;
}
interface CbCollection extends CbQuery {
  add(doc: object): Promise<{ id?: string }>;
  doc(id: string): { get(): Promise<{ data: unknown[] | unknown }> };
}
interface CbDb {
  command: CbCommand;
  collection(name: string): CbCollection;
  createCollection(name: string): Promise<unknown>;
}

/** `get()` returns at most this many documents per request (SDK cap); bigger reads are paged. */
export const CLOUDBASE_PAGE = 1000;
/** How often (per collection and warm instance) expired documents are purged; see ensureIndex. */
const TTL_PURGE_INTERVAL_MS = 60_000;

const errCode = (e: unknown): string => String((e as { code?: unknown } | null)?.code ?? '');
const errText = (e: unknown): string => `${errCode(e)} ${(e as { message?: unknown } | null)?.message ?? ''}`;
const isDuplicate = (e: unknown) => errCode(e) === 'DATABASE_DUPLICATE_WRITE' || /E11000|duplicate key/i.test(errText(e));
const isNoCollection = (e: unknown) =>
  errCode(e) === 'DATABASE_COLLECTION_NOT_EXIST' || /collection.{0,20}not.?exist/i.test(errText(e));
const isAlreadyThere = (e: unknown) => /ALREADY_EXIST|already exist/i.test(errText(e));

/** One SDK instance per env and credentials, kept at module scope for warm invocations. */
const apps = new Map<string, CbDb>();

function database(opts: CloudbaseStoreOptions): CbDb {
  const key = `${opts.envId}|${opts.secretId ?? ''}|${opts.sessionToken ?? ''}`;
  let db = apps.get(key);
  if (!db) {
    const app = init({
      env: opts.envId,
      ...(opts.secretId && opts.secretKey ? { secretId: opts.secretId, secretKey: opts.secretKey } : {}),
      ...(opts.sessionToken ? { sessionToken: opts.sessionToken } : {}),
    });
    db = app.database() as unknown as CbDb;
    apps.set(key, db);
  }
  return db;
}

/** One collection's handle: its name, the database, and the TTL specs this warm instance purges by. */
interface CollectionHandle {
  readonly name: string;
  readonly db: CbDb;
  readonly ttl: Map<string, number>;
  lastPurge: number;
}

const coll = (c: CollectionHandle) => c.db.collection(c.name);
const where = (c: CollectionHandle, filter: Filter) => coll(c).where(toCbWhere(filter, c.db.command));

/** A collection that does not exist yet reads as empty, like MongoDB. */
async function orEmpty<R>(run: () => Promise<R>, empty: R): Promise<R> {
  try {
    return await run();
  } catch (e) {
    if (isNoCollection(e)) return empty;
    throw e;
  }
}

/** CloudBase has no TTL: expired documents are removed at most once a minute (see ensureIndex). */
async function purgeExpired(c: CollectionHandle, force = false): Promise<void> {
  if (c.ttl.size === 0 || (!force && Date.now() - c.lastPurge < TTL_PURGE_INTERVAL_MS)) return;
  c.lastPurge = Date.now();
  for (const [field, seconds] of c.ttl) {
    await orEmpty(() => coll(c).where({ [field]: c.db.command.lt(new Date(Date.now() - seconds * 1000)) }).remove(), { deleted: 0 });
  }
}

async function read<R>(c: CollectionHandle, run: () => Promise<R>, empty: R): Promise<R> {
  await purgeExpired(c);
  return orEmpty(run, empty);
}

async function createCollection(c: CollectionHandle): Promise<void> {
  try {
    await c.db.createCollection(c.name);
  } catch (e) {
    if (!isAlreadyThere(e)) throw e;
  }
}

/** `add` with the caller's `_id`; creates the collection on first use. */
async function add(c: CollectionHandle, doc: Record<string, unknown>): Promise<void> {
  try {
    await coll(c).add(doc);
  } catch (e) {
    if (isDuplicate(e)) throw new DuplicateKeyError(c.name, { cause: e });
    if (!isNoCollection(e)) throw e;
    await createCollection(c);
    try {
      await coll(c).add(doc);
    } catch (e2) {
      if (isDuplicate(e2)) throw new DuplicateKeyError(c.name, { cause: e2 });
      throw e2;
    }
  }
}

/**
 * CloudBase's `update` reports `updated` = documents *modified*, so a matching document the
 * update leaves unchanged would read as "no match". `updateAndReturn` (findAndModify) returns
 * the document whenever one matched, which is the port's `matched`, atomically — the CAS
 * guarantee holds because the match and the write are one server-side operation.
 */
async function updateOnce(c: CollectionHandle, filter: Filter, update: Update): Promise<number> {
  if (!hasWriteOps(update)) return Math.min(1, (await orEmpty(() => where(c, filter).limit(1).count(), { total: 0 })).total);
  const r = await orEmpty(() => where(c, filter).updateAndReturn(toCbUpdate(update, c.db.command)), { updated: 0 });
  return r.doc ? 1 : Math.min(1, r.updated ?? 0);
}

async function guard<R>(c: CollectionHandle, run: () => Promise<R>): Promise<R> {
  try {
    return await run();
  } catch (e) {
    if (isDuplicate(e)) throw new DuplicateKeyError(c.name, { cause: e });
    throw e;
  }
}

async function find<T extends Doc>(c: CollectionHandle, filter: Filter, options: FindOptions = {}): Promise<T[]> {
  let q = where(c, filter);
  const sort = { ...options.sort };
  // A stable order makes paging (skip/limit windows of ≤ 1000) deterministic.
  if (!('_id' in sort)) sort._id = 1;
  for (const [path, dir] of Object.entries(sort)) q = q.orderBy(path, dir === -1 ? 'desc' : 'asc');
  // limit 0 means "no limit", as in MongoDB and nedb.
  const wanted = options.limit ? options.limit : Number.POSITIVE_INFINITY;
  const out: T[] = [];
  let offset = options.skip ?? 0;
  while (out.length < wanted) {
    const size = Math.min(CLOUDBASE_PAGE, wanted - out.length);
    const page = q.skip(offset).limit(size);
    const { data } = await read(c, () => page.get(), { data: [] as unknown[] });
    out.push(...(data as T[]));
    if (data.length < size) break;
    offset += data.length;
  }
  return out;
}

async function updateOneOrUpsert(c: CollectionHandle, filter: Filter, update: Update, upsert: boolean): Promise<UpdateResult> {
  await purgeExpired(c);
  const matched = await updateOnce(c, filter, update);
  if (matched > 0 || !upsert) return { matched, upserted: false };
  const doc = buildUpsertDoc(filter, update);
  try {
    await add(c, { ...doc, _id: typeof doc._id === 'string' ? doc._id : newId() });
    return { matched: 0, upserted: true };
  } catch (e) {
    // Another upsert inserted first: ours becomes an update of that document.
    if (!(e instanceof DuplicateKeyError)) throw e;
    const retried = await updateOnce(c, filter, update);
    if (retried === 0) throw e;
    return { matched: retried, upserted: false };
  }
}

/**
 * The SDK has no index API. Unique and ordinary indexes are created in the CloudBase console
 * (数据库 → 集合 → 索引管理) or by the deploy step; here the spec is validated and the collection
 * created if missing. CloudBase has no TTL either: a TTL spec is remembered for this warm
 * instance and expired documents are purged now and then at most once a minute before reads
 * and writes of this collection (the port promises only eventual removal).
 */
async function ensureIndex(c: CollectionHandle, spec: IndexSpec): Promise<void> {
  if (spec.fields.length === 0) throw new Error(`ensureIndex on ${c.name}: fields must not be empty`);
  await createCollection(c);
  if (spec.expireAfterSeconds !== undefined) {
    if (spec.fields.length !== 1 || spec.expireAfterSeconds < 0) {
      throw new Error(`ensureIndex on ${c.name}: a TTL index takes one Date field and seconds ≥ 0`);
    }
    c.ttl.set(spec.fields[0] as string, spec.expireAfterSeconds);
    await purgeExpired(c, true);
  }
}

function makeCollection<T extends Doc>(name: string, db: CbDb): Collection<T> {
  const c: CollectionHandle = { name, db, ttl: new Map(), lastPurge: 0 };
  return {
    insert: async (doc) => {
      const stored = { ...doc, _id: doc._id ?? newId() };
      await purgeExpired(c);
      await add(c, stored);
      return stored as T;
    },
    get: async (id) => {
      const [first] = await find<T>(c, { _id: id }, { limit: 1 });
      return first ?? null;
    },
    findOne: async (filter, options) => {
      const [first] = await find<T>(c, filter, { ...(options?.sort ? { sort: options.sort } : {}), limit: 1 });
      return first ?? null;
    },
    find: (filter, options) => find<T>(c, filter, options),
    count: async (filter) => (await read(c, () => where(c, filter).count(), { total: 0 })).total,
    updateOne: (filter, update, options) => guard(c, () => updateOneOrUpsert(c, filter, update, options?.upsert === true)),
    /**
     * `matched` here is CloudBase's `updated` (documents modified): a matching document that
     * already held the new values is not counted. There is no multi-document findAndModify.
     */
    updateMany: (filter, update) =>
      guard(c, async () => {
        await purgeExpired(c);
        if (!hasWriteOps(update)) return { matched: (await orEmpty(() => where(c, filter).count(), { total: 0 })).total };
        const r = await orEmpty(() => where(c, filter).update(toCbUpdate(update, c.db.command)), { updated: 0 });
        return { matched: r.updated };
      }),
    deleteOne: async (filter) =>
      (await orEmpty(() => where(c, filter).options({ multiple: false }).remove(), { deleted: 0 })).deleted,
    deleteMany: async (filter) => (await orEmpty(() => where(c, filter).remove(), { deleted: 0 })).deleted,
    ensureIndex: (spec) => ensureIndex(c, spec),
  };
}

/** Document store on the CloudBase (云开发) database through @cloudbase/node-sdk. */
export function createCloudbaseStore(opts: CloudbaseStoreOptions): DocumentStore {
  const db = database(opts);
  const colls = new Map<string, Collection<Doc>>();
  return {
    kind: 'cloudbase',
    collection<T extends Doc = Doc>(name: string): Collection<T> {
      assertCollectionName(name);
      let c = colls.get(name);
      if (!c) {
        c = makeCollection<Doc>(name, db);
        colls.set(name, c);
      }
      return c as unknown as Collection<T>;
    },
    /** HTTP based: nothing to close. */
    async close(): Promise<void> {
      colls.clear();
    },
  };
}
