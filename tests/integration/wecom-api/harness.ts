import { createWecomApi, type WecomApiOptions } from '../../../shared/adapters/wecom/api/client';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import { ManualClock } from '../../../shared/ports/clock';
import type { DocumentStore } from '../../../shared/ports/document-store';
import { WecomApiError } from '../../../shared/ports/wecom-api';
import { sandboxApiOptions } from '../../../dev/wecom-sandbox/config';
import { SandboxClient } from '../../../dev/wecom-sandbox/inspect';
import { startWecomSandbox, type WecomSandbox, type WecomSandboxOptions } from '../../../dev/wecom-sandbox/server';

export const T0 = Date.UTC(2025, 0, 6, 1, 0, 0);

export interface Harness {
  clock: ManualClock;
  sandbox: WecomSandbox;
  admin: SandboxClient;
  store: DocumentStore;
  /** A fresh client instance (as another function instance would build) over the shared store. */
  client(overrides?: Partial<WecomApiOptions>): ReturnType<typeof createWecomApi>;
  close(): Promise<void>;
}

/** Sandbox and client share one hand-moved clock; retry delays are tiny so failures stay fast. */
export async function startHarness(sandboxOptions: Omit<WecomSandboxOptions, 'clock'> = {}): Promise<Harness> {
  const clock = new ManualClock(T0);
  const sandbox = await startWecomSandbox({ ...sandboxOptions, clock });
  const store = createEmbeddedStore({ inMemory: true });
  return {
    clock,
    sandbox,
    admin: new SandboxClient(sandbox.url),
    store,
    client: (overrides = {}) =>
      createWecomApi({
        ...sandboxApiOptions(sandbox.url),
        store,
        clock,
        retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
        rateLimit: { baseDelayMs: 10, maxDelayMs: 40, budgetMs: 500, maxRetries: 4 },
        timeoutMs: 400,
        ...overrides,
      }),
    close: async () => {
      await sandbox.close();
      await store.close();
    },
  };
}

export const textTo = (touser: string, content = '新的分诊请求，请查看') => ({ touser, msgtype: 'text' as const, text: { content } });

/** The WecomApiError a call rejects with (fails the test on success or any other error). */
export async function failure(promise: Promise<unknown>): Promise<WecomApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WecomApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
