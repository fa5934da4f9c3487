import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readDeployManifest } from '../../../dev/deploy-manifest';
import { parseConfig } from '../../../shared/config';
import { parseOutcomesConfig } from '../../../shared/config/outcomes-env';
import { FakeScfApi } from '../../helpers/vendor/scf-api-fake';
import { loadInstance } from '../../helpers/vendor/scf-components';
import { deployLayer, deployMultiScf } from '../../helpers/vendor/toolkit-deploy';
import { deployWithCloudbaseCli, loadCloudbaseConfig } from '../../helpers/vendor/cloudbase-cli';

/**
 * The deploy descriptors as Tencent's own code reads them: serverless.yml and layers/serverless.yml through
 * tencent-component-toolkit (the code behind the multi-scf and layer components), cloudbaserc.json through
 * @cloudbase/cli's config loader and function deployer. Only the SCF cloud API is a stand-in
 * (tests/helpers/vendor/scf-api-fake.ts). What could not run offline: README "Deploy".
 */

const SERVERLESS_YML = readFileSync('serverless.yml', 'utf8');
const LAYER_YML = readFileSync('layers/serverless.yml', 'utf8');
const CLOUDBASERC = readFileSync('cloudbaserc.json', 'utf8');

/** What an operator exports before a production deploy: the required variables and one optional one. */
const OPERATOR_ENV: Record<string, string | undefined> = {
  STAGE: 'prod',
  TENCENTCLOUD_REGION: 'ap-guangzhou',
  PUBLIC_BASE_URL: 'https://health.example.com',
  STORE: 'mongodb',
  MONGODB_URI: 'mongodb://10.0.0.5:27017/health',
  CLOUDBASE_ENV_ID: 'health-prod-4g1x2y',
  WECOM_CORP_ID: 'ww6c2b8a1f0e9d7c5b',
  WECOM_APP_SECRET: 'app-secret-from-the-wecom-console',
  WECOM_CALLBACK_TOKEN: 'callbacktoken',
  WECOM_CALLBACK_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  FIELD_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  TOKEN_SIGNING_SECRET: 'a-token-signing-secret-of-32-chars',
  INTERNAL_API_KEY: 'an-internal-key-of-24-chars',
  LOG_LEVEL: 'warn',
};

/** Time and memory each function is meant to have (README: welcome retries its send, reminder-cron batches). */
const SIZES: Record<string, { timeout: number; memory: number }> = {
  welcome: { timeout: 25, memory: 256 },
  intake: { timeout: 10, memory: 256 },
  triage: { timeout: 15, memory: 256 },
  'gap-analysis': { timeout: 10, memory: 256 },
  'reminder-cron': { timeout: 60, memory: 512 },
  points: { timeout: 10, memory: 256 },
  outcomes: { timeout: 60, memory: 512 },
  web: { timeout: 3, memory: 128 },
};
/** Serves built pages only: no layer, and none of the store, WeCom or signing configuration (least privilege). */
const STATIC_FUNCTION = 'web';
/** Deployed with the store and the callers' credentials only (shared/config/outcomes-env.ts). */
const LEAST_PRIVILEGE_FUNCTION = 'outcomes';
const LAYER = 'wecom-health-deps';
/** `tcb fn layer create` printed this version; cloudbaserc.json names it. */
const CLOUDBASE_LAYER_VERSION = 1;
const manifest = readDeployManifest();

/** `cd layers && scf deploy`, then `DEPS_LAYER_VERSION=<printed> scf deploy`, against the stand-in API. */
async function deployScf(files = { service: SERVERLESS_YML, layer: LAYER_YML }, env = OPERATOR_ENV): Promise<FakeScfApi> {
  const api = new FakeScfApi('form');
  const version = await deployLayer(api, loadInstance(files.layer, env));
  await deployMultiScf(api, loadInstance(files.service, { DEPS_LAYER_VERSION: String(version), ...env }));
  return api;
}

