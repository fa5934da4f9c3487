import type { Env } from '../../config/env';
import type { DocumentStore } from '../../ports/document-store';
import { lazyStore } from './lazy-store';

export type StoreConfig = Pick<
  Env,
  'STORE' | 'DATA_DIR' | 'MONGODB_URI' | 'CLOUDBASE_ENV_ID' | 'TENCENTCLOUD_SECRETID' | 'TENCENTCLOUD_SECRETKEY' | 'TENCENTCLOUD_SESSIONTOKEN'
>;

/**
 * Picks the adapter named by `STORE`. The remote adapters are loaded with a dynamic import on
 * first use (esbuild keeps it lazy in the CJS bundle, and it works under vitest/tsx too), so an
 * embedded-store function never loads mongoose or the CloudBase SDK.
 */
export function createStore(config: StoreConfig): DocumentStore {
  switch (config.STORE) {
    case 'embedded': {
      // nedb lives in the layer too: deployed functions run on MongoDB or CloudBase and never load it.
      const dir = config.DATA_DIR;
      return lazyStore('embedded', async () => (await import('./embedded')).createEmbeddedStore({ dir }));
    }
    case 'mongodb': {
      const uri = config.MONGODB_URI;
      if (!uri) throw new Error('STORE=mongodb needs MONGODB_URI');
      return lazyStore('mongodb', async () => (await import('./mongo')).createMongoStore(uri));
    }
    case 'cloudbase': {
      const envId = config.CLOUDBASE_ENV_ID;
      if (!envId) throw new Error('STORE=cloudbase needs CLOUDBASE_ENV_ID');
      return lazyStore('cloudbase', async () => {
        // No index check here: reading the console's indexes takes control-plane calls and a permission the
        // run role does not need; `npm run -s cli -- cloudbase indexes` checks them at deploy time.
        const { createCloudbaseStore } = await import('./cloudbase');
        return createCloudbaseStore({
          envId,
          ...(config.TENCENTCLOUD_SECRETID ? { secretId: config.TENCENTCLOUD_SECRETID } : {}),
          ...(config.TENCENTCLOUD_SECRETKEY ? { secretKey: config.TENCENTCLOUD_SECRETKEY } : {}),
          ...(config.TENCENTCLOUD_SESSIONTOKEN ? { sessionToken: config.TENCENTCLOUD_SESSIONTOKEN } : {}),
        });
      });
    }
  }
}

