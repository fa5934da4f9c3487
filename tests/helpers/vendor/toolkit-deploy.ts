import { Layer, Scf, TriggerManager } from 'tencent-component-toolkit';
import type { ScfDeployInputs } from 'tencent-component-toolkit/lib/modules/scf/interface';
import type { LayerDeployInputs } from 'tencent-component-toolkit/lib/modules/layer/interface';
import { ScfApiError, type FakeScfApi } from './scf-api-fake';
import { layerInputs, multiScfInputs, type ComponentInstance } from './scf-components';

/**
 * Runs Tencent's component toolkit (tencent-component-toolkit, the code the multi-scf and layer components
 * call) on the inputs the components would give it, unmodified, with one exception: its network client,
 * Capi#request from @tencent-sdk/capi, answers from a FakeScfApi instead of scf.tencentcloudapi.com.
 */

const CREDENTIALS = { SecretId: 'offline-test', SecretKey: 'offline-test' };

/** `cd layers && scf deploy`: the layer component, then toolkit Layer#deploy. Returns the new version. */
export async function deployLayer(api: FakeScfApi, instance: ComponentInstance): Promise<number> {
  const inputs = layerInputs(instance);
  const out = await throughFake(api, () => new Layer(CREDENTIALS, inputs.region as never).deploy(inputs as LayerDeployInputs));
  return Number(out.version);
}

/** `scf deploy` of a multi-scf instance: every function with Scf#deploy, then the triggers, as multi-scf does. */
export async function deployMultiScf(api: FakeScfApi, instance: ComponentInstance): Promise<void> {
  const inputs = multiScfInputs(instance);
  await throughFake(api, async () => {
    const scf = new Scf(CREDENTIALS, inputs.region as never);
    for (const fn of inputs.functions) await scf.deploy(fn as unknown as ScfDeployInputs);
    await new TriggerManager(CREDENTIALS, inputs.region as never).bulkCreateTriggers(inputs.triggers as never);
  });
}

interface CapiLike {
  request(data: Record<string, unknown>, opts?: unknown, isV3?: boolean): Promise<unknown>;
}

async function throughFake<T>(api: FakeScfApi, run: () => Promise<T>): Promise<T> {
  // Every toolkit module builds its own Capi; they share the class, so its prototype is the one place to
  // redirect. The toolkit also logs each step with console.log: kept out of the test output.
  const capi = Object.getPrototypeOf(new Layer(CREDENTIALS).capi) as CapiLike;
  const original = capi.request;
  const originalLog = console.log;
  capi.request = async (data) => {
    const { Action, Version: _version, RequestClient: _client, ...params } = data;
    try {
      return { Response: { ...api.handle(String(Action), params), RequestId: 'offline' } };
    } catch (e) {
      if (e instanceof ScfApiError) return { Response: { Error: { Code: e.code, Message: e.message }, RequestId: 'offline' } };
      throw e;
    }
  };
  console.log = () => undefined;
  try {
    return await run();
  } finally {
    capi.request = original;
    console.log = originalLog;
  }
}
