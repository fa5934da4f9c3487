import { Db } from '@cloudbase/database';
import mongoose from 'mongoose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCloudbaseStore } from '../../shared/adapters/store/cloudbase';
import { DuplicateKeyError } from '../../shared/errors';
import { createOutcomeEventLog } from '../../shared/services/outcomes/outcome-events';

/**
 * What the CloudBase adapter puts on the wire, checked offline: the SDK's own serialisers run,
 * only its HTTP requester is swapped for a recorder that answers like the server would. This
 * proves the translation (filters, updates, paging, upsert flow); tests/contract/cloudbase.test.ts
 * proves the behaviour against a real environment when credentials are set.
 */
const { EJSON } = mongoose.mongo.BSON;

interface Sent {
  action: string;
  params: Record<string, unknown>;
}
type Reply = (action: string, params: Record<string, unknown>) => unknown;

let sent: Sent[] = [];
let reply: Reply = () => ({});
const original = (Db as unknown as { reqClass: unknown }).reqClass;

class Recorder {
  async send(action: string, params: Record<string, unknown>) {
    sent.push({ action, params });
    const r = reply(action, params);
    if (r instanceof Error) throw r;
    return { requestId: 'r', ...(r as object) };
  }
}

const tcbError = (code: string, message: string) => Object.assign(new Error(message), { code });
const decode = (ejson: unknown) => EJSON.parse(ejson as string);
const docs = (n: number, from = 0) => Array.from({ length: n }, (_, i) => EJSON.stringify({ _id: `d${from + i}` }));

const makeStore = () => {
  const store = createCloudbaseStore({ envId: 'offline-env', secretId: 'id', secretKey: 'key' });
  // createCloudbaseStore ran app.database(), which installs the HTTP requester; replace it.
  (Db as unknown as { reqClass: unknown }).reqClass = Recorder;
  return store;
};

beforeEach(() => {
  sent = [];
  reply = (action) => {
    switch (action) {
      case 'database.getDocument':
        return { data: { list: [] } };
      case 'database.calculateDocument':
        return { data: { total: 0 } };
      case 'database.modifyAndReturnDoc':
        return { data: { updated: 0, doc: null } };
      case 'database.insertDocument':
        return { data: { insertedIds: ['x'] } };
      case 'database.removeDocument':
        return { data: { deleted: 0 } };
      case 'database.modifyDocument':
        return { data: { updated: 0 } };
      default:
        return {};
    }
  };
});
afterEach(() => {
  (Db as unknown as { reqClass: unknown }).reqClass = original;
});

