import { parse as parseYaml } from 'yaml';

/**
 * What happens to serverless.yml between `scf deploy` and Tencent's component toolkit. None of it can run
 * on this machine, so it is mirrored here from its public source, step by step:
 *
 * 1. The CLI, serverless-cloud-framework (not on the npm registry), resolves `${env:NAME}`
 *    (src/libs/utils/basic.js, resolveVariables): a value that is exactly `${env:NAME}` becomes
 *    process.env.NAME, i.e. undefined when unset; inside a longer string an unset one becomes "undefined".
 * 2. It sends the instance to Tencent's component platform as JSON, so undefined values vanish.
 * 3. The component runs on that platform, not here: multi-scf (serverless-components/tencent-multi-scf,
 *    src/formatter.ts formatInputs) and layer (serverless-components/tencent-layer, src/utils.js
 *    prepareInputs) upload the code to COS and build the toolkit's inputs. The upload is replaced by the
 *    bucket and object it would produce; everything else follows their code, including what they ignore.
 */

export interface ComponentInstance {
  app: string;
  stage: string;
  name: string;
  component: string;
  inputs: Record<string, unknown>;
}

type Obj = Record<string, unknown>;

export function loadInstance(yamlText: string, env: Record<string, string | undefined>): ComponentInstance {
  const resolved = resolveEnv(parseYaml(yamlText), env);
  return JSON.parse(JSON.stringify(resolved)) as ComponentInstance;
}

function resolveEnv(value: unknown, env: Record<string, string | undefined>): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{env:([\w.-]+)\}$/.exec(value);
    if (whole) return env[whole[1] ?? ''];
    return value.replace(/\$\{env:([\w.-]+)\}/g, (_m, name: string) => String(env[name]));
  }
  if (Array.isArray(value)) return value.map((v) => resolveEnv(v, env));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveEnv(v, env)]));
  return value;
}

export interface MultiScfToolkitInputs {
  region: string;
  /** One ScfDeployInputs per function, for toolkit `new Scf(credentials, region).deploy(…)`. */
  functions: Obj[];
  /** For toolkit `new TriggerManager(credentials, region).bulkCreateTriggers(…)`. */
  triggers: Obj[];
}

/** multi-scf formatInputs: only type, namespace, runtime and description are shared by all functions. */
export function multiScfInputs(instance: ComponentInstance): MultiScfToolkitInputs {
  const inputs = instance.inputs;
  const region = (inputs.region as string | undefined) || 'ap-guangzhou';
  const common = {
    type: inputs.type || 'event',
    namespace: inputs.namespace || 'default',
    runtime: inputs.runtime || 'Nodejs12.16',
    description: inputs.description || 'Created by Serverless',
  };
  const nameByKey = new Map<string, string>();
  const functions = Object.entries((inputs.functions ?? {}) as Record<string, Obj>).map(([key, fn]) => {
    const name = (fn.name as string | undefined) || `${instance.name}-${instance.stage}-${instance.app}-${key}`;
    nameByKey.set(key, name);
    return { ...common, ...fn, name, code: { bucket: `sls-cloudfunction-${region}-code`, object: `${name}-code.zip` } };
  });
  const triggers = ((inputs.triggers ?? []) as Obj[]).map((t) => {
    const key = String(t.function);
    const name = nameByKey.get(key);
    // The component reads faasKeyMap[key].name: an unknown key is a TypeError there, and the deploy fails.
    if (name === undefined) throw new TypeError(`multi-scf: trigger ${JSON.stringify((t.parameters as Obj | undefined)?.name)} names function "${key}", which is not in inputs.functions`);
    return { ...t, namespace: inputs.namespace || 'default', function: { name, type: common.type } };
  });
  return { region, functions, triggers };
}

/** layer prepareInputs: name and description must be strings, runtimes a list (default Nodejs10.15 only). */
export function layerInputs(instance: ComponentInstance): Obj {
  const inputs = instance.inputs;
  const region = (inputs.region as string | undefined) || 'ap-guangzhou';
  const name = inputs.name ?? `layer_component_${instance.name}`;
  if (typeof name !== 'string') throw new TypeError(`layer: inputs.name ${JSON.stringify(name)} is not a string`);
  const runtimes = inputs.runtimes ?? ['Nodejs10.15'];
  if (!Array.isArray(runtimes)) throw new TypeError(`layer: inputs.runtimes ${JSON.stringify(runtimes)} is not a list`);
  if (typeof inputs.src !== 'string' || inputs.src === '') throw new TypeError('layer: inputs.src is required');
  return { region, name, runtimes, description: inputs.description ?? 'Layer created by serverless component', bucket: `sls-layer-${region}-code`, object: `${name}-code.zip` };
}
