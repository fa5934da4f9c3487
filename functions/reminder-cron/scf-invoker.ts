import { shardEvent, type ShardInvoker } from '../../shared/services/reminders/fan-out';
import type { ScfInvokeClient } from './scf-client';
import { onceUntilFailure } from '../../shared/once-until-failure';

export type { ScfInvokeClient } from './scf-client';

export interface ScfInvokerOptions {
  functionName: string;
  namespace: string;
  region: string;
  /** SCF injects TENCENTCLOUD_SECRETID/…KEY/…SESSIONTOKEN (the run role's temporary keys); the SDK's env reader expects other names, so pass them. */
  credential: { secretId?: string; secretKey?: string; token?: string };
  nowMs: () => number;
  /** Tests inject a fake; production loads the SDK on first use only. */
  loadClient?: () => Promise<ScfInvokeClient>;
}

/**
 * Fan-out over SCF: each worker is an asynchronous invocation (InvocationType Event, payload ≤ 128 KB)
 * of this same function with a timer-shaped event naming its shards (docs/reference/tencent-cloud.md §2.8). The
 * SDK is imported lazily, so functions that never fan out never load it. The run role needs
 * scf:InvokeFunction on this function.
 */
export function createScfInvoker(options: ScfInvokerOptions): ShardInvoker {
  const client = onceUntilFailure(
    options.loadClient ??
      (async (): Promise<ScfInvokeClient> => (await import('./scf-client')).createScfClient({ credential: options.credential, region: options.region })),
  );
  return {
    mode: 'scf',
    async invoke(payload) {
      await (await client()).Invoke({
        FunctionName: options.functionName,
        Namespace: options.namespace,
        InvocationType: 'Event',
        ClientContext: JSON.stringify(shardEvent(payload, options.nowMs())),
      });
    },
  };
}
