import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WecomMode } from './local-env';

/** What the demo and the CLI need to act on a running stack, whichever values it was started with. */
export interface StackCredentials {
  /** The machine key: the CLI's /api/team calls and the demo's system steps. */
  INTERNAL_API_KEY: string;
  /** The demo signs member and staff sessions as the mini-program and WeCom sign-in would. */
  TOKEN_SIGNING_SECRET: string;
  /** Per callback URL, what WeCom would sign and encrypt with (corpId = receiveid). */
  callbacks: Record<'welcome' | 'triage', { token: string; encodingAesKey: string; corpId: string }>;
}

/**
 * `DATA_DIR/local-stack.json`, written by `npm start` and removed when it stops: how the demo and
 * the CLI find the running stack (its URL) and act on it without anyone copying secrets. Mode 0600,
 * next to dev-secrets.json; callback keys are left out when the stack talks to a real WeCom.
 */
export interface StackFile {
  pid: number;
  url: string;
  sandboxUrl: string | null;
  wecom: WecomMode;
  store: string;
  startedAt: string;
  credentials: Omit<StackCredentials, 'callbacks'> & Partial<Pick<StackCredentials, 'callbacks'>>;
}

export const stackFilePath = (dataDir: string): string => join(dataDir, 'local-stack.json');

export function writeStackFile(dataDir: string, info: StackFile): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = stackFilePath(dataDir);
  writeFileSync(file, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  // writeFileSync keeps the mode of a file that already exists (a stale one from a crash).
  chmodSync(file, 0o600);
}

/** Removes the file if it is still this process's (a later start may have replaced it). */
export function removeStackFile(dataDir: string, pid = process.pid): void {
  const info = readStackFile(dataDir);
  if (info?.pid === pid) rmSync(stackFilePath(dataDir), { force: true });
}

export function readStackFile(dataDir: string): StackFile | undefined {
  const file = stackFilePath(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StackFile;
  } catch {
    return undefined;
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive, owned by someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The stack that wrote DATA_DIR/local-stack.json, if its process lives and its gateway answers. */
export async function findRunningStack(dataDir: string): Promise<StackFile | undefined> {
  const info = readStackFile(dataDir);
  if (!info || !alive(info.pid)) return undefined;
  try {
    const res = await fetch(`${info.url}/healthz`, { signal: AbortSignal.timeout(3000) });
    return res.ok ? info : undefined;
  } catch {
    return undefined;
  }
}