describe('cloudbase adapter on the wire', () => {
  it('sends port filters as MongoDB queries, with sort, skip and limit', async () => {
    const c = makeStore().collection('people');
    await c.find(
      {
        city: 'Shanghai',
        age: { $gt: 30, $lt: 61 },
        tier: { $in: ['gold', null] },
        gone: { $exists: false },
        note: { $ne: null },
        at: { $gte: new Date('2025-01-01T00:00:00Z') },
        skipped: undefined,
        $or: [{ 'profile.a': 1 }, { 'profile.b': { $nin: [2] } }],
      },
      { sort: { age: -1 }, skip: 5, limit: 10 },
    );
    expect(sent).toHaveLength(1);
    const [req] = sent;
    expect(req?.action).toBe('database.getDocument');
    expect(decode(req?.params.query)).toEqual({
      $and: [
        {
          city: 'Shanghai',
          $and: [{ age: { $gt: 30 } }, { age: { $lt: 61 } }],
          tier: { $in: ['gold', null] },
          gone: { $exists: false },
          note: { $ne: null },
          at: { $gte: new Date('2025-01-01T00:00:00Z') },
        },
        { $or: [{ 'profile.a': 1 }, { 'profile.b': { $nin: [2] } }] },
      ],
    });
    expect(decode(req?.params.order)).toEqual({ age: -1, _id: 1 });
    expect(req?.params).toMatchObject({ offset: 5, limit: 10 });
  });

  it('sends a member\'s outcome events in a time window as one query bounded on atMs', async () => {
    await createOutcomeEventLog(makeStore()).ofMember('m1', ['plan_task_due', 'plan_task_done'], { fromMs: 1_000, toMs: 2_000 });
    await createOutcomeEventLog(makeStore()).ofMember('m1', ['plan_task_due'], { fromMs: 1_000 });
    expect(sent.map((r) => decode(r.params.query))).toEqual([
      { memberId: 'm1', type: { $in: ['plan_task_due', 'plan_task_done'] }, $and: [{ atMs: { $gte: 1_000 } }, { atMs: { $lt: 2_000 } }] },
      { memberId: 'm1', type: { $in: ['plan_task_due'] }, atMs: { $gte: 1_000 } },
    ]);
  });

  it('pages reads past the 1000-document cap of one request', async () => {
    reply = (action, params) =>
      action === 'database.getDocument'
        ? { data: { list: docs(Math.min(params.limit as number, 2300 - ((params.offset as number) ?? 0)), (params.offset as number) ?? 0) } }
        : {};
    const all = await makeStore().collection('big').find({});
    expect(all).toHaveLength(2300);
    expect(all[2299]?._id).toBe('d2299');
    expect(sent.map((s) => [s.params.offset, s.params.limit])).toEqual([
      [undefined, 1000],
      [1000, 1000],
      [2000, 1000],
    ]);
  });

  it('updateOne uses findAndModify and counts a matched-but-unchanged document', async () => {
    reply = (action) => (action === 'database.modifyAndReturnDoc' ? { data: { updated: 0, doc: EJSON.stringify({ _id: 'job' }) } } : {});
    const r = await makeStore()
      .collection('jobs')
      .updateOne(
        { _id: 'job', status: 'pending' },
        { $set: { status: 'running', 'lease.at': new Date(0) }, $unset: { err: true }, $inc: { tries: 1 }, $push: { log: ['a'] } },
      );
    expect(r).toEqual({ matched: 1, upserted: false });
    expect(sent[0]?.action).toBe('database.modifyAndReturnDoc');
    expect(decode(sent[0]?.params.query)).toEqual({ _id: 'job', status: 'pending' });
    expect(decode(sent[0]?.params.data)).toEqual({
      $set: { status: 'running', 'lease.at': new Date(0) },
      $unset: { err: '' },
      $inc: { tries: 1 },
      $push: { log: { $each: [['a']] } },
    });
  });

  it('upsert: a miss adds the built document; losing the insert race turns into an update', async () => {
    let adds = 0;
    let updates = 0;
    reply = (action) => {
      if (action === 'database.modifyAndReturnDoc') {
        updates += 1;
        return { data: updates === 1 ? { updated: 0, doc: null } : { updated: 1, doc: EJSON.stringify({ _id: 'k' }) } };
      }
      if (action === 'database.insertDocument') {
        adds += 1;
        return tcbError('DATABASE_DUPLICATE_WRITE', 'index key duplicate');
      }
      return {};
    };
    const r = await makeStore()
      .collection('counters')
      .updateOne({ _id: 'k', kind: 'c' }, { $setOnInsert: { createdAt: new Date(5) }, $inc: { n: 2 } }, { upsert: true });
    expect(r).toEqual({ matched: 1, upserted: false });
    expect(adds).toBe(1);
    const insert = sent.find((s) => s.action === 'database.insertDocument');
    expect((insert?.params.data as string[]).map(decode)).toEqual([{ _id: 'k', kind: 'c', createdAt: new Date(5), n: 2 }]);
  });

  it('insert maps DATABASE_DUPLICATE_WRITE to DuplicateKeyError and creates a missing collection once', async () => {
    let inserts = 0;
    reply = (action) => {
      if (action !== 'database.insertDocument') return {};
      inserts += 1;
      if (inserts === 1) return tcbError('DATABASE_COLLECTION_NOT_EXIST', 'collection not exists');
      if (inserts === 2) return { data: { insertedIds: ['a'] } };
      return tcbError('DATABASE_DUPLICATE_WRITE', 'index key duplicate');
    };
    const c = makeStore().collection('fresh');
    await expect(c.insert({ _id: 'a', at: new Date(1) })).resolves.toEqual({ _id: 'a', at: new Date(1) });
    expect(sent.map((s) => s.action)).toEqual(['database.insertDocument', 'database.addCollection', 'database.insertDocument']);
    await expect(c.insert({ _id: 'a' })).rejects.toBeInstanceOf(DuplicateKeyError);
  });

  it('reads of a collection that does not exist yet are empty, not errors', async () => {
    reply = () => tcbError('DATABASE_COLLECTION_NOT_EXIST', 'collection not exists');
    const c = makeStore().collection('nothing');
    expect(await c.get('x')).toBeNull();
    expect(await c.count({})).toBe(0);
    expect(await c.updateOne({ _id: 'x' }, { $set: { a: 1 } })).toEqual({ matched: 0, upserted: false });
    expect(await c.deleteMany({})).toBe(0);
  });

  it('a TTL ensureIndex purges expired documents (CloudBase has no TTL index)', async () => {
    const before = Date.now();
    await makeStore().collection('sessions').ensureIndex({ fields: ['expiresAt'], expireAfterSeconds: 60 });
    const purge = sent.find((s) => s.action === 'database.removeDocument');
    const q = decode(purge?.params.query) as { expiresAt: { $lt: Date } };
    expect(q.expiresAt.$lt.getTime()).toBeLessThanOrEqual(Date.now() - 60_000);
    expect(q.expiresAt.$lt.getTime()).toBeGreaterThanOrEqual(before - 60_000);
    expect(purge?.params.multi).toBe(true);
  });
});
