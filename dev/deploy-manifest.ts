import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import * as z from 'zod';

/**
 * Reads the two deploy descriptors so that the local stack routes and schedules exactly as a
 * deployment would, and so a test can hold them to each other and to functions/.
 */

const ScfSchema = z.object({
  inputs: z.object({
    runtime: z.string(),
    // multi-scf reads timeout and memory per function only (tests/unit/platform/vendor-descriptors.test.ts).
    functions: z.record(
      z.string(),
      z.object({ handler: z.string(), src: z.string(), timeout: z.number(), memorySize: z.number(), environment: z.object({ variables: z.record(z.string(), z.unknown()) }) }),
    ),
    triggers: z.array(
      z.object({
        type: z.enum(['http', 'timer']),
        function: z.string(),
        parameters: z.object({ name: z.string(), cronExpression: z.string().optional(), enable: z.boolean().optional() }).passthrough(),
      }),
    ),
  }),
});

const CloudbaseSchema = z.object({
  functionRoot: z.string(),
  functions: z.array(
    z.object({
      name: z.string(),
      handler: z.string(),
      runtime: z.string(),
      timeout: z.number(),
      installDependency: z.literal(false),
      layers: z.array(z.object({ name: z.string(), version: z.number() })),
      triggers: z.array(z.object({ name: z.string(), type: z.literal('timer'), config: z.string() })).optional(),
    }),
  ),
  httpAccess: z.array(z.object({ path: z.string().startsWith('/'), function: z.string() })),
});

export interface DeployManifest {
  functionDirs: string[];
  scf: z.infer<typeof ScfSchema>;
  cloudbase: z.infer<typeof CloudbaseSchema>;
  /** Longest prefix first, so /api/intake/forms finds /api/intake. */
  routes: { path: string; function: string }[];
  timers: { function: string; name: string; cron7: string }[];
}

export function readDeployManifest(root = process.cwd()): DeployManifest {
  const scf = ScfSchema.parse(parseYaml(readFileSync(join(root, 'serverless.yml'), 'utf8')));
  const cloudbase = CloudbaseSchema.parse(JSON.parse(readFileSync(join(root, 'cloudbaserc.json'), 'utf8')));
  const functionDirs = readdirSync(join(root, 'functions'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, 'functions', d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
  const routes = [...cloudbase.httpAccess].sort((a, b) => b.path.length - a.path.length);
  const timers = scf.inputs.triggers
    .filter((t) => t.type === 'timer' && t.parameters.enable !== false)
    .map((t) => ({ function: t.function, name: t.parameters.name, cron7: t.parameters.cronExpression ?? '' }));
  return { functionDirs, scf, cloudbase, routes, timers };
}

/** The function serving `path`, by the same prefix rule as CloudBase HTTP access. */
export function routeFor(manifest: DeployManifest, path: string): string | undefined {
  return manifest.routes.find((r) => path === r.path || path.startsWith(`${r.path}/`))?.function;
}

/**
 * Tencent's 7-field cron (sec min hour day month week year) → croner's 6 fields. Only a `*` year
 * is supported locally; anything else is refused rather than silently misread.
 */
export function toCroner(cron7: string): string {
  const fields = cron7.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`cron "${cron7}" must have 7 fields (second minute hour day month week year)`);
  if (fields[6] !== '*') throw new Error(`cron "${cron7}": only a "*" year is supported by the local scheduler`);
  return fields.slice(0, 6).join(' ');
}
