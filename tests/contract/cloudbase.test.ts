import { describe, it } from 'vitest';
import { createCloudbaseStore } from '../../shared/adapters/store/cloudbase';
import type { DocumentStore } from '../../shared/ports/document-store';
import { describeStoreContract } from './document-store.contract';
import { runPrefix } from './run-prefix';

const envId = process.env.CLOUDBASE_ENV_ID;
const secretId = process.env.TENCENTCLOUD_SECRETID;
const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
const sessionToken = process.env.TENCENTCLOUD_SESSIONTOKEN;

if (!envId || !secretId || !secretKey) {
  const missing = [!envId && 'CLOUDBASE_ENV_ID', !secretId && 'TENCENTCLOUD_SECRETID', !secretKey && 'TENCENTCLOUD_SECRETKEY'].filter(Boolean);
  console.log(`[contract] cloudbase skipped: ${missing.join(', ')} not set`);
  describe.skip('DocumentStore contract: cloudbase (credentials not set)', () => {
    it('runs against a real CloudBase environment', () => undefined);
  });
} else {
  // The SDK cannot drop collections: documents are deleted, the empty `ct…` collections stay
  // (remove them in the console now and then).
  const emptyAll = async (store: DocumentStore, collections: string[]) => {
    for (const name of collections) await store.collection(name).deleteMany({});
  };
  describeStoreContract(
    'cloudbase',
    async () => createCloudbaseStore({ envId, secretId, secretKey, ...(sessionToken ? { sessionToken } : {}) }),
    emptyAll,
    { prefix: runPrefix(), ttl: 'immediate', secondaryUniqueIndexes: false },
  );
}
