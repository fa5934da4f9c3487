import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * Red-team finding: two `npm start` on one DATA_DIR both started, each with its own view of the same
 * files (a member overspent, acknowledged writes were lost). The second must refuse, naming the first.
 */

const dir = mkdtempSync(join(tmpdir(), 'start-data-dir-'));
const started: ChildProcess[] = [];
afterAll(async () => {
  for (const c of started) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

type Outcome = { kind: 'started' } | { kind: 'exited'; code: number | null; stderr: string };

/** `npm start` (dev/start.ts) on DATA_DIR `dir`, any free port; resolves once it serves or exits. */
function npmStart(): { child: ChildProcess; outcome: Promise<Outcome> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'dev/start.ts'], {
    env: { ...process.env, DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  const outcome = new Promise<Outcome>((resolve) => {
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('local stack') && resolve({ kind: 'started' }));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => resolve({ kind: 'exited', code, stderr }));
  });
  return { child, outcome };
}

describe('npm start on a DATA_DIR', () => {
  it('refuses a second start on the same folder, naming the pid that holds it', async () => {
    const first = npmStart();
    expect(await first.outcome).toEqual({ kind: 'started' });

    const second = npmStart();
    const refused = await second.outcome;
    expect(refused).toMatchObject({ kind: 'exited', code: 1 });
    expect((refused as { stderr: string }).stderr).toContain(`in use by process ${first.child.pid}`);

    // The first one is unaffected and stops cleanly, releasing the folder.
    first.child.kill('SIGTERM');
    expect(await new Promise((resolve) => first.child.once('exit', resolve))).toBe(0);
  }, 60_000);
});
