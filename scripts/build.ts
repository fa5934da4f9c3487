/**
 * `npm run build`: one CommonJS bundle per function (Node 18 target, sourcemaps) in
 * dist/functions/<name>/index.js, and the deps layer in dist/layers/deps/node_modules holding the
 * heavy externals (SCF mounts layers at /opt and resolves /opt/node_modules), and the H5 pages
 * (scripts/build-web.ts) copied into the web function.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { execSync } from 'node:child_process';
import { readDeployManifest } from '../dev/deploy-manifest';
import { buildWeb } from './build-web';

const root = process.cwd();
const layerManifest = JSON.parse(readFileSync(join(root, 'layers/deps/package.json'), 'utf8')) as { dependencies: Record<string, string> };
/** Everything in the layer stays out of the bundles. */
export const LAYER_EXTERNALS = Object.keys(layerManifest.dependencies);

function buildVersion(): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  try {
    return `${pkg.version}+${execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim()}`;
  } catch {
    return pkg.version;
  }
}

/**
 * Modules a function imports with `import()` on first use, each emitted as a file of its own beside the
 * bundle (source → file name): a cold start does not parse what it may never run. The triage
 * classifier is half the triage bundle and a timer, a staff page or /healthz never needs it.
 */
const LAZY_MODULES: Record<string, string> = {
  'shared/domain/triage/classifier-entry.ts': 'triage-classifier.js',
};

/** Resolves a dynamic `import()` of a LAZY_MODULES source to its sibling file, left to `require` at run time. */
const lazyModules: Plugin = {
  name: 'lazy-modules',
  setup(b) {
    b.onResolve({ filter: /./ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const source = relative(root, resolve(args.resolveDir, args.path)).replace(/\\/g, '/');
      const file = LAZY_MODULES[`${source}.ts`] ?? LAZY_MODULES[source];
      return file ? { path: `./${file}`, external: true } : undefined;
    });
  },
};

const COMMON_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: true,
  minify: true,
  // Native import() ignores NODE_PATH, so a lazily loaded layer package would not be found at
  // /opt/node_modules; as require() it is, and it stays lazy.
  supported: { 'dynamic-import': false },
  legalComments: 'none',
  // Chinese lexicons as UTF-8 (3 bytes a character), not \uXXXX escapes (6): the triage bundle halves its tables.
  charset: 'utf8',
  external: [...LAYER_EXTERNALS.flatMap((d) => [d, `${d}/*`])],
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** Bundles each function into `<outRoot>/<name>/index.js`, with the LAZY_MODULES it imports beside it. */
export async function bundleFunctions(names: string[], outRoot = join(root, 'dist/functions')): Promise<{ name: string; bytes: number }[]> {
  const version = buildVersion();
  const out: { name: string; bytes: number }[] = [];
  for (const name of names) {
    const dir = join(outRoot, name);
    const outfile = join(dir, 'index.js');
    const result = await build({
      ...COMMON_OPTIONS,
      entryPoints: [join(root, 'functions', name, 'index.ts')],
      outfile,
      metafile: true,
      plugins: [lazyModules],
      define: { 'process.env.BUILD_VERSION': JSON.stringify(version) },
    });
    const lazyFiles = new Set(Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path.replace(/^\.\//, ''))));
    for (const [source, file] of Object.entries(LAZY_MODULES)) {
      if (!lazyFiles.has(file)) continue;
      await build({ ...COMMON_OPTIONS, entryPoints: [join(root, source)], outfile: join(dir, file), define: { 'process.env.BUILD_VERSION': JSON.stringify(version) } });
    }
    out.push({ name, bytes: statSync(outfile).size });
  }
  return out;
}

/** Resolves a package directory the way Node would from `fromDir`. */
function findPackageDir(name: string, fromDir: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Copies the layer's packages and their production dependency closure from the installed
 * node_modules (so the layer holds exactly the versions the tests ran against; no network).
 */
function buildLayer(): { packages: number; bytes: number } {
  const target = join(root, 'dist/layers/deps/node_modules');
  const seen = new Map<string, string>();
  const visit = (name: string, fromDir: string, optional: boolean) => {
    const dir = findPackageDir(name, fromDir);
    if (!dir) {
      if (optional) return;
      throw new Error(`layer: cannot resolve ${name} from ${fromDir}; run npm ci`);
    }
    if (seen.has(dir)) return;
    seen.set(dir, name);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dir, false);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, dir, true);
  };
  for (const dep of LAYER_EXTERNALS) visit(dep, root, false);

  let bytes = 0;
  for (const dir of seen.keys()) {
    const rel = dir.slice(join(root, 'node_modules').length + 1);
    cpSync(dir, join(target, rel), { recursive: true, dereference: true });
    bytes += dirSize(dir);
  }
  return { packages: seen.size, bytes };
}

function dirSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) total += dirSize(p);
    else if (entry.isFile()) total += statSync(p).size;
  }
  return total;
}

async function main(): Promise<void> {
  const manifest = readDeployManifest(root);
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  mkdirSync(join(root, 'dist'), { recursive: true });
  const bundles = await bundleFunctions(manifest.functionDirs);
  const layer = buildLayer();
  // The web function deploys its site with it (functions/web/index.ts reads ./public).
  const web = await buildWeb(root);
  // Without source maps: they would publish the pages' whole source to anyone who asks.
  cpSync(web.outDir, join(root, 'dist/functions/web/public'), { recursive: true, filter: (src) => !src.endsWith('.map') });
  console.log('function          bundle');
  for (const b of bundles) console.log(`${b.name.padEnd(17)} ${(b.bytes / 1024).toFixed(1).padStart(7)} KB`);
  for (const p of web.pages) console.log(`page ${p.prefix.padEnd(12)} ${(p.jsGzipBytes / 1024).toFixed(1).padStart(7)} KB of JavaScript gzipped (budget 150 KB) in dist/web/assets/${p.js}`);
  console.log(`layer deps        ${(layer.bytes / 1024 / 1024).toFixed(1).padStart(7)} MB (${layer.packages} packages) in dist/layers/deps/node_modules`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
