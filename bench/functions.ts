import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDeployManifest } from '../dev/deploy-manifest';
import { generateDevSecrets } from '../dev/dev-env';
import { SectionFailure } from './section-failure';
import { median, round } from './stats';

const RUNS = 9;
/** Issue #16: every function's cold start within this much of bare Node. */
const MAX_ABOVE_BARE_MS = 60;
/** The production store drivers (layer packages), each required alone. */
const DRIVERS = ['mongoose', 'mongodb', '@cloudbase/node-sdk'] as const;

/** Wall time of a fresh `node` process running `code`, in ms. */
function timeNode(code: string, env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const res = spawnSync(process.execPath, ['-e', code], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (res.status !== 0) throw new Error(`node -e failed (${res.status}): ${res.stderr.toString().slice(0, 500)}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Requires the bundle and answers one Function URL `GET <prefix>/healthz`, then exits. */
function coldStartCode(bundle: string, prefix: string): string {
  const event = { httpMethod: 'GET', path: `${prefix}/healthz`, headers: { host: 'fn.local' }, queryString: {}, body: '' };
  return `require(${JSON.stringify(bundle)}).main_handler(${JSON.stringify(event)}, {}).then((r) => process.exit(r.statusCode === 200 ? 0 : 3), (e) => { console.error(e); process.exit(4); });`;
}

type FunctionFigures = { bundleKb: number; coldInitMs: number; withinTarget: boolean };

/**
 * Per function: bundle size, and cold init = a fresh process requiring the built bundle (layer on
 * NODE_PATH as SCF mounts it) and answering its first Function URL `GET /healthz` on the embedded
 * store, minus a bare `node -e ""`; both in the same run, interleaved, median of RUNS. Beside them,
 * what requiring each production store driver adds (it loads on the first route that needs the
 * store, which /healthz is not). Fails when a function is more than MAX_ABOVE_BARE_MS above bare.
 */
export async function runFunctionsBench(): Promise<{ functions: Record<string, FunctionFigures>; bareNodeMs: number; storeDriverMs: Record<string, number> }> {
  execFileSync('npx', ['tsx', 'scripts/build.ts'], { stdio: 'ignore' });
  const root = process.cwd();
  const layer = join(root, 'dist/layers/deps/node_modules');
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-functions-'));
  const env = { ...process.env, ...generateDevSecrets(), NODE_PATH: layer, STORE: 'embedded', DATA_DIR: dataDir, NODE_ENV: 'development', LOG_LEVEL: 'error' };
  const manifest = readDeployManifest(root);
  const prefixOf = (fn: string) => manifest.routes.find((r) => r.function === fn)?.path;
  const bare: number[] = [];
  const loads = new Map<string, number[]>();
  const drivers = new Map<string, number[]>();
  try {
    for (let i = 0; i < RUNS; i += 1) {
      for (const fn of manifest.functionDirs) {
        const prefix = prefixOf(fn);
        if (prefix === undefined) throw new Error(`${fn} has no HTTP route in cloudbaserc.json`);
        bare.push(timeNode('', env));
        const list = loads.get(fn) ?? [];
        list.push(timeNode(coldStartCode(join(root, 'dist/functions', fn, 'index.js'), prefix), env));
        loads.set(fn, list);
      }
      for (const d of DRIVERS) {
        const list = drivers.get(d) ?? [];
        list.push(timeNode(`require(${JSON.stringify(d)})`, env));
        drivers.set(d, list);
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const bareMs = median(bare);
  const functions: Record<string, FunctionFigures> = {};
  for (const [fn, list] of loads) {
    const coldInitMs = round(median(list) - bareMs, 1);
    const bundleKb = round(statSync(join(root, 'dist/functions', fn, 'index.js')).size / 1024, 1);
    functions[fn] = { bundleKb, coldInitMs, withinTarget: coldInitMs <= MAX_ABOVE_BARE_MS };
  }
  const storeDriverMs = Object.fromEntries([...drivers].map(([d, list]) => [d, round(median(list) - bareMs, 1)]));
  console.log(`[bench] bare node ${round(bareMs, 1)} ms; requiring a store driver adds (ms): ${JSON.stringify(storeDriverMs)}`);
  const slow = Object.entries(functions).filter(([, f]) => !f.withinTarget);
  if (slow.length > 0) {
    throw new SectionFailure(`cold init above bare node + ${MAX_ABOVE_BARE_MS} ms: ${slow.map(([fn, f]) => `${fn} ${f.coldInitMs} ms`).join(', ')}`, functions);
  }
  return { functions, bareNodeMs: round(bareMs, 1), storeDriverMs };
}
