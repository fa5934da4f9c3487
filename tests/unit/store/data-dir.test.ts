import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';

/** Named in the refusal message, so the user can remove a lock that outlived its process. */
const LOCK_FILE = 'store.lock';

const dirs: string[] = [];
const children: ChildProcess[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'data-dir-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const mode = (path: string) => statSync(path).mode & 0o777;

/** Another process holding a store on `dir`, ready once it has written through it. */
const holder = (dir: string) => helper('hold-data-dir.ts', dir, 'holding');

/** Runs tests/helpers/`script` on `dir` until it prints `ready`. */
async function helper(script: string, dir: string, ready: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', `tests/helpers/${script}`, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => d.toString().includes(ready) && resolve());
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${err}`)));
  });
  return child;
}

describe('the embedded store’s data folder', () => {
  it('keeps every write that resolved when its process is killed -9, also after a compaction replaced the file', async () => {
    const dir = tempDir();
    const writer = await helper('write-then-hang.ts', dir, 'written');
    writer.kill('SIGKILL');
    await new Promise((resolve) => writer.once('exit', resolve));
    const store = createEmbeddedStore({ dir });
    const entries = await store.collection<{ _id: string; n: number; updated?: boolean }>('entries').find({}, { sort: { n: 1 } });
    expect(entries.map((e) => e.n)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(entries.filter((e) => e.updated).map((e) => e.n)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    await store.close();
  });


  it('is the owner’s only: folder 0700, files 0600, and what an older run left open is narrowed', async () => {
    const fresh = join(tempDir(), 'data');
    const store = createEmbeddedStore({ dir: fresh });
    await store.collection('members').insert({ _id: 'm1', status: 'active' });
    await store.close();
    expect(mode(fresh)).toBe(0o700);
    expect(mode(join(fresh, 'members.db'))).toBe(0o600);

    const old = tempDir();
    chmodSync(old, 0o755);
    writeFileSync(join(old, 'members.db'), `${JSON.stringify({ _id: 'm1', status: 'active' })}\n`, { mode: 0o644 });
    chmodSync(join(old, 'members.db'), 0o644);
    const reopened = createEmbeddedStore({ dir: old });
    expect(await reopened.collection('members').get('m1')).toMatchObject({ status: 'active' });
    await reopened.collection('readings').insert({ _id: 'r1' });
    await reopened.close();
    expect([mode(old), mode(join(old, 'members.db')), mode(join(old, 'readings.db'))]).toEqual([0o700, 0o600, 0o600]);
  });

  it('refuses a folder another live process holds, naming its pid, and opens it once that process is gone', async () => {
    const dir = tempDir();
    const other = await holder(dir);
    expect(() => createEmbeddedStore({ dir })).toThrow(new RegExp(`in use by process ${other.pid}\\b`));

    // Killed without a chance to clean up: its lock names a dead pid, which is taken over.
    other.kill('SIGKILL');
    await new Promise((resolve) => other.once('exit', resolve));
    const store = createEmbeddedStore({ dir });
    expect(await store.collection('holder').count({})).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    await store.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock whose process no longer exists, and shares its own hold within the process', async () => {
    const dir = tempDir();
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    // On another host (a shared folder) the pid cannot be checked from here: refused, not taken.
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: gone, host: 'another-host', startedAtMs: 0 }));
    expect(() => createEmbeddedStore({ dir })).toThrow(new RegExp(`in use by process ${gone} \\(on another-host`));
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: gone, host: hostname(), startedAtMs: 0 }));
    const first = createEmbeddedStore({ dir });
    const second = createEmbeddedStore({ dir });
    await first.collection('x').insert({ _id: 'a' });
    expect(await second.collection('x').get('a')).toMatchObject({ _id: 'a' });
    await first.close();
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    await second.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});
