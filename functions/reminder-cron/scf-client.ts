import { scf } from 'tencentcloud-sdk-nodejs-scf';

/** The one SCF API call the fan-out needs (tencentcloud-sdk-nodejs-scf Client.Invoke). */
export interface ScfInvokeClient {
  Invoke(req: { FunctionName: string; InvocationType?: string; ClientContext?: string; Namespace?: string }): Promise<unknown>;
}

/**
 * Only loaded through `import('./scf-client')` when fan-out runs on SCF. A static import here keeps the
 * bundle's `require('tencentcloud-sdk-nodejs-scf')`, which resolves through NODE_PATH (/opt/node_modules,
 * the layer); a bare dynamic `import()` would not (docs/reference/tencent-cloud.md §2.5).
 */
export function createScfClient(options: { credential: { secretId?: string; secretKey?: string; token?: string }; region: string }): ScfInvokeClient {
  return new scf.v20180416.Client({
    credential: options.credential,
    region: options.region,
    profile: { httpProfile: { endpoint: 'scf.tencentcloudapi.com' } },
  });
}
