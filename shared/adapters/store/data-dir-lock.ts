import { readFileSync, rmdirSync, mkdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * One process owns an embedded store's folder. nedb keeps every collection in memory and appends to
 * its file: a second process on the same files sees none of the first one's writes and overwrites
 * them when it compacts (two `npm start` on one DATA_DIR wrote the same ledger sequence numbers and
 * let a member overspend). So the folder carries a lock file naming its holder's pid; a second
 * process refuses, naming that pid; a lock whose pid is gone (a crash, a SIGKILL) is taken over.
 *
 * Within one process the lock is shared (tests and the local stack open several stores on a folder,
 * and the adapter already shares nedb instances per file); it goes with the last store closed, or
 * at exit.
 */
export const LOCK_FILE = 'store.lock';

interface Holder {
  pid: number;
  host: string;
  startedAtMs: number;
}

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(
    readonly dir: string,
    readonly holder: Holder,
  ) {
    super(
      `DATA_DIR ${dir} is in use by process ${holder.pid} (on ${holder.host}, since ${new Date(holder.startedAtMs).toISOString()}); ` +
        'one process owns the embedded store: stop that one first (or use its HTTP routes), or give this one another DATA_DIR. ' +
        `If process ${holder.pid} is not a health-community stack, delete ${join(dir, LOCK_FILE)}.`,
    );
  }
}

const held = new Map<string, { refs: number }>();
let exitHookSet = false;

/** How long a half-written lock file or an abandoned takeover may stand before it counts as stale. */
const SETTLE_MS = 2000;

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const errno = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

function alive(pid: number): boolean {
  if (pid === process.pid) return false; // our pid, but not held by us: a previous run of a reused pid (containers)
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errno(e) === 'EPERM'; // exists, owned by someone else
  }
}

/** The lock file as read (its text, to replace it only if unchanged) and who it names. */
function readLock(file: string): { text: string; holder: Holder | null } | 'absent' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (errno(e) === 'ENOENT') return 'absent';
    throw e;
  }
  try {
    const h = JSON.parse(text) as Partial<Holder>;
    if (typeof h.pid === 'number' && Number.isInteger(h.pid) && h.pid > 0) {
      return { text, holder: { pid: h.pid, host: String(h.host ?? '?'), startedAtMs: Number(h.startedAtMs ?? 0) } };
    }
  } catch {
    // being written this instant, or garbage
  }
  return { text, holder: null };
}

const ageMs = (path: string): number => {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
};

/** O_EXCL create: exactly one of several processes racing for a free folder gets it. */
function tryCreate(file: string): boolean {
  const me: Holder = { pid: process.pid, host: hostname(), startedAtMs: Date.now() };
  try {
    writeFileSync(file, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
    return true;
  } catch (e) {
    if (errno(e) === 'EEXIST') return false;
    throw e;
  }
}

/**
 * Replaces a stale lock. Two processes may find the same stale lock at once; a takeover folder
 * (mkdir is atomic) lets one of them re-check and replace it while the other waits.
 */
function takeOver(file: string, stale: string): void {
  const guard = `${file}.takeover`;
  try {
    mkdirSync(guard, { mode: 0o700 });
  } catch (e) {
    if (errno(e) !== 'EEXIST') throw e;
    if (ageMs(guard) > SETTLE_MS) rmdirSync(guard); // its owner died mid-takeover
    return;
  }
  try {
    let now: string | undefined;
    try {
      now = readFileSync(file, 'utf8');
    } catch (e) {
      if (errno(e) !== 'ENOENT') throw e;
    }
    if (now === stale) unlinkSync(file);
  } finally {
    rmdirSync(guard);
  }
}

function releaseAll(): void {
  for (const dir of held.keys()) removeIfOurs(dir);
  held.clear();
}

function removeIfOurs(dir: string): void {
  const file = join(dir, LOCK_FILE);
  const lock = readLock(file);
  if (lock !== 'absent' && lock.holder?.pid === process.pid) unlinkSync(file);
}

/**
 * Takes the folder's lock for this process (or joins this process's hold on it) and returns the
 * release. Throws DataDirLockedError when another live process holds it. `dir` must exist.
 */
export function acquireDataDirLock(dir: string): () => void {
  let release = (): void => {
    const h = held.get(dir);
    if (!h) return;
    h.refs -= 1;
    if (h.refs === 0) {
      held.delete(dir);
      removeIfOurs(dir);
    }
  };
  const once = () => {
    const r = release;
    release = () => undefined;
    r();
  };

  const mine = held.get(dir);
  if (mine) {
    mine.refs += 1;
    return once;
  }
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    if (attempt > 50) throw new Error(`could not take the lock ${file}; delete it if no process uses ${dir}, then start again`);
    if (tryCreate(file)) break;
    const lock = readLock(file);
    if (lock === 'absent') continue; // released between our two looks
    // A pid on another host (a shared folder) cannot be checked from here: it counts as alive.
    if (lock.holder && (lock.holder.host !== hostname() || alive(lock.holder.pid))) throw new DataDirLockedError(dir, lock.holder);
    if (!lock.holder && ageMs(file) < SETTLE_MS) {
      sleep(50); // another process is writing its lock this instant
      continue;
    }
    takeOver(file, lock.text);
    sleep(attempt === 0 ? 0 : 20);
  }
  held.set(dir, { refs: 1 });
  if (!exitHookSet) {
    exitHookSet = true;
    process.once('exit', releaseAll);
  }
  return once;
}
