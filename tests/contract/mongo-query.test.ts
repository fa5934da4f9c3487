import { describe, expect, it } from 'vitest';
import { toMongoFilter, toMongoUpdate } from '../../shared/adapters/store/mongo-query';

describe('mongo adapter translation (offline)', () => {
  it('passes filters through, dropping undefined values at every level', () => {
    const at = new Date(0);
    expect(
      toMongoFilter({ a: 1, b: undefined, c: { $gt: 2, $lt: undefined }, d: { $eq: undefined }, at, $or: [{ e: null, f: undefined }] }),
    ).toEqual({ a: 1, c: { $gt: 2 }, at, $or: [{ e: null }] });
  });

  it('gives an upsert without an _id in the filter a string _id, and never overrides one', () => {
    const minted = toMongoUpdate({ key: 'k' }, { $set: { v: 1 } }, true);
    expect(minted.$set).toEqual({ v: 1 });
    expect((minted.$setOnInsert as { _id: unknown })._id).toMatch(/^[0-9a-f]{24}$/);
    expect(toMongoUpdate({ _id: 'x' }, { $inc: { n: 1 } }, true)).toEqual({ $inc: { n: 1 } });
    expect(toMongoUpdate({ key: 'k' }, { $setOnInsert: { _id: 'mine' } }, true)).toEqual({ $setOnInsert: { _id: 'mine' } });
  });

  it('drops $setOnInsert and empty operators from plain updates and normalises $unset', () => {
    expect(toMongoUpdate({ _id: 'x' }, { $setOnInsert: { a: 1 }, $set: {}, $unset: { 'p.q': true } }, false)).toEqual({ $unset: { 'p.q': '' } });
  });
});
