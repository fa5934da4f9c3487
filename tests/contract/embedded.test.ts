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
});
