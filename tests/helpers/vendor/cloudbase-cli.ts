import Module, { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { vi } from 'vitest';
import { ScfApiError, type FakeScfApi } from './scf-api-fake';

/**
 * @cloudbase/cli's own code, run offline. The CLI ships as one webpack bundle whose entry starts the
 * command line at once; loaded here with that one call replaced by an export of the bundle's module
 * table, so its config loader and its function deployer can be called as `tcb` calls them.
 * The module ids are those of the pinned version: a new version fails loudly here until they are re-read.
 */

const require = createRequire(import.meta.url);
const PINNED = '2.12.10';
/** `getCloudBaseConfig`, what every `tcb` command loads cloudbaserc.json with (toolbox ConfigParser inside). */
const CONFIG_MODULE = 8437;
/** @cloudbase/manager-node's CloudBase class: `.functions` is the FunctionService `tcb fn deploy` uses. */
const MANAGER_MODULE = 95492;
const ENTRY_CALL = 'var __webpack_exports__ = __webpack_require__(__webpack_require__.s = 89357);';

type BundleRequire = (id: number) => unknown;
let bundle: BundleRequire | undefined;

function cliBundle(): BundleRequire {
  if (bundle) return bundle;
  const { version } = require('@cloudbase/cli/package.json') as { version: string };
  if (version !== PINNED) throw new Error(`@cloudbase/cli ${version} installed; tests/helpers/vendor/cloudbase-cli.ts knows the module ids of ${PINNED}`);
  const file = require.resolve('@cloudbase/cli/dist/standalone/cli.js');
  const source = readFileSync(file, 'utf8');
  if (!source.includes(ENTRY_CALL)) throw new Error(`@cloudbase/cli ${version}: bundle entry not found`);
  const internal = Module as unknown as { _nodeModulePaths(dir: string): string[] };
  const mod = new Module(file) as Module & { _compile(code: string, filename: string): void };
  mod.filename = file;
  mod.paths = internal._nodeModulePaths(dirname(file));
  mod._compile(source.replace(ENTRY_CALL, 'var __webpack_exports__ = __webpack_require__;'), file);
  bundle = mod.exports as BundleRequire;
  return bundle;
}

export interface CloudbaseFunction {
  name: string;
  triggers?: { name: string; type: string; config: string }[];
  [key: string]: unknown;
}
export interface CloudbaseConfig {
  envId: string;
  functionRoot: string;
  functions: CloudbaseFunction[];
  [key: string]: unknown;
}

/**
 * Loads the text of a cloudbaserc.json as `tcb` does: `{{env.NAME}}` from the environment (and from .env
 * files in the working directory, so it is read in an empty temporary folder), `envId` required.
 */
export async function loadCloudbaseConfig(text: string, env: Record<string, string | undefined>): Promise<CloudbaseConfig> {
  const { getCloudBaseConfig } = cliBundle()(CONFIG_MODULE) as { getCloudBaseConfig(path: string): Promise<CloudbaseConfig> };
  const dir = mkdtempSync(join(tmpdir(), 'cloudbaserc-'));
  const cwd = process.cwd();
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  try {
    writeFileSync(join(dir, 'cloudbaserc.json'), text);
    process.chdir(dir);
    setEnv(env);
    return await getCloudBaseConfig(join(dir, 'cloudbaserc.json'));
  } finally {
    setEnv(saved);
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
}

function setEnv(env: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

/** An empty zip: the code itself is not what is checked, and `npm run build` is not run by the tests. */
const EMPTY_ZIP = 'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==';

interface FunctionService {
  scfService: object;
  createFunction(options: Record<string, unknown>): Promise<unknown>;
}
interface CloudServiceLike {
  service: string;
  request(action: string, data?: Record<string, unknown>): Promise<unknown>;
}

/**
 * `tcb fn deploy --all`: each function of the loaded config through the CLI's FunctionService#createFunction
 * (create, wait until active, timers), with the CLI's network client (manager-node CloudService#request)
 * answering from a FakeScfApi. The CLI polls the function state every second: fake timers stand in.
 */
export async function deployWithCloudbaseCli(api: FakeScfApi, config: CloudbaseConfig, root: string): Promise<void> {
  const CloudBase = cliBundle()(MANAGER_MODULE) as new (options: Record<string, string>) => { functions: FunctionService };
  const functions = new CloudBase({ secretId: 'offline-test', secretKey: 'offline-test', envId: config.envId, region: 'ap-guangzhou' }).functions;
  const cloudService = Object.getPrototypeOf(functions.scfService) as CloudServiceLike;
  const original = cloudService.request;
  cloudService.request = async function (this: CloudServiceLike, action, data = {}) {
    // The environment description the manager loads once before its first call.
    if (this.service === 'tcb' && action === 'DescribeEnvs') {
      return { EnvList: [{ EnvId: config.envId, Functions: [{ Namespace: config.envId }], Storages: [{ AppId: 'offline' }], LogServices: [] }] };
    }
    try {
      return api.handle(action, data);
    } catch (e) {
      if (e instanceof ScfApiError) throw Object.assign(new Error(e.message), { code: e.code });
      throw e;
    }
  };
  try {
    for (const func of config.functions) {
      await withFakeClock(() => functions.createFunction({ func: { ...func, isWaitInstall: true }, force: false, base64Code: EMPTY_ZIP, functionRootPath: join(root, config.functionRoot) }));
    }
  } finally {
    cloudService.request = original;
  }
}

async function withFakeClock<T>(run: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  try {
    let settled = false;
    const result = run();
    result.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let tick = 0; !settled && tick < 600; tick += 1) await vi.advanceTimersByTimeAsync(1000);
    return await result;
  } finally {
    vi.useRealTimers();
  }
}
