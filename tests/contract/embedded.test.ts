import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmbeddedStore } from '../../shared/adapters/store/embedded';
import { DuplicateKeyError } from '../../shared/errors';
import { describeStoreContract } from './document-store.contract';

const tempDirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'store-contract-'));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describeStoreContract('embedded in memory', async () => createEmbeddedStore({ inMemory: true }));
describeStoreContract('embedded file-backed', async () => createEmbeddedStore({ dir: tempDir() }));

describe('embedded store files', () => {
  it('keeps everything across close and reopen, and compacts the file on close', async () => {
    const dir = tempDir();
    const first = createEmbeddedStore({ dir });
    const users = first.collection('users');
    await users.ensureIndex({ fields: ['email'], unique: true });
    const bornAt = new Date('1990-05-06T07:08:09.010Z');
    await users.insert({ _id: 'u1', email: 'a@example.com', bornAt, profile: { city: 'Hangzhou' } });
    await users.insert({ _id: 'u2', email: 'b@example.com', n: 1 });
    await users.insert({ _id: 'u3', email: 'c@example.com' });
    for (let i = 0; i < 5; i += 1) await users.updateOne({ _id: 'u2' }, { $inc: { n: 1 } });
    await users.deleteOne({ _id: 'u3' });
    await first.close();

    const lines = readFileSync(join(dir, 'users.db'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3); // two documents + the unique index, history compacted away

    const second = createEmbeddedStore({ dir });
    const again = second.collection('users');
    expect(await again.get('u1')).toEqual({ _id: 'u1', email: 'a@example.com', bornAt, profile: { city: 'Hangzhou' } });
    expect((await again.get('u1'))?.bornAt).toBeInstanceOf(Date);
    expect((await again.get('u2'))?.n).toBe(6);
    expect(await again.get('u3')).toBeNull();
    await expect(again.insert({ _id: 'u4', email: 'a@example.com' })).rejects.toBeInstanceOf(DuplicateKeyError);
    await second.close();
  });

  it('re-arms a TTL index loaded from disk when ensureIndex runs again after a reopen', async () => {
    const dir = tempDir();
    const first = createEmbeddedStore({ dir });
    await first.collection('sessions').ensureIndex({ fields: ['expiresAt'], expireAfterSeconds: 0 });
    await first.collection('sessions').insert({ _id: 's1', expiresAt: new Date(Date.now() - 1000) });
    await first.close();

    const second = createEmbeddedStore({ dir });
    const sessions = second.collection('sessions');
    await sessions.ensureIndex({ fields: ['expiresAt'], expireAfterSeconds: 0 });
    expect(await sessions.get('s1')).toBeNull();
    await second.close();
  });

  it('two stores on one folder share the data instead of overwriting each other', async () => {
    const dir = tempDir();
    const a = createEmbeddedStore({ dir });
    const b = createEmbeddedStore({ dir });
    await a.collection('shared').insert({ _id: 'x', by: 'a' });
    expect(await b.collection('shared').get('x')).toEqual({ _id: 'x', by: 'a' });
    await expect(b.collection('shared').insert({ _id: 'x', by: 'b' })).rejects.toBeInstanceOf(DuplicateKeyError);
    await a.close();
    await b.collection('shared').insert({ _id: 'y', by: 'b' });
    await b.close();
    const c = createEmbeddedStore({ dir });
    expect((await c.collection('shared').find({}, { sort: { by: 1 } })).map((d) => d._id)).toEqual(['x', 'y']);
    await c.close();
  });

  it('in-memory stores are independent of each other', async () => {
    const a = createEmbeddedStore({ inMemory: true });
    const b = createEmbeddedStore({ inMemory: true });
    await a.collection('c').insert({ _id: '1' });
    expect(await b.collection('c').get('1')).toBeNull();
  });

  it('rejects collection names that are not safe file names', () => {
    const s = createEmbeddedStore({ inMemory: true });
    expect(() => s.collection('../etc')).toThrow(/invalid collection name/);
    expect(() => s.collection('a.b')).toThrow(/invalid collection name/);
  });

  it('an update that keeps an indexed value leaves the document found by that index, with its new fields', async () => {
    // nedb-index-update.ts swaps the new copy into the index node instead of deleting and re-inserting it.
    const s = createEmbeddedStore({ inMemory: true });
    const c = s.collection('people');
    await c.ensureIndex({ fields: ['email'], unique: true });
    await c.ensureIndex({ fields: ['team'] });
    await c.ensureIndex({ fields: ['dueAtMs'], ranged: true });
    await c.insert({ _id: 'a', email: 'a@example.com', team: 't1', dueAtMs: 100, n: 0 });
    await c.insert({ _id: 'b', email: 'b@example.com', team: 't1', dueAtMs: 100, n: 0 });
    await c.updateOne({ _id: 'a' }, { $set: { n: 1 }, $inc: { v: 1 } });
    await c.updateMany({ team: 't1' }, { $inc: { n: 10 } });
    expect(await c.find({ email: 'a@example.com' })).toEqual([{ _id: 'a', email: 'a@example.com', team: 't1', dueAtMs: 100, n: 11, v: 1 }]);
    expect((await c.find({ team: 't1' }, { sort: { _id: 1 } })).map((d) => d.n)).toEqual([11, 10]);
    expect((await c.find({ dueAtMs: { $lte: 100 } }, { sort: { _id: 1 } })).map((d) => d.n)).toEqual([11, 10]);
    // One document's key changes into a taken unique value while the other's stays: nothing is written.
    await expect(c.updateMany({ team: 't1' }, { $set: { email: 'same@example.com' } })).rejects.toBeInstanceOf(DuplicateKeyError);
    expect((await c.find({ team: 't1' }, { sort: { _id: 1 } })).map((d) => d.email)).toEqual(['a@example.com', 'b@example.com']);
    await c.updateOne({ _id: 'b' }, { $set: { email: 'c@example.com', n: 2 } });
    expect(await c.find({ email: 'b@example.com' })).toEqual([]);
    expect((await c.findOne({ email: 'c@example.com' }))?.n).toBe(2);
    await c.deleteOne({ _id: 'a' });
    expect(await c.find({ team: 't1' })).toHaveLength(1);
    expect(await c.find({ email: 'a@example.com' })).toEqual([]);
  });
});

describe('embedded range reads in key order', () => {
  /** What a sorted, limited read must return, computed here from the documents themselves. */
  const expected = (docs: Array<{ _id: string; dueAtMs: number; status: string }>, status: string, upTo: number, dir: 1 | -1, idDir: 1 | -1, skip: number, limit: number) =>
    docs
      .filter((d) => d.status === status && d.dueAtMs <= upTo)
      .sort((a, b) => (a.dueAtMs - b.dueAtMs) * dir || (a._id < b._id ? -idDir : idDir))
      .slice(skip, skip + limit)
      .map((d) => d._id);

  it('returns the first due documents of a large range in order, ties in _id order when asked, without the hidden key', async () => {
    const s = createEmbeddedStore({ inMemory: true });
    const c = s.collection<{ _id: string; dueAtMs: number; status: string }>('jobs');
    await c.ensureIndex({ fields: ['dueAtMs'], ranged: true });
    // 3 000 documents in 7 instants: hundreds of ties each, so the page's last instant is trimmed while read.
    const docs = Array.from({ length: 3000 }, (_, i) => ({ _id: `j${String((i * 7919) % 3000).padStart(4, '0')}`, dueAtMs: 1000 + (i % 7) * 10, status: i % 3 === 0 ? 'done' : 'open' }));
    for (const d of docs) await c.insert(d);
    for (const [dir, idDir] of [[1, 1], [1, -1], [-1, 1], [-1, -1]] as const) {
      for (const [skip, limit] of [[0, 1], [0, 50], [7, 300], [0, 5000]] as const) {
        const got = await c.find({ status: 'open', dueAtMs: { $lte: 1040 } }, { sort: { dueAtMs: dir, _id: idDir }, skip, limit });
        expect(got.map((d) => d._id)).toEqual(expected(docs, 'open', 1040, dir, idDir, skip, limit));
      }
    }
    const [first] = await c.find({ status: 'open', dueAtMs: { $lte: 1040 } }, { sort: { dueAtMs: 1, _id: 1 }, limit: 1 });
    expect(Object.keys(first ?? {}).sort()).toEqual(['_id', 'dueAtMs', 'status']);
    expect(await c.findOne({ status: 'open', dueAtMs: { $gt: 1030 } }, { sort: { dueAtMs: -1 } })).toEqual({ _id: expected(docs, 'open', 1060, -1, 1, 0, 1)[0], dueAtMs: 1060, status: 'open' });
  });

  it("without a tie-breaker still gives ties in _id order (as nedb sorting them did), and copies the caller may change", async () => {
    const s = createEmbeddedStore({ inMemory: true });
    const c = s.collection<{ _id: string; dueAtMs: number; status: string }>('jobs');
    await c.ensureIndex({ fields: ['dueAtMs'], ranged: true });
    for (let i = 0; i < 300; i += 1) await c.insert({ _id: `j${i}`, dueAtMs: 5000 + (i % 4), status: i % 2 === 0 ? 'open' : 'done' });
    const page = await c.find({ status: 'open', dueAtMs: { $gte: 5000, $lt: 5003 } }, { sort: { dueAtMs: 1 }, limit: 90 });
    expect(page.map((d) => d.dueAtMs)).toEqual([...Array(75).fill(5000), ...Array(15).fill(5002)]);
    expect(page.map((d) => d._id)).toEqual(expected((await c.find({})) as never, 'open', 5002, 1, 1, 0, 90));
    (page[0] as { status: string }).status = 'changed by the caller';
    expect((await c.get(page[0]?._id ?? ''))?.status).toBe('open');
  });

  it('falls back to a full sort once a ranged field holds a fraction (its key order is no longer its order)', async () => {
    const s = createEmbeddedStore({ inMemory: true });
    const c = s.collection<{ _id: string; score: number }>('scores');
    await c.ensureIndex({ fields: ['score'], ranged: true });
    // 1.9 + a fraction can sort after 2.0 + a smaller one by key; by value it must come first.
    for (let i = 0; i < 50; i += 1) await c.insert({ _id: `a${i}`, score: 2 });
    await c.insert({ _id: 'b', score: 1.9 });
    expect((await c.find({ score: { $gte: 0 } }, { sort: { score: 1 }, limit: 1 }))[0]?._id).toBe('b');
  });
});
