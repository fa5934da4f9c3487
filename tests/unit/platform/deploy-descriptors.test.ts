import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readDeployManifest, routeFor, toCroner } from '../../../dev/deploy-manifest';
import { EnvSchema } from '../../../shared/config/env';
import { OUTCOMES_ENV_KEYS } from '../../../shared/config/outcomes-env';

const manifest = readDeployManifest();
/** Serves the H5 pages: no store, no WeCom, so none of their configuration or secrets (least privilege). */
const STATIC_FUNCTION = 'web';
const STATIC_ENV = ['LOG_LEVEL', 'NODE_ENV'];
/** Reads the store and verifies callers only: none of the WeCom, callback or field secrets (shared/config/outcomes-env.ts). */
const LEAST_PRIVILEGE_FUNCTION = 'outcomes';
const scfFunctions = manifest.scf.inputs.functions;
const rootPkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
const layerPkg = JSON.parse(readFileSync('layers/deps/package.json', 'utf8')) as { dependencies: Record<string, string> };

describe('deploy descriptors agree with each other and with functions/', () => {
  it('declares the seven capability functions and the static web function, no more, no less, in both descriptors', () => {
    expect(manifest.functionDirs).toEqual(['gap-analysis', 'intake', 'outcomes', 'points', 'reminder-cron', 'triage', 'web', 'welcome']);
    expect(Object.keys(scfFunctions).sort()).toEqual(manifest.functionDirs);
    expect(manifest.cloudbase.functions.map((f) => f.name).sort()).toEqual(manifest.functionDirs);
  });

  it('points each SCF function at its bundle and both descriptors at the same handler and Node 18 runtime', () => {
    for (const [name, fn] of Object.entries(scfFunctions)) {
      expect(fn.src).toBe(`./${name}`);
      expect(fn.handler).toBe('index.main_handler');
    }
    expect(manifest.scf.inputs.runtime).toBe('Nodejs18.15');
    for (const fn of manifest.cloudbase.functions) {
      expect(fn.handler).toBe('index.main_handler');
      expect(fn.runtime).toBe('Nodejs18.15');
      // The web function serves built files and loads no package of the layer.
      expect(fn.layers.map((l) => l.name)).toEqual(fn.name === STATIC_FUNCTION ? [] : ['wecom-health-deps']);
      // CloudBase caps timeouts at 60 s; otherwise both give a function the same time.
      const scfTimeout = scfFunctions[fn.name]?.timeout;
      expect(fn.timeout).toBe(scfTimeout === undefined ? undefined : Math.min(60, scfTimeout));
    }
  });

  it('has the same timers in both, as valid 7-field cron', () => {
    const byKey = (t: { function: string; name: string }) => `${t.function}/${t.name}`;
    const cloudbaseTimers = manifest.cloudbase.functions.flatMap((f) => (f.triggers ?? []).map((t) => ({ function: f.name, name: t.name, cron7: t.config })));
    expect([...cloudbaseTimers].sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual([...manifest.timers].sort((a, b) => byKey(a).localeCompare(byKey(b))));
    expect(manifest.timers.map(byKey).sort()).toEqual(['intake/form-follow-ups', 'outcomes/daily-aggregates', 'points/recovery', 'reminder-cron/every-minute', 'triage/inbox-sweep', 'welcome/inbox-sweep']);
    for (const t of manifest.timers) expect(() => toCroner(t.cron7)).not.toThrow();
  });

  it('exposes over HTTP exactly the functions that have a Function URL trigger', () => {
    const urlFunctions = manifest.scf.inputs.triggers.filter((t) => t.type === 'http').map((t) => t.function).sort();
    expect([...new Set(manifest.routes.map((r) => r.function))].sort()).toEqual(urlFunctions);
  });

  it('routes the documented paths to their functions by prefix', () => {
    expect(routeFor(manifest, '/wecom/welcome')).toBe('welcome');
    expect(routeFor(manifest, '/wecom/triage')).toBe('triage');
    expect(routeFor(manifest, '/api/auth/staff-session')).toBe('welcome');
    expect(routeFor(manifest, '/api/intake/forms')).toBe('intake');
    expect(routeFor(manifest, '/api/gap-analysis/reports/m1')).toBe('gap-analysis');
    expect(routeFor(manifest, '/api/points/balance')).toBe('points');
    expect(routeFor(manifest, '/api/content/items')).toBe('reminder-cron');
    expect(routeFor(manifest, '/api/offers/open')).toBe('reminder-cron');
    expect(routeFor(manifest, '/api/outcomes/dashboard')).toBe('outcomes');
    expect(routeFor(manifest, '/api/intakeX')).toBeUndefined();
    expect(routeFor(manifest, '/staff/tickets/t1')).toBe('web');
    expect(routeFor(manifest, '/m/report')).toBe('web');
    expect(routeFor(manifest, '/assets/staff-X.js')).toBe('web');
  });

  it('keeps the layer on the same versions the tests run against', () => {
    for (const [dep, version] of Object.entries(layerPkg.dependencies)) expect(rootPkg.dependencies[dep]).toBe(version);
  });

  it('passes every configuration variable to the functions in both descriptors, and documents each in the README', () => {
    const platformInjected = ['TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY', 'TENCENTCLOUD_SESSIONTOKEN'];
    const embeddedOnly = ['DATA_DIR'];
    const keys = Object.keys(EnvSchema.shape).filter((k) => !platformInjected.includes(k) && !embeddedOnly.includes(k));
    const expected = (name: string) => (name === STATIC_FUNCTION ? STATIC_ENV : name === LEAST_PRIVILEGE_FUNCTION ? [...OUTCOMES_ENV_KEYS].sort() : [...keys].sort());
    for (const [name, fn] of Object.entries(scfFunctions)) {
      expect(Object.keys(fn.environment.variables).sort(), name).toEqual(expected(name));
    }
    const cloudbase = JSON.parse(readFileSync('cloudbaserc.json', 'utf8')) as { functions: { name: string; envVariables: Record<string, string> }[] };
    for (const fn of cloudbase.functions) {
      if (fn.name === STATIC_FUNCTION) {
        expect(Object.keys(fn.envVariables).sort(), fn.name).toEqual(STATIC_ENV);
        continue;
      }
      // CloudBase functions use the CloudBase database; MONGODB_URI is the SCF alternative.
      expect(Object.keys(fn.envVariables).sort(), fn.name).toEqual(expected(fn.name).filter((k) => k !== 'MONGODB_URI'));
      expect(fn.envVariables.STORE).toBe('cloudbase');
    }
    const readme = readFileSync('README.md', 'utf8');
    for (const key of Object.keys(EnvSchema.shape)) expect(readme, key).toContain(`\`${key}\``);
  });

  it('refuses a cron that is not 7 fields or names a year', () => {
    expect(() => toCroner('* * * * *')).toThrow(/7 fields/);
    expect(() => toCroner('0 0 8 * * * 2027')).toThrow(/year/);
    expect(toCroner('0 */5 * * * * *')).toBe('0 */5 * * * *');
  });
});
