import mongoose from 'mongoose';
import { DuplicateKeyError } from '../../errors';
import type { Collection, Doc, DocumentStore, Filter, FindOptions, IndexSpec, Update, UpdateResult } from '../../ports/document-store';
import { assertCollectionName } from './collection-name';
import { newId } from './new-id';
import { toMongoFilter, toMongoUpdate } from './mongo-query';
import { hasWriteOps } from './port-shapes';

export interface MongoStoreOptions {
  /** Database name; default: the one in the URI (or `test`, the driver default). */
  dbName?: string;
  /** SCF runs one request per instance, so a handful of sockets is plenty. Default 3. */
  maxPoolSize?: number;
}

type Db = mongoose.mongo.Db;
type Native = mongoose.mongo.Collection<mongoose.mongo.Document>;

/**
 * Connections live at module scope so warm invocations of a function reuse them. The entry is
 * stored before it is awaited: two concurrent cold-start requests must not open two pools.
 */
const connections = new Map<string, { conn: mongoose.Connection; ready: Promise<Db> }>();

function connect(uri: string, opts: MongoStoreOptions): { key: string; ready: Promise<Db> } {
  const key = `${opts.dbName ?? ''}|${uri}`;
  const cached = connections.get(key);
  if (cached) return { key, ready: cached.ready };
  const conn = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 5000,
    maxPoolSize: opts.maxPoolSize ?? 3,
    // The port drops `undefined` instead of storing null (as nedb does).
    ignoreUndefined: true,
    ...(opts.dbName ? { dbName: opts.dbName } : {}),
  });
  const ready = conn.asPromise().then(
    (c) => {
      if (!c.db) throw new Error('mongodb connection has no database handle');
      return c.db;
    },
    (err: unknown) => {
      connections.delete(key);
      void conn.close().catch(() => undefined);
      throw err;
    },
  );
  connections.set(key, { conn, ready });
  return { key, ready };
}

const isDuplicateKey = (e: unknown): boolean => {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 11000 || code === 11001;
};

async function translate<R>(name: string, run: () => Promise<R>): Promise<R> {
  try {
    return await run();
  } catch (e) {
    if (isDuplicateKey(e)) throw new DuplicateKeyError(name, { cause: e });
    throw e;
  }
}

function makeCollection<T extends Doc>(name: string, db: () => Promise<Db>): Collection<T> {
  // Resolved per call (a map lookup): after a failed connect the next call dials again.
  const coll = async (): Promise<Native> => (await db()).collection(name);
  const run = <R>(fn: (c: Native) => Promise<R>): Promise<R> => translate(name, async () => fn(await coll()));
  const f = toMongoFilter;

  const updateOnce = async (c: Native, filter: Filter, update: Update, upsert: boolean): Promise<UpdateResult> => {
    if (!upsert && !hasWriteOps(update)) {
      return { matched: Math.min(1, await c.countDocuments(f(filter), { limit: 1 })), upserted: false };
    }
    const r = await c.updateOne(f(filter), toMongoUpdate(filter, update, upsert), { upsert });
    return { matched: r.matchedCount, upserted: r.upsertedCount > 0 };
  };

  return {
    insert: (doc) =>
      run(async (c) => {
        const stored = { ...doc, _id: doc._id ?? newId() };
        // The driver would add an ObjectId to the object it is given; hand it a copy.
        await c.insertOne({ ...stored } as unknown as mongoose.mongo.OptionalId<mongoose.mongo.Document>);
        return stored as T;
      }),
    get: (id) => run(async (c) => (await c.findOne({ _id: id as never })) as T | null),
    findOne: (filter, options) =>
      run(async (c) => (await c.findOne(f(filter), options?.sort ? { sort: options.sort } : {})) as T | null),
    find: (filter, options: FindOptions = {}) =>
      run(async (c) => {
        let cursor = c.find(f(filter));
        if (options.sort) cursor = cursor.sort(options.sort);
        if (options.skip) cursor = cursor.skip(options.skip);
        if (options.limit !== undefined) cursor = cursor.limit(options.limit);
        return (await cursor.toArray()) as unknown as T[];
      }),
    count: (filter) => run((c) => c.countDocuments(f(filter))),
    updateOne: (filter, update, options) =>
      run(async (c) => {
        const upsert = options?.upsert === true;
        try {
          return await updateOnce(c, filter, update, upsert);
        } catch (e) {
          // Two upserts that both missed race to insert; the loser now finds the winner's document.
          if (upsert && isDuplicateKey(e)) return updateOnce(c, filter, update, true);
          throw e;
        }
      }),
    updateMany: (filter, update) =>
      run(async (c) => {
        if (!hasWriteOps(update)) return { matched: await c.countDocuments(f(filter)) };
        const r = await c.updateMany(f(filter), toMongoUpdate(filter, update, false));
        return { matched: r.matchedCount };
      }),
    deleteOne: (filter) => run(async (c) => (await c.deleteOne(f(filter))).deletedCount),
    deleteMany: (filter) => run(async (c) => (await c.deleteMany(f(filter))).deletedCount),
    ensureIndex: (spec: IndexSpec) =>
      run(async (c) => {
        const keys = Object.fromEntries(spec.fields.map((field) => [field, 1 as const]));
        await c.createIndex(keys, {
          unique: spec.unique ?? false,
          ...(spec.expireAfterSeconds !== undefined ? { expireAfterSeconds: spec.expireAfterSeconds } : {}),
        });
      }),
  };
}

/** Document store on MongoDB (TencentDB for MongoDB, Atlas…) through mongoose's connection and the native driver. */
export function createMongoStore(uri: string, opts: MongoStoreOptions = {}): DocumentStore {
  const { key, ready } = connect(uri, opts);
  // Attach a handler now so a failed connect is not an unhandled rejection before first use.
  ready.catch(() => undefined);
  const colls = new Map<string, Collection<Doc>>();
  return {
    kind: 'mongodb',
    collection<T extends Doc = Doc>(name: string): Collection<T> {
      assertCollectionName(name);
      let c = colls.get(name);
      if (!c) {
        c = makeCollection<Doc>(name, () => connect(uri, opts).ready);
        colls.set(name, c);
      }
      return c as unknown as Collection<T>;
    },
    /** Closes the shared connection; warm functions should not call this per invocation. */
    async close(): Promise<void> {
      const entry = connections.get(key);
      connections.delete(key);
      colls.clear();
      if (entry) await entry.conn.close();
    },
  };
}
