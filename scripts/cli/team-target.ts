import { findRunningStack, stackFilePath } from '../../dev/stack-file';
import { ConfigError } from '../../shared/config';
import { loadDeps, type AppDeps } from '../../shared/runtime/deps';

/** A running `npm start`, reached through its /api/team routes with the machine key it published. */
export interface StackClient {
  url: string;
  call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T>;
}

/**
 * Where `cli staff` and `cli contact-way` act. With a local stack running for DATA_DIR (its
 * local-stack.json), through that stack's HTTP routes: its process owns the embedded files and its
 * WeCom (sandbox or real), so nothing has to be copied. Otherwise directly on the store and WeCom of
 * the environment, which is then read exactly as the deployed functions read it.
 */
export type TeamTarget = { kind: 'stack'; client: StackClient } | { kind: 'direct'; deps: AppDeps };

export async function teamTarget(env: NodeJS.ProcessEnv = process.env): Promise<TeamTarget> {
  const dataDir = env.DATA_DIR || '.data';
  const stack = await findRunningStack(dataDir);
  if (stack) return { kind: 'stack', client: stackClient(stack.url, stack.credentials.INTERNAL_API_KEY) };
  try {
    // The CLI exits when the command returns (scripts/cli.ts), so the store is left open.
    return { kind: 'direct', deps: await loadDeps() };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    throw new Error(
      `no running local stack found through ${stackFilePath(dataDir)} (start one with npm start, same DATA_DIR), ` +
        `and the environment is not a configuration the functions could run with:\n${err.message.replace(/^invalid configuration:\n/, '')}`,
    );
  }
}

export function stackClient(url: string, internalKey: string): StackClient {
  return {
    url,
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { 'x-internal-key': internalKey, 'x-caller': 'cli', ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const json = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string; requestId?: string } };
      if (res.ok) return json as T;
      const e = json.error ?? {};
      const where = e.requestId ? ` (request id ${e.requestId}: the npm start terminal logs the detail)` : '';
      throw new Error(`${res.status} ${e.code ?? 'error'}: ${e.message ?? res.statusText}${where}`);
    },
  };
}
