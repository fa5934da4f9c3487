import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cloudbaseIndexLister } from '../../shared/adapters/store/cloudbase-index-lister';
import { CLOUDBASE_INDEXES, checkCloudbaseIndexes, renderCloudbaseIndexTable, type ExistingIndex } from '../../shared/adapters/store/cloudbase-indexes';

const everything = (collection: string): ExistingIndex[] =>
  CLOUDBASE_INDEXES.filter((i) => i.collection === collection).map((i) => ({ fields: [...i.fields], unique: i.unique === true }));

describe('CloudBase indexes checked at start', () => {
  it('README prints the very list the check uses', () => {
    expect(readFileSync('README.md', 'utf8')).toContain(renderCloudbaseIndexTable());
  });

  it('warns once per missing index, naming the collection and its fields', async () => {
    const warnings: { message: string; fields: Record<string, unknown> }[] = [];
    const missing = await checkCloudbaseIndexes(
      async (collection) => {
        const present = everything(collection);
        if (collection === 'reminders') return present.filter((i) => i.fields.join() !== 'status,priority,dueAtMs');
        // A streamKey index that is not unique does not count.
        if (collection === 'points_ledger_entries') return present.map((i) => ({ ...i, unique: false }));
        return present;
      },
      (message, fields) => warnings.push({ message, fields }),
    );
    expect(missing.map((m) => `${m.collection}: ${m.fields.join(', ')}`)).toEqual(['reminders: status, priority, dueAtMs', 'points_ledger_entries: streamKey']);
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('CloudBase index missing: reminders (status, priority, dueAtMs)'),
      expect.stringContaining('CloudBase index missing: points_ledger_entries (streamKey (unique))'),
    ]);
  });

  it('says so when the indexes cannot be read, and does not throw', async () => {
    const warnings: string[] = [];
    await checkCloudbaseIndexes(async () => Promise.reject(new Error('DescribeTable: AuthFailure')), (m) => warnings.push(m));
    expect(warnings).toEqual([expect.stringContaining('could not be checked')]);
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
