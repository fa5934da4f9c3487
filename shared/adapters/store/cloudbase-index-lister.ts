import type { ExistingIndex, IndexLister } from './cloudbase-indexes';
import { tc3Request, type TcCredential } from '../tencent-cloud/tc3-request';

export interface CloudbaseIndexListerOptions {
  envId: string;
  region: string;
  credential: TcCredential;
  fetchImpl?: typeof fetch;
}

interface TableIndex {
  Keys?: { Name?: string }[];
  Unique?: boolean;
}

/**
 * Reads a CloudBase collection's indexes through the cloud API, as the CloudBase CLI does
 * (@cloudbase/manager-node DatabaseService.describeCollection): the environment's database instance
 * from tcb DescribeEnvs, then flexdb DescribeTable for the collection. The credential needs read access
 * to both (tcb:DescribeEnvs, flexdb:DescribeTable); only the ops command `cloudbase indexes` uses it,
 * with the operator's key, so the functions' run role needs neither.
 */
export function cloudbaseIndexLister(options: CloudbaseIndexListerOptions): IndexLister {
  const call = (service: string, version: string, action: string, params: Record<string, unknown>) =>
    tc3Request({ service, version, action, region: options.region, params }, options.credential, options.fetchImpl);
  let tag: Promise<string> | undefined;
  const instance = () =>
    (tag ??= call('tcb', '2018-06-08', 'DescribeEnvs', { EnvId: options.envId }).then((r) => {
      const env = (r.EnvList as { Databases?: { InstanceId?: string }[] }[] | undefined)?.[0];
      const id = env?.Databases?.[0]?.InstanceId;
      if (!id) throw new Error(`DescribeEnvs: no database instance for ${options.envId}`);
      return id;
    }));
  return async (collection) => {
    const r = await call('flexdb', '2018-11-27', 'DescribeTable', { Tag: await instance(), TableName: collection });
    return ((r.Indexes as TableIndex[] | undefined) ?? []).map(
      (i): ExistingIndex => ({ fields: (i.Keys ?? []).map((k) => k.Name ?? ''), unique: i.Unique === true }),
    );
  };
}
