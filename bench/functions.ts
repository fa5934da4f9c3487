import { execFileSync, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { readDeployManifest } from '../dev/deploy-manifest';
import { median, round } from './stats';

const RUNS = 9;

/** Wall time of a fresh `node` process running `code`, in ms. */
function timeNode(code: string, env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const res = spawnSync(process.execPath, ['-e', code], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (res.status !== 0) throw new Error(`node -e failed: ${res.stderr.toString().slice(0, 500)}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * Per function: bundle size, and cold init = requiring the built bundle in a fresh process (layer
 * on NODE_PATH as SCF mounts it) minus a bare `node -e ""`, both measured in the same run,
 * interleaved, median of RUNS.
 */
export async function runFunctionsBench(): Promise<{ functions: Record<string, { bundleKb: number; coldInitMs: number }>; bareNodeMs: number }> {
  execFileSync('npx', ['tsx', 'scripts/build.ts'], { stdio: 'ignore' });
  const root = process.cwd();
  const env = { ...process.env, NODE_PATH: join(root, 'dist/layers/deps/node_modules') };
  const manifest = readDeployManifest(root);
  const bare: number[] = [];
  const out: Record<string, { bundleKb: number; coldInitMs: number }> = {};
  for (const fn of manifest.functionDirs) {
    const bundle = join(root, 'dist/functions', fn, 'index.js');
    const loads: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      bare.push(timeNode('', env));
      loads.push(timeNode(`const m = require(${JSON.stringify(bundle)}); if (typeof m.main_handler !== 'function') process.exit(3);`, env));
    }
    out[fn] = { bundleKb: round(statSync(bundle).size / 1024, 1), coldInitMs: round(median(loads) - median(bare), 1) };
  }
  return { functions: out, bareNodeMs: round(median(bare), 1) };
}
