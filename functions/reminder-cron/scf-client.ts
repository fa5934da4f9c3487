import { scf } from 'tencentcloud-sdk-nodejs-scf';
import type { ScfInvokeClient } from './scf-invoker';

/**
 * Only loaded through `import('./scf-client')` when fan-out runs on SCF. A static import here keeps the
 * bundle's `require('tencentcloud-sdk-nodejs-scf')`, which resolves through NODE_PATH (/opt/node_modules,
 * the layer); a bare dynamic `import()` would not (tencent-cloud.md §2.5).
 */
export function createScfClient(options: { credential: { secretId?: string; secretKey?: string; token?: string }; region: string }): ScfInvokeClient {
  return new scf.v20180416.Client({
    credential: options.credential,
    region: options.region,
    profile: { httpProfile: { endpoint: 'scf.tencentcloudapi.com' } },
  });
}
