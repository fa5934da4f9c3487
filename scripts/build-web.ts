/**
 * The H5 pages (staff workbench under /staff/, member pages under /m/): one esbuild bundle per app,
 * content-hashed into dist/web/assets/, and an HTML shell per app that names its bundle. No inline
 * script or style, so the pages run under the strict CSP the `web` function sends
 * (functions/web/static-site.ts). Budget from issue #17: ≤ 150 KB of JavaScript per page, gzipped.
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { PurgeCSS } from 'purgecss';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export const JS_BUDGET_GZIP_BYTES = 150 * 1024;

export interface WebApp {
  /** URL prefix the shell answers under (`/staff` → /staff, /staff/…). */
  prefix: string;
  entry: string;
  title: string;
}

export const WEB_APPS: WebApp[] = [
  { prefix: '/staff', entry: 'web/staff/main.tsx', title: '健康社群 · 工作台' },
  { prefix: '/m', entry: 'web/member/main.tsx', title: '健康社群' },
];

export interface WebBuild {
  outDir: string;
  pages: Array<{ prefix: string; html: string; js: string; css?: string; jsGzipBytes: number }>;
}

/** `preload`: chunks the entry imports, fetched in parallel with it instead of after it. */
const shell = (app: WebApp, js: string, css: string | undefined, preload: string[]) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,viewport-fit=cover">
<meta name="referrer" content="no-referrer">
<title>${app.title}</title>
${css ? `<link rel="stylesheet" href="/assets/${css}">\n` : ''}${preload.map((f) => `<link rel="modulepreload" href="/assets/${f}">\n`).join('')}<script type="module" src="/assets/${js}"></script>
</head><body><div id="app" aria-live="polite"></div><noscript>请在企业微信或浏览器中打开，并允许运行脚本。</noscript></body></html>
`;

/**
 * WeUI's stylesheet is the whole kit (≈ 190 KB, 25 KB gzipped); a page uses a few widgets. Its rules
 * are kept only for class names that appear in the pages' sources (every class is written out in
 * full there, never assembled from parts, so none is lost). Our own stylesheets are kept whole.
 */
function purgeKitCss(root: string): Plugin {
  const KITS = /node_modules[\\/](weui|uplot)[\\/].*\.css$/;
  return {
    name: 'purge-kit-css',
    setup(b) {
      b.onLoad({ filter: KITS }, async (args) => {
        const [result] = await new PurgeCSS().purge({
          content: [join(root, 'web/**/*.{ts,tsx}')],
          css: [args.path],
          // Set by WeUI's own conventions on <html>/<body>, not by our markup; and the elements uPlot
          // builds itself (<canvas>, .u-wrap, .u-under, .u-over, .u-axis…): without their rules the
          // chart is drawn at device-pixel size, pushed down by its overlays and clipped.
          safelist: { standard: [/^data-weui/, 'canvas', /^u-/], greedy: [/data-weui-theme/, /data-weui-mode/] },
          variables: true,
          keyframes: true,
        });
        return { contents: result?.css ?? '', loader: 'css' };
      });
    },
  };
}

export async function buildWeb(root = process.cwd(), outDir = join(root, 'dist/web')): Promise<WebBuild> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  const pages: WebBuild['pages'] = [];
  for (const app of WEB_APPS) {
    const result = await build({
      absWorkingDir: root,
      entryPoints: { [basename(app.prefix)]: app.entry },
      outdir: join(outDir, 'assets'),
      entryNames: '[name]-[hash]',
      // What a page loads only on some paths (the WeCom JS-SDK: the sidebar and 插入聊天) goes to its
      // own chunk, fetched when first used, so the first load carries less.
      splitting: true,
      chunkNames: 'chunk-[hash]',
      assetNames: '[name]-[hash]',
      bundle: true,
      format: 'esm',
      // The WeCom/WeChat in-app browsers on older Android ship Chromium ~ 86; iOS WKWebView 13+.
      target: ['chrome86', 'safari13'],
      // esbuild counts destructuring as unsupported before Safari 15 (a corner case with defaults in
      // loop heads) and then refuses to build any `const [a, b] = …` (Preact hooks, uPlot): Safari
      // 13/14 run ordinary destructuring, so it is declared supported.
      supported: { destructuring: true },
      minify: true,
      // Maps stay in dist/web for local debugging; the deployed site carries none (scripts/build.ts).
      sourcemap: 'external',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      loader: { '.svg': 'file', '.woff2': 'file', '.png': 'file' },
      legalComments: 'none',
      charset: 'utf8',
      metafile: true,
      plugins: [purgeKitCss(root)],
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'warning',
    });
    const outputs = outputsOf(result.metafile, join(outDir, 'assets'), root);
    const js = outputs.find((f) => f.endsWith('.js') && !f.startsWith('chunk-'));
    const css = outputs.find((f) => f.endsWith('.css'));
    if (!js) throw new Error(`${app.entry}: esbuild produced no JavaScript`);
    // The first load is the entry and every chunk it imports statically (code split out because a
    // later page shares it); chunks behind import() come when a page needs them.
    const firstLoad = staticClosure(result.metafile, relative(root, join(outDir, 'assets', js))).map((p) => relative(join(outDir, 'assets'), join(root, p)));
    const jsGzipBytes = firstLoad.reduce((sum, f) => sum + gzipSync(readFileSync(join(outDir, 'assets', f))).length, 0);
    if (jsGzipBytes > JS_BUDGET_GZIP_BYTES) throw new Error(`${app.entry}: ${Math.round(jsGzipBytes / 1024)} KB of JavaScript gzipped on first load, over the ${JS_BUDGET_GZIP_BYTES / 1024} KB budget`);
    const html = `${app.prefix.slice(1)}.html`;
    writeFileSync(join(outDir, html), shell(app, js, css, firstLoad.filter((f) => f !== js)));
    pages.push({ prefix: app.prefix, html, js, ...(css && { css }), jsGzipBytes });
  }
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify({ pages }, null, 2));
  return { outDir, pages };
}

/** The output `entry` (a metafile path) and the outputs it imports statically, transitively. */
function staticClosure(meta: Metafile, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const imp of meta.outputs[path]?.imports ?? []) if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
  };
  visit(entry);
  return [...seen];
}

/** Output files (names under assets/) of a build; maps are served but not linked from the shell. */
function outputsOf(meta: Metafile, assetsDir: string, root: string): string[] {
  return Object.keys(meta.outputs)
    .map((p) => relative(assetsDir, join(root, p)))
    .filter((p) => !p.endsWith('.map'));
}

if (require.main === module) {
  buildWeb()
    .then((b) => {
      for (const p of b.pages) console.log(`web ${p.prefix.padEnd(8)} ${p.js}  ${(p.jsGzipBytes / 1024).toFixed(1)} KB gzip`);
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
