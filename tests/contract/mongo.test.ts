import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createMongoStore } from '../../shared/adapters/store/mongo';
import { describeStoreContract } from './document-store.contract';
import { runPrefix } from './run-prefix';

const uri = process.env.MONGODB_URI;

if (!uri) {
  console.log('[contract] mongodb skipped: MONGODB_URI not set');
  describe.skip('DocumentStore contract: mongodb (MONGODB_URI not set)', () => {
    it('runs against a real MongoDB', () => undefined);
  });
} else {
  const prefix = runPrefix();

  /** A connection of the test's own, so checks and clean-up do not go through the adapter under test. */
  const withDb = async <R>(fn: (db: mongoose.mongo.Db) => Promise<R>): Promise<R> => {
    const conn = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
    try {
      return await fn(conn.db as mongoose.mongo.Db);
    } finally {
      await conn.close();
    }
  };

  const dropAll = async (_store: unknown, collections: string[]) => {
    await withDb(async (db) => {
      for (const name of collections) await db.dropCollection(name).catch(() => undefined);
    });
  };

  describeStoreContract('mongodb', async () => createMongoStore(uri), dropAll, { prefix, ttl: 'eventual' });

  describe('mongodb adapter specifics', () => {
    it('creates real unique and TTL indexes and stores string ids', async () => {
      const store = createMongoStore(uri);
      const name = `${prefix}_idx`;
      try {
        const c = store.collection(name);
        await c.ensureIndex({ fields: ['expiresAt'], expireAfterSeconds: 30 });
        await c.ensureIndex({ fields: ['a', 'b'], unique: true });
        await c.updateOne({ a: 1, b: 2 }, { $set: { v: 1 } }, { upsert: true });
        const [indexes, raw] = await withDb(async (db) => [
          await db.collection(name).indexes(),
          await db.collection(name).findOne({ a: 1 }),
        ]);
        expect(indexes.find((i) => i.key.expiresAt === 1)?.expireAfterSeconds).toBe(30);
        expect(indexes.find((i) => i.key.a === 1 && i.key.b === 1)?.unique).toBe(true);
        expect(typeof raw?._id).toBe('string');
      } finally {
        await dropAll(store, [name]);
        await store.close();
      }
    });
  });
}
