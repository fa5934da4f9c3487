import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuplicateKeyError } from '../../shared/errors';
import type { Collection, Doc, DocumentStore } from '../../shared/ports/document-store';

export interface StoreContractOptions {
  /** Prefix of every collection name; make it unique per run for shared remote databases. */
  prefix?: string;
  /**
   * `immediate`: a document that expired before ensureIndex is gone right after it (embedded:
   * nedb expires on read; CloudBase: the adapter purges on ensureIndex).
   * `eventual`: the backend removes it later (MongoDB's TTL monitor, ~60 s) — only the index
   * call and the survival of live documents are checked here.
   */
  ttl?: 'immediate' | 'eventual';
  /**
   * False when ensureIndex cannot create unique indexes on fresh collections (CloudBase: indexes
   * are made in the console), so the cases that need one are skipped; `_id` uniqueness still runs.
   */
  secondaryUniqueIndexes?: boolean;
}

export type StoreCleanup = (store: DocumentStore, collections: string[]) => Promise<void>;

type Person = Doc & {
  name: string;
  age?: number | null;
  city?: string;
  bornAt?: Date;
  profile?: { tier?: string; score?: number; tags?: string[] };
};

const sortedIds = (docs: Doc[]) => docs.map((d) => d._id).sort();

/** The behaviour every DocumentStore adapter must show; one describe block per backend. */
export function describeStoreContract(
  name: string,
  factory: () => Promise<DocumentStore>,
  cleanup?: StoreCleanup,
  options: StoreContractOptions = {},
): void {
  describe(`DocumentStore contract: ${name}`, () => {
    let store: DocumentStore;
    const used: string[] = [];
    let seq = 0;
    const prefix = options.prefix ?? 'ct';
    const itUnique = options.secondaryUniqueIndexes === false ? it.skip : it;
    const fresh = <T extends Doc = Doc>(label: string): Collection<T> => {
      seq += 1;
      const collName = `${prefix}_${seq}_${label}`;
      used.push(collName);
      return store.collection<T>(collName);
    };

    beforeAll(async () => {
      store = await factory();
    });

    afterAll(async () => {
      if (!store) return;
      try {
        if (cleanup) await cleanup(store, used);
      } finally {
        await store.close();
      }
    });

    const seedPeople = async (c: Collection<Person>) => {
      const people: Person[] = [
        { _id: 'p1', name: 'An', age: 30, city: 'Shanghai', bornAt: new Date('1994-03-01T00:00:00Z'), profile: { tier: 'gold', score: 7 } },
        { _id: 'p2', name: 'Bo', age: 45, city: 'Beijing', bornAt: new Date('1979-07-15T00:00:00Z'), profile: { tier: 'silver', score: 3 } },
        { _id: 'p3', name: 'Chen', age: 61, city: 'Shanghai', bornAt: new Date('1963-11-30T00:00:00Z'), profile: { tier: 'gold', score: 9 } },
        { _id: 'p4', name: 'Du', age: null, city: 'Shenzhen', profile: { score: 5 } },
        { _id: 'p5', name: 'Er', city: 'Beijing' },
      ];
      for (const p of people) await c.insert(p);
      return people;
    };

    it('inserts and gets a document back unchanged; unknown id → null', async () => {
      const c = fresh('basic');
      const doc = { _id: 'u1', name: 'Li', n: 3, ok: true, none: null, list: [1, 'a'], nested: { a: { b: 'c' } } };
      const returned = await c.insert(doc);
      expect(returned).toEqual(doc);
      expect(await c.get('u1')).toEqual(doc);
      expect(await c.get('missing')).toBeNull();
    });

    it('round-trips Dates as Date objects, also nested and in arrays', async () => {
      const c = fresh('dates');
      const at = new Date('2025-01-02T03:04:05.678Z');
      await c.insert({ _id: 'd1', at, inner: { at }, many: [at] });
      const got = await c.get('d1');
      expect(got?.at).toBeInstanceOf(Date);
      expect((got?.at as Date).getTime()).toBe(at.getTime());
      expect((got?.inner as { at: Date }).at).toBeInstanceOf(Date);
      expect((got?.many as Date[])[0]).toBeInstanceOf(Date);
      expect(await c.findOne({ at })).not.toBeNull();
      expect(await c.count({ at: { $gt: new Date(at.getTime() - 1) } })).toBe(1);
      expect(await c.count({ at: { $lt: at } })).toBe(0);
    });

    it('filters with every operator of the port and $or', async () => {
      const c = fresh<Person>('ops');
      await seedPeople(c);
      const ids = async (f: Parameters<typeof c.find>[0]) => sortedIds(await c.find(f));

      expect(await ids({ city: 'Shanghai' })).toEqual(['p1', 'p3']);
      expect(await ids({ city: { $eq: 'Beijing' } })).toEqual(['p2', 'p5']);
      expect(await ids({ city: { $ne: 'Beijing' } })).toEqual(['p1', 'p3', 'p4']);
      expect(await ids({ age: { $gt: 30 } })).toEqual(['p2', 'p3']);
      expect(await ids({ age: { $gte: 30 } })).toEqual(['p1', 'p2', 'p3']);
      expect(await ids({ age: { $lt: 45 } })).toEqual(['p1']);
      expect(await ids({ age: { $lte: 45 } })).toEqual(['p1', 'p2']);
      expect(await ids({ age: { $gt: 30, $lt: 61 } })).toEqual(['p2']);
      // An equality, an $in and a range together: a member's events of some types in a time window (outcome-events.ts).
      expect(await ids({ city: { $in: ['Beijing', 'Shanghai'] }, name: { $ne: 'An' }, age: { $gte: 45, $lt: 62 } })).toEqual(['p2', 'p3']);
      expect(await ids({ city: 'Beijing', name: { $in: ['Bo', 'Er', 'Chen'] }, age: { $gte: 30, $lt: 45 } })).toEqual([]);
      expect(await ids({ name: { $gte: 'Bo', $lt: 'Du' } })).toEqual(['p2', 'p3']);
      expect(await ids({ bornAt: { $lt: new Date('1980-01-01T00:00:00Z') } })).toEqual(['p2', 'p3']);
      expect(await ids({ city: { $in: ['Shenzhen', 'Beijing'] } })).toEqual(['p2', 'p4', 'p5']);
      expect(await ids({ city: { $nin: ['Shenzhen', 'Beijing'] } })).toEqual(['p1', 'p3']);
      expect(await ids({ bornAt: { $exists: true } })).toEqual(['p1', 'p2', 'p3']);
      expect(await ids({ bornAt: { $exists: false } })).toEqual(['p4', 'p5']);
      expect(await ids({ $or: [{ city: 'Shenzhen' }, { age: { $gt: 50 } }] })).toEqual(['p3', 'p4']);
      expect(await ids({ city: 'Beijing', $or: [{ age: 45 }, { name: 'Zed' }] })).toEqual(['p2']);
      expect(await ids({ city: 'Nowhere' })).toEqual([]);
      // a key whose value is undefined is ignored
      expect(await ids({ city: 'Shanghai', age: undefined })).toEqual(['p1', 'p3']);
    });

    it('treats null like MongoDB: null matches missing, $ne null means present', async () => {
      const c = fresh<Person>('nulls');
      await seedPeople(c);
      const ids = async (f: Parameters<typeof c.find>[0]) => sortedIds(await c.find(f));
      expect(await ids({ age: null })).toEqual(['p4', 'p5']);
      expect(await ids({ age: { $eq: null } })).toEqual(['p4', 'p5']);
      expect(await ids({ age: { $ne: null } })).toEqual(['p1', 'p2', 'p3']);
      expect(await ids({ age: { $in: [null, 30] } })).toEqual(['p1', 'p4', 'p5']);
      expect(await ids({ age: { $nin: [null, 30] } })).toEqual(['p2', 'p3']);
      expect(await ids({ age: { $exists: true } })).toEqual(['p1', 'p2', 'p3', 'p4']);
    });

    it('addresses nested fields with dotted paths in filters, updates and sort', async () => {
      const c = fresh<Person>('dotted');
      await seedPeople(c);
      expect(sortedIds(await c.find({ 'profile.tier': 'gold' }))).toEqual(['p1', 'p3']);
      expect(sortedIds(await c.find({ 'profile.score': { $gte: 5 } }))).toEqual(['p1', 'p3', 'p4']);
      expect(sortedIds(await c.find({ 'profile.tier': { $exists: false } }))).toEqual(['p4', 'p5']);
      const byScore = await c.find({ 'profile.score': { $exists: true } }, { sort: { 'profile.score': -1 } });
      expect(byScore.map((d) => d._id)).toEqual(['p3', 'p1', 'p4', 'p2']);

      await c.updateOne({ _id: 'p4' }, { $set: { 'profile.tier': 'bronze' }, $inc: { 'profile.score': 2 } });
      await c.updateOne({ _id: 'p5' }, { $set: { 'profile.tier': 'new' } });
      await c.updateOne({ _id: 'p1' }, { $unset: { 'profile.tier': true }, $push: { 'profile.tags': 'vip' } });
      expect((await c.get('p4'))?.profile).toEqual({ tier: 'bronze', score: 7 });
      expect((await c.get('p5'))?.profile).toEqual({ tier: 'new' });
      expect((await c.get('p1'))?.profile).toEqual({ score: 7, tags: ['vip'] });
    });

    it('sorts ascending and descending, with skip and limit', async () => {
      const c = fresh('paging');
      for (let i = 0; i < 12; i += 1) {
        await c.insert({ _id: `k${String(i).padStart(2, '0')}`, n: (i * 7) % 12, group: i % 2 === 0 ? 'even' : 'odd' });
      }
      const asc = await c.find({}, { sort: { n: 1 } });
      expect(asc.map((d) => d.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      const desc = await c.find({}, { sort: { n: -1 }, skip: 2, limit: 3 });
      expect(desc.map((d) => d.n)).toEqual([9, 8, 7]);
      const page = await c.find({ group: 'even' }, { sort: { n: 1 }, skip: 1, limit: 2 });
      expect(page.map((d) => d.n)).toEqual([2, 4]);
      const twoKeys = await c.find({ n: { $lt: 4 } }, { sort: { group: 1, n: -1 } });
      expect(twoKeys.map((d) => d.n)).toEqual([2, 0, 3, 1]);
      expect(await c.find({}, { sort: { n: 1 }, skip: 20 })).toEqual([]);
      expect((await c.findOne({ group: 'odd' }, { sort: { n: -1 } }))?.n).toBe(11);
      expect((await c.findOne({ group: 'odd' }, { sort: { n: 1 } }))?.n).toBe(1);
      expect(await c.findOne({ group: 'none' })).toBeNull();
    });

    it('counts matching documents', async () => {
      const c = fresh<Person>('count');
      await seedPeople(c);
      expect(await c.count({})).toBe(5);
      expect(await c.count({ city: 'Beijing' })).toBe(2);
      expect(await c.count({ age: { $gt: 100 } })).toBe(0);
    });

    it('updateOne applies $set, $unset, $inc and $push', async () => {
      const c = fresh('update');
      await c.insert({ _id: 'x', a: 1, b: 'keep', gone: 'soon', n: 10, list: ['a'] });
      const r = await c.updateOne({ _id: 'x' }, { $set: { a: 2, added: new Date(0) }, $unset: { gone: true }, $inc: { n: -3, fresh: 5 }, $push: { list: 'b', newList: { k: 1 } } });
      expect(r).toEqual({ matched: 1, upserted: false });
      expect(await c.get('x')).toEqual({ _id: 'x', a: 2, b: 'keep', n: 7, fresh: 5, list: ['a', 'b'], newList: [{ k: 1 }], added: new Date(0) });
    });

    it('updateOne is a compare-and-set: matched tells who won, a miss changes nothing', async () => {
      const c = fresh('cas');
      await c.insert({ _id: 'job', status: 'pending', owner: null });
      const miss = await c.updateOne({ _id: 'job', status: 'running' }, { $set: { owner: 'b' } });
      expect(miss).toEqual({ matched: 0, upserted: false });
      const win = await c.updateOne({ _id: 'job', status: 'pending' }, { $set: { status: 'running', owner: 'a' } });
      expect(win).toEqual({ matched: 1, upserted: false });
      const late = await c.updateOne({ _id: 'job', status: 'pending' }, { $set: { status: 'running', owner: 'b' } });
      expect(late.matched).toBe(0);
      expect(await c.get('job')).toEqual({ _id: 'job', status: 'running', owner: 'a' });
      // matched counts a document even when the update leaves it as it was
      const same = await c.updateOne({ _id: 'job' }, { $set: { status: 'running' } });
      expect(same.matched).toBe(1);
      // only one of several matching documents is touched
      await c.insert({ _id: 'j2', status: 'pending' });
      await c.insert({ _id: 'j3', status: 'pending' });
      expect((await c.updateOne({ status: 'pending' }, { $set: { status: 'done' } })).matched).toBe(1);
      expect(await c.count({ status: 'pending' })).toBe(1);
    });

    it('upsert inserts once and applies $setOnInsert only on insert', async () => {
      const c = fresh('upsert');
      const first = await c.updateOne(
        { _id: 'day:2025-01-01', kind: 'counter' },
        { $setOnInsert: { createdAt: new Date(1000), note: 'first' }, $set: { lastBy: 'a' }, $inc: { hits: 1 } },
        { upsert: true },
      );
      expect(first).toEqual({ matched: 0, upserted: true });
      const second = await c.updateOne(
        { _id: 'day:2025-01-01', kind: 'counter' },
        { $setOnInsert: { createdAt: new Date(2000), note: 'second' }, $set: { lastBy: 'b' }, $inc: { hits: 1 } },
        { upsert: true },
      );
      expect(second).toEqual({ matched: 1, upserted: false });
      expect(await c.get('day:2025-01-01')).toEqual({ _id: 'day:2025-01-01', kind: 'counter', createdAt: new Date(1000), note: 'first', lastBy: 'b', hits: 2 });
      expect(await c.count({})).toBe(1);
      // $setOnInsert is ignored by a plain update
      await c.updateOne({ _id: 'day:2025-01-01' }, { $setOnInsert: { note: 'x' }, $inc: { hits: 1 } });
      expect((await c.get('day:2025-01-01'))?.note).toBe('first');
    });

    it('upsert keyed by a unique field (not _id) inserts a string _id of its own', async () => {
      const c = fresh('upsertkey');
      await c.ensureIndex({ fields: ['key'], unique: true });
      const r = await c.updateOne({ key: 'k-1' }, { $setOnInsert: { _id: 'doc-k-1' }, $set: { v: 1 } }, { upsert: true });
      expect(r.upserted).toBe(true);
      expect(await c.get('doc-k-1')).toEqual({ _id: 'doc-k-1', key: 'k-1', v: 1 });
      const r2 = await c.updateOne({ key: 'k-2' }, { $set: { v: 2 } }, { upsert: true });
      expect(r2.upserted).toBe(true);
      const k2 = await c.findOne({ key: 'k-2' });
      expect(typeof k2?._id).toBe('string');
    });

    it('updateMany updates every match and reports how many matched', async () => {
      const c = fresh<Person>('many');
      await seedPeople(c);
      expect(await c.updateMany({ city: 'Beijing' }, { $set: { region: 'north' }, $inc: { visits: 1 } })).toEqual({ matched: 2 });
      expect(sortedIds(await c.find({ region: 'north', visits: 1 }))).toEqual(['p2', 'p5']);
      expect(await c.updateMany({ city: 'Atlantis' }, { $set: { region: 'sea' } })).toEqual({ matched: 0 });
    });

    it('deleteOne removes one match, deleteMany all, both return the count', async () => {
      const c = fresh<Person>('delete');
      await seedPeople(c);
      expect(await c.deleteOne({ city: 'Beijing' })).toBe(1);
      expect(await c.count({ city: 'Beijing' })).toBe(1);
      expect(await c.deleteOne({ city: 'Atlantis' })).toBe(0);
      expect(await c.deleteMany({ city: 'Shanghai' })).toBe(2);
      expect(sortedIds(await c.find({}))).toHaveLength(2);
      expect(await c.deleteMany({})).toBe(2);
      expect(await c.count({})).toBe(0);
    });

    it('rejects a duplicate _id with DuplicateKeyError and keeps the first document', async () => {
      const c = fresh('dupkey');
      await c.insert({ _id: 'a', v: 1 });
      const err = await c.insert({ _id: 'a', v: 2 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DuplicateKeyError);
      expect((err as DuplicateKeyError).code).toBe('duplicate_key');
      expect(await c.get('a')).toEqual({ _id: 'a', v: 1 });
    });

    itUnique('rejects a duplicate unique key with DuplicateKeyError', async () => {
      const c = fresh('unique');
      await c.ensureIndex({ fields: ['email'], unique: true });
      await c.ensureIndex({ fields: ['email'], unique: true }); // idempotent
      await c.insert({ _id: 'a', email: 'a@example.com' });
      await expect(c.insert({ _id: 'a', email: 'other@example.com' })).rejects.toBeInstanceOf(DuplicateKeyError);
      const err = await c.insert({ _id: 'b', email: 'a@example.com' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DuplicateKeyError);
      expect((err as DuplicateKeyError).code).toBe('duplicate_key');
      expect(await c.count({})).toBe(1);
      await c.insert({ _id: 'b', email: 'b@example.com' });
      // an update that would collide is rejected too and leaves the document as it was
      await expect(c.updateOne({ _id: 'b' }, { $set: { email: 'a@example.com' } })).rejects.toBeInstanceOf(DuplicateKeyError);
      expect((await c.get('b'))?.email).toBe('b@example.com');
    });

    itUnique('enforces a compound unique index on the combination only', async () => {
      const c = fresh('compound');
      await c.ensureIndex({ fields: ['groupId', 'userId'], unique: true });
      await c.insert({ _id: '1', groupId: 'g1', userId: 'u1' });
      await c.insert({ _id: '2', groupId: 'g1', userId: 'u2' });
      await c.insert({ _id: '3', groupId: 'g2', userId: 'u1' });
      await expect(c.insert({ _id: '4', groupId: 'g1', userId: 'u1' })).rejects.toBeInstanceOf(DuplicateKeyError);
    });

    it('expires documents after their TTL date', async () => {
      const c = fresh('ttl');
      const now = Date.now();
      await c.insert({ _id: 'old', expiresAt: new Date(now - 120_000) });
      await c.insert({ _id: 'live', expiresAt: new Date(now + 3_600_000) });
      await c.insert({ _id: 'no-date' });
      await c.ensureIndex({ fields: ['expiresAt'], expireAfterSeconds: 60 });
      await c.ensureIndex({ fields: ['expiresAt'], expireAfterSeconds: 60 }); // idempotent
      expect(await c.get('live')).not.toBeNull();
      expect(await c.get('no-date')).not.toBeNull();
      if (options.ttl !== 'eventual') {
        expect(await c.get('old')).toBeNull();
        expect(sortedIds(await c.find({}))).toEqual(['live', 'no-date']);
      }
    });

    describe('under concurrency', () => {
      it('20 concurrent compare-and-set claimers: exactly one wins', async () => {
        const c = fresh('claim');
        await c.insert({ _id: 'task', status: 'pending', owner: null });
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            c.updateOne({ _id: 'task', status: 'pending' }, { $set: { status: 'claimed', owner: `w${i}` } }),
          ),
        );
        const winners = results.map((r, i) => (r.matched === 1 ? `w${i}` : null)).filter((w) => w !== null);
        expect(winners).toHaveLength(1);
        expect((await c.get('task'))?.owner).toBe(winners[0]);
      });

      itUnique('the same unique key inserted 10× at once: exactly one succeeds', async () => {
        const c = fresh('dupins');
        await c.ensureIndex({ fields: ['idem'], unique: true });
        const settled = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => c.insert({ _id: `try-${i}`, idem: 'msg-42' })),
        );
        const ok = settled.filter((s) => s.status === 'fulfilled');
        const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
        expect(ok).toHaveLength(1);
        expect(failed.every((f) => f.reason instanceof DuplicateKeyError)).toBe(true);
        expect(await c.count({ idem: 'msg-42' })).toBe(1);
      });

      it('the same _id inserted 10× at once: exactly one succeeds', async () => {
        const c = fresh('dupid');
        const settled = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => c.insert({ _id: 'once', n: i })));
        expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
        expect(
          settled.every((s) => s.status === 'fulfilled' || (s.reason as unknown) instanceof DuplicateKeyError),
        ).toBe(true);
      });

      it('10 concurrent upserts of one key leave one document and count every call', async () => {
        const c = fresh('upsertrace');
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            c.updateOne({ _id: 'member-1' }, { $setOnInsert: { firstBy: i }, $inc: { seen: 1 } }, { upsert: true }),
          ),
        );
        expect(results.filter((r) => r.upserted)).toHaveLength(1);
        expect(results.filter((r) => !r.upserted && r.matched === 1)).toHaveLength(9);
        expect(await c.count({})).toBe(1);
        const doc = await c.get('member-1');
        expect(doc?.seen).toBe(10);
        expect(results[doc?.firstBy as number]?.upserted).toBe(true);
      });

      it('50 concurrent $inc add up exactly', async () => {
        const c = fresh('inc');
        await c.insert({ _id: 'ctr', n: 0 });
        await Promise.all(Array.from({ length: 50 }, (_, i) => c.updateOne({ _id: 'ctr' }, { $inc: { n: i + 1 } })));
        expect((await c.get('ctr'))?.n).toBe((50 * 51) / 2);
      });
    });
  });
}