/** `tcb fn deploy --all` after the layer was created, against the stand-in API. */
async function deployCloudbase(text = CLOUDBASERC, env = OPERATOR_ENV): Promise<FakeScfApi> {
  const api = new FakeScfApi('json');
  api.addLayerVersion(LAYER, CLOUDBASE_LAYER_VERSION, ['Nodejs18.15']);
  await deployWithCloudbaseCli(api, await loadCloudbaseConfig(text, env), process.cwd());
  return api;
}

/** What a user of the deployed service would notice: every function there, sized, layered, configured. */
function expectRunnable(api: FakeScfApi, nameOf: (fn: string) => string, store: string, layerVersion: number): void {
  expect([...api.functions.keys()].sort()).toEqual(Object.keys(SIZES).map(nameOf).sort());
  for (const [key, size] of Object.entries(SIZES)) {
    const fn = api.functions.get(nameOf(key));
    if (!fn) throw new Error(`${key} was not deployed`);
    expect(fn.Runtime, `${key} runtime`).toBe('Nodejs18.15');
    expect(fn.Handler, `${key} handler`).toBe('index.main_handler');
    expect(fn.Timeout, `${key} timeout`).toBe(size.timeout);
    expect(fn.MemorySize, `${key} memory`).toBe(size.memory);
    // The bundles are built for the layer; installing dependencies online would replace it.
    expect(fn.InstallDependency, `${key} installDependency`).toBe('FALSE');
    if (key === STATIC_FUNCTION) {
      expect(fn.Layers ?? [], `${key} layers`).toEqual([]);
      expect(Object.keys(fn.Environment).sort(), `${key}: only what its log needs`).toEqual(['LOG_LEVEL', 'NODE_ENV']);
      continue;
    }
    // The bundles leave mongoose, the CloudBase SDK and the Tencent clients to the layer.
    expect(fn.Layers, `${key} layers`).toEqual([{ LayerName: LAYER, LayerVersion: layerVersion }]);
    if (key === LEAST_PRIVILEGE_FUNCTION) {
      // Its own, narrower parser: the store and the callers' credentials, no WeCom or field secret.
      const config = parseOutcomesConfig({ ...fn.Environment, TENCENTCLOUD_SECRETID: 'injected', TENCENTCLOUD_SECRETKEY: 'injected' });
      expect({ corp: config.WECOM_CORP_ID, store: config.STORE, log: config.LOG_LEVEL }, `${key} configuration`).toEqual({ corp: OPERATOR_ENV.WECOM_CORP_ID, store, log: 'warn' });
      expect(Object.keys(fn.Environment).filter((k) => /SECRET|AES_KEY|ENCRYPTION/.test(k) && k !== 'TOKEN_SIGNING_SECRET'), `${key}: no WeCom or field secret`).toEqual([]);
      continue;
    }
    // The cold start parses exactly what SCF would hand the function (plus the credentials it injects).
    const config = parseConfig({ ...fn.Environment, TENCENTCLOUD_SECRETID: 'injected', TENCENTCLOUD_SECRETKEY: 'injected' });
    expect({ corp: config.WECOM_CORP_ID, store: config.STORE, log: config.LOG_LEVEL, base: config.PUBLIC_BASE_URL }, `${key} configuration`).toEqual({
      corp: OPERATOR_ENV.WECOM_CORP_ID,
      store,
      log: 'warn',
      base: OPERATOR_ENV.PUBLIC_BASE_URL,
    });
    expect(Object.values(fn.Environment), `${key}: a variable the operator did not set`).not.toContain('undefined');
  }
  const timers = api.triggers.filter((t) => t.Type === 'timer').map((t) => ({ function: t.FunctionName, name: t.TriggerName, cron7: t.TriggerDesc, enable: t.Enable }));
  const expected = manifest.timers.map((t) => ({ function: nameOf(t.function), name: t.name, cron7: t.cron7, enable: 'OPEN' }));
  const byKey = (a: { function: string; name: string }, b: { function: string; name: string }) => `${a.function}/${a.name}`.localeCompare(`${b.function}/${b.name}`);
  expect(timers.sort(byKey), 'timers: the ones the local scheduler runs').toEqual(expected.sort(byKey));
}

/** Replaces text that must be there, so a mutation that matches nothing cannot pass unnoticed. */
function mutate(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`mutation target not found: ${from}`);
  return text.replace(from, to);
}

