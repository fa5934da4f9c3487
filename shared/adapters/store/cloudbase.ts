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

function makeCollection<T extends Doc>(name: string, db: CbDb): Collection<T> {
  const _ = db.command;
  const coll = () => db.collection(name);
  const where = (filter: Filter) => coll().where(toCbWhere(filter, _));
  const ttl = new Map<string, number>();
  let lastPurge = 0;

  const purgeExpired = async (force = false): Promise<void> => {
    if (ttl.size === 0 || (!force && Date.now() - lastPurge < TTL_PURGE_INTERVAL_MS)) return;
    lastPurge = Date.now();
    for (const [field, seconds] of ttl) {
      await orEmpty(() => coll().where({ [field]: _.lt(new Date(Date.now() - seconds * 1000)) }).remove(), { deleted: 0 });
    }
  };

  /** A collection that does not exist yet reads as empty, like MongoDB. */
  const orEmpty = async <R>(run: () => Promise<R>, empty: R): Promise<R> => {
    try {
      return await run();
    } catch (e) {
      if (isNoCollection(e)) return empty;
      throw e;
    }
  };
  const read = async <R>(run: () => Promise<R>, empty: R): Promise<R> => {
    await purgeExpired();
    return orEmpty(run, empty);
  };

  const createCollection = async () => {
    try {
      await db.createCollection(name);
    } catch (e) {
      if (!isAlreadyThere(e)) throw e;
    }
  };

  /** `add` with the caller's `_id`; creates the collection on first use. */
  const add = async (doc: Record<string, unknown>): Promise<void> => {
    try {
      await coll().add(doc);
    } catch (e) {
      if (isDuplicate(e)) throw new DuplicateKeyError(name, { cause: e });
      if (!isNoCollection(e)) throw e;
      await createCollection();
      try {
        await coll().add(doc);
      } catch (e2) {
        if (isDuplicate(e2)) throw new DuplicateKeyError(name, { cause: e2 });
        throw e2;
      }
    }
  };

  /**
   * CloudBase's `update` reports `updated` = documents *modified*, so a matching document the
   * update leaves unchanged would read as "no match". `updateAndReturn` (findAndModify) returns
   * the document whenever one matched, which is the port's `matched`, atomically — the CAS
   * guarantee holds because the match and the write are one server-side operation.
   */
  const updateOnce = async (filter: Filter, update: Update): Promise<number> => {
    if (!hasWriteOps(update)) return Math.min(1, (await orEmpty(() => where(filter).limit(1).count(), { total: 0 })).total);
    const r = await orEmpty(() => where(filter).updateAndReturn(toCbUpdate(update, _)), { updated: 0 });
    return r.doc ? 1 : Math.min(1, r.updated ?? 0);
  };

  const guard = async <R>(run: () => Promise<R>): Promise<R> => {
    try {
      return await run();
    } catch (e) {
      if (isDuplicate(e)) throw new DuplicateKeyError(name, { cause: e });
      throw e;
    }
  };

  const find = async (filter: Filter, options: FindOptions = {}): Promise<T[]> => {
    let q = where(filter);
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
      const { data } = await read(() => page.get(), { data: [] as unknown[] });
      out.push(...(data as T[]));
      if (data.length < size) break;
      offset += data.length;
    }
    return out;
  };

  return {
    insert: async (doc) => {
      const stored = { ...doc, _id: doc._id ?? newId() };
      await purgeExpired();
      await add(stored);
      return stored as T;
    },
    get: async (id) => {
      const [first] = await find({ _id: id }, { limit: 1 });
      return first ?? null;
    },
    findOne: async (filter, options) => {
      const [first] = await find(filter, { ...(options?.sort ? { sort: options.sort } : {}), limit: 1 });
      return first ?? null;
    },
    find,
    count: async (filter) => (await read(() => where(filter).count(), { total: 0 })).total,
    updateOne: (filter, update, options) =>
      guard(async (): Promise<UpdateResult> => {
        await purgeExpired();
        const matched = await updateOnce(filter, update);
        if (matched > 0 || !options?.upsert) return { matched, upserted: false };
        const doc = buildUpsertDoc(filter, update);
        try {
          await add({ ...doc, _id: typeof doc._id === 'string' ? doc._id : newId() });
          return { matched: 0, upserted: true };
        } catch (e) {
          // Another upsert inserted first: ours becomes an update of that document.
          if (!(e instanceof DuplicateKeyError)) throw e;
          const retried = await updateOnce(filter, update);
          if (retried === 0) throw e;
          return { matched: retried, upserted: false };
        }
      }),
    /**
     * `matched` here is CloudBase's `updated` (documents modified): a matching document that
     * already held the new values is not counted. There is no multi-document findAndModify.
     */
    updateMany: (filter, update) =>
      guard(async () => {
        await purgeExpired();
        if (!hasWriteOps(update)) return { matched: (await orEmpty(() => where(filter).count(), { total: 0 })).total };
        const r = await orEmpty(() => where(filter).update(toCbUpdate(update, _)), { updated: 0 });
        return { matched: r.updated };
      }),
    deleteOne: async (filter) =>
      (await orEmpty(() => where(filter).options({ multiple: false }).remove(), { deleted: 0 })).deleted,
    deleteMany: async (filter) => (await orEmpty(() => where(filter).remove(), { deleted: 0 })).deleted,
    /**
     * The SDK has no index API. Unique and ordinary indexes are created in the CloudBase console
     * (数据库 → 集合 → 索引管理) or by the deploy step; here the spec is validated and the collection
     * created if missing. CloudBase has no TTL either: a TTL spec is remembered for this warm
     * instance and expired documents are purged now and then at most once a minute before reads
     * and writes of this collection (the port promises only eventual removal).
     */
    ensureIndex: async (spec: IndexSpec) => {
      if (spec.fields.length === 0) throw new Error(`ensureIndex on ${name}: fields must not be empty`);
      await createCollection();
      if (spec.expireAfterSeconds !== undefined) {
        if (spec.fields.length !== 1 || spec.expireAfterSeconds < 0) {
          throw new Error(`ensureIndex on ${name}: a TTL index takes one Date field and seconds ≥ 0`);
        }
        ttl.set(spec.fields[0] as string, spec.expireAfterSeconds);
        await purgeExpired(true);
      }
    },
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
