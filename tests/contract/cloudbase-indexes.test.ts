import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cloudbaseIndexLister } from '../../shared/adapters/store/cloudbase-index-lister';
import { CLOUDBASE_INDEXES, cloudbaseIndexStatus, renderCloudbaseIndexTable, type ExistingIndex } from '../../shared/adapters/store/cloudbase-indexes';

const everything = (collection: string): ExistingIndex[] =>
  CLOUDBASE_INDEXES.filter((i) => i.collection === collection).map((i) => ({ fields: [...i.fields], unique: i.unique === true }));

describe('CloudBase indexes (checked by the ops command, not at start)', () => {
  it('README prints the very list the check uses', () => {
    expect(readFileSync('README.md', 'utf8')).toContain(renderCloudbaseIndexTable());
  });

  it('tells per required index whether it exists, in the list’s order, reading each collection once', async () => {
    const read: string[] = [];
    const statuses = await cloudbaseIndexStatus(async (collection) => {
      read.push(collection);
      const present = everything(collection);
      if (collection === 'reminders') return present.filter((i) => i.fields.join() !== 'status,priority,dueAtMs');
      // A streamKey index that is not unique does not count.
      if (collection === 'points_ledger_entries') return present.map((i) => ({ ...i, unique: false }));
      return present;
    });
    expect(statuses.map((s) => [s.collection, s.fields.join(', ')])).toEqual(CLOUDBASE_INDEXES.map((i) => [i.collection, i.fields.join(', ')]));
    expect(statuses.filter((s) => !s.exists).map((m) => `${m.collection}: ${m.fields.join(', ')}`)).toEqual(['reminders: status, priority, dueAtMs', 'points_ledger_entries: streamKey']);
    expect(read).toEqual([...new Set(CLOUDBASE_INDEXES.map((i) => i.collection))]);
  });

  it('a collection that cannot be read marks its indexes unknown, with the reason, and the others are still read', async () => {
    const statuses = await cloudbaseIndexStatus(async (collection) =>
      collection === 'members' ? Promise.reject(new Error('DescribeTable: ResourceNotFound')) : everything(collection),
    );
    expect(statuses.filter((s) => s.exists !== true)).toEqual([{ ...CLOUDBASE_INDEXES.find((i) => i.collection === 'members'), exists: null, error: 'DescribeTable: ResourceNotFound' }]);
  });

  it('reads a collection’s indexes through DescribeEnvs (database instance) then DescribeTable, signed', async () => {
    const calls: { action: string; body: unknown; auth: string }[] = [];
    const fetchImpl = (async (_url: string | URL | Request, init?: RequestInit) => {
      const headers = init?.headers as Record<string, string>;
      const action = headers['X-TC-Action'] ?? '';
      calls.push({ action, body: JSON.parse(String(init?.body)), auth: headers.Authorization ?? '' });
      const response =
        action === 'DescribeEnvs'
          ? { EnvList: [{ Databases: [{ InstanceId: 'tnt-db1' }] }] }
          : { Indexes: [{ Name: 'status_1_leaseUntilMs_1', Keys: [{ Name: 'status', Direction: '1' }, { Name: 'leaseUntilMs', Direction: '1' }], Unique: false }] };
      return new Response(JSON.stringify({ Response: { ...response, RequestId: 'r' } }));
    }) as typeof fetch;
    const list = cloudbaseIndexLister({ envId: 'env-1', region: 'ap-shanghai', credential: { secretId: 'AKID', secretKey: 'k' }, fetchImpl });
    expect(await list('reminders')).toEqual([{ fields: ['status', 'leaseUntilMs'], unique: false }]);
    await list('members');
    expect(calls.map((c) => [c.action, c.body])).toEqual([
      ['DescribeEnvs', { EnvId: 'env-1' }],
      ['DescribeTable', { Tag: 'tnt-db1', TableName: 'reminders' }],
      ['DescribeTable', { Tag: 'tnt-db1', TableName: 'members' }],
    ]);
    expect(calls[0]?.auth).toMatch(/^TC3-HMAC-SHA256 Credential=AKID\/\d{4}-\d{2}-\d{2}\/tcb\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/);
  });
});