describe('serverless.yml and layers/serverless.yml through tencent-component-toolkit', () => {
  it('deploys the layer for Node 18 and eight functions that start with the operator\'s configuration', async () => {
    const api = await deployScf();
    const published = api.layers.get(LAYER);
    expect(published?.map((v) => v.runtimes)).toEqual([['Nodejs18.15']]);
    expectRunnable(api, (key) => `health-${key}`, 'mongodb', 1);
  });

  it('gives every function a public Function URL without CAM auth (WeCom and members call it)', async () => {
    const api = await deployScf();
    const urls = api.triggers.filter((t) => t.Type === 'http');
    expect(urls.map((t) => t.FunctionName).sort()).toEqual(Object.keys(SIZES).map((k) => `health-${k}`).sort());
    for (const url of urls) expect(JSON.parse(url.TriggerDesc), url.FunctionName).toMatchObject({ AuthType: 'NONE', NetConfig: { EnableExtranet: true } });
  });

  it.each([
    ['a runtime SCF does not have', 'runtime: Nodejs18.15', 'runtime: Nodejs18', /Runtime "Nodejs18"/],
    ['a 6-field cron', "cronExpression: '0 * * * * * *'", "cronExpression: '0 * * * * *'", /must have 7 fields/],
    ['an unknown trigger type', '- type: timer', '- type: timr', /TriggerClass is not a constructor|Unknown trigger type/],
    ['a trigger naming no function', 'function: reminder-cron\n      parameters: { name: every', 'function: reminder\n      parameters: { name: every', /names function "reminder"/],
    ['a memory size SCF does not sell', 'memorySize: 512', 'memorySize: 500', /MemorySize 500/],
    ['a timeout that is not a number', 'timeout: 25', "timeout: '25s'", /welcome timeout/],
  ])('refuses serverless.yml with %s', async (_case, from, to, error) => {
    await expect(deployScf({ service: mutate(SERVERLESS_YML, from, to), layer: LAYER_YML }).then((api) => expectRunnable(api, (k) => `health-${k}`, 'mongodb', 1))).rejects.toThrow(error);
  });

  it('refuses a deploy without DEPS_LAYER_VERSION, and a layer published without Node 18', async () => {
    await expect(deployScf(undefined, { ...OPERATOR_ENV, DEPS_LAYER_VERSION: undefined })).rejects.toThrow(/no LayerVersion/);
    const noRuntimes = mutate(LAYER_YML, '  runtimes:\n    - Nodejs18.15\n', '');
    const api = await deployScf({ service: SERVERLESS_YML, layer: noRuntimes });
    expect(api.layers.get(LAYER)?.[0]?.runtimes, 'the layer component defaults to Node 10 only').toEqual(['Nodejs10.15']);
  });
});

describe('cloudbaserc.json through @cloudbase/cli', () => {
  it('loads with the CLI, fills {{env.*}} and deploys eight functions that start with the operator\'s configuration', async () => {
    const config = await loadCloudbaseConfig(CLOUDBASERC, OPERATOR_ENV);
    expect(config.envId).toBe(OPERATOR_ENV.CLOUDBASE_ENV_ID);
    expectRunnable(await deployCloudbase(), (key) => key, 'cloudbase', CLOUDBASE_LAYER_VERSION);
  });

  it.each([
    ['no envId', '"envId": "{{env.CLOUDBASE_ENV_ID}}",', '', /envId/],
    ['a trigger type the CLI cannot create', '"type": "timer"', '"type": "http"', /不支持的触发器类型 \[http\]/],
    ['a runtime SCF does not have', '"runtime": "Nodejs18.15"', '"runtime": "nodejs18"', /Runtime "nodejs18"/],
    ['a layer version written as text', '"version": 1', '"version": "1"', /LayerVersion "1" is not an integer/],
    ['a 6-field cron', '"config": "0 * * * * * *"', '"config": "0 * * * * *"', /must have 7 fields/],
  ])('refuses cloudbaserc.json with %s', async (_case, from, to, error) => {
    await expect(deployCloudbase(mutate(CLOUDBASERC, from, to))).rejects.toThrow(error);
  });
});
