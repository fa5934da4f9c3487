/**
 * A stand-in for the Tencent SCF cloud API (version 2018-04-16), the only thing the vendors' deploy code
 * talks to that cannot run on this machine. Tencent's component toolkit and @cloudbase/cli run unmodified
 * against it; only their network client is pointed here (tests/helpers/vendor/*-deploy.ts).
 *
 * It refuses what the API reference refuses. Every rule below is quoted from Tencent's own parameter
 * documentation, shipped in tencentcloud-sdk-nodejs-scf (tencentcloud/services/scf/v20180416/scf_models.d.ts);
 * anything the reference does not state is not enforced, so a pass here does not prove SCF accepts a
 * request, but a refusal here is one SCF documents.
 */

export class ScfApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** CreateFunctionRequest.Runtime: "目前支持的运行环境". */
const RUNTIMES = new Set(['Python2.7', 'Python3.6', 'Python3.7', 'Python3.9', 'Python3.10', 'Nodejs6.10', 'Nodejs8.9', 'Nodejs10.15', 'Nodejs12.16', 'Nodejs14.18', 'Nodejs16.13', 'Nodejs18.15', 'Php5.6', 'Php7', 'Php7.4', 'Php8.0', 'Go1', 'Java8', 'CustomRuntime']);
/** CreateTriggerRequest.Type: "目前支持 cos 、cls 、 timer、 ckafka、http类型". */
const TRIGGER_TYPES = new Set(['cos', 'cls', 'timer', 'ckafka', 'http']);
/** FunctionName: letters, digits, - and _, first a letter, last neither - nor _, 2-60 characters. */
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,58}[A-Za-z0-9]$/;
/** LayerName: the same alphabet, 1-64 characters. */
const LAYER_NAME = /^[A-Za-z](?:[A-Za-z0-9_-]{0,62}[A-Za-z0-9])?$/;
/** Handler "文件名称.方法名称": each part starts and ends with a letter, 2-60 characters. */
const HANDLER_PART = /^[A-Za-z](?:[A-Za-z0-9_-]{0,58})[A-Za-z]$/;
/** Timer TriggerName: letters, digits, - and _, at most 100 characters. */
const TIMER_NAME = /^[A-Za-z0-9_-]{1,100}$/;

type Params = Record<string, unknown>;

export interface DeployedFunction {
  FunctionName: string;
  Namespace: string;
  Runtime: string;
  Handler: string;
  Timeout: number;
  MemorySize: number;
  InstallDependency: string;
  Environment: Record<string, string>;
  Layers: { LayerName: string; LayerVersion: number }[];
}

export interface DeployedTrigger {
  FunctionName: string;
  Type: string;
  TriggerName: string;
  TriggerDesc: string;
  Enable: string;
}

export class FakeScfApi {
  /**
   * `form`: the toolkit signs v1 requests whose values travel as form strings, so "25" stands for 25.
   * `json`: @cloudbase/cli signs TC3 requests with a JSON body, where a number has to be a number.
   */
  constructor(readonly transport: 'form' | 'json') {}

  readonly functions = new Map<string, DeployedFunction>();
  readonly triggers: DeployedTrigger[] = [];
  readonly layers = new Map<string, { version: number; runtimes: string[] }[]>();
  /** Every action called, in order, so a test can see what the vendor code asked for. */
  readonly calls: { action: string; params: Params }[] = [];

  handle(action: string, params: Params): Params {
    this.calls.push({ action, params });
    switch (action) {
      case 'GetFunction':
        return this.getFunction(params);
      case 'CreateFunction':
        return this.createFunction(params);
      case 'CreateTrigger':
        this.createTrigger(params.FunctionName, params);
        return { TriggerInfo: { ...params, Enable: params.Enable === 'OPEN' ? 1 : 0 } };
      case 'BatchCreateTrigger':
        for (const t of JSON.parse(String(params.Triggers)) as Params[]) this.createTrigger(params.FunctionName, { Enable: 'OPEN', ...t });
        return {};
      case 'ListTriggers':
        this.requireFunction(params.FunctionName);
        return { Triggers: [], TotalCount: 0 };
      case 'GetAlias':
        throw new ScfApiError('ResourceNotFound.Alias', 'no alias');
      case 'PublishLayerVersion':
        return { LayerVersion: this.publishLayer(params) };
      case 'GetLayerVersion':
        return { Status: 'Active', LayerName: params.LayerName, LayerVersion: params.LayerVersion };
      default:
        throw new ScfApiError('UnsupportedOperation', `the SCF stand-in does not model ${action}`);
    }
  }

  /** A layer released outside the run under test (CloudBase: `tcb fn layer create`). */
  addLayerVersion(name: string, version: number, runtimes: string[]): void {
    this.layers.set(name, [...(this.layers.get(name) ?? []), { version, runtimes }]);
  }

  private getFunction(params: Params): Params {
    const fn = this.requireFunction(params.FunctionName);
    return { ...fn, Status: 'Active', Environment: { Variables: Object.entries(fn.Environment).map(([Key, Value]) => ({ Key, Value })) } };
  }

  private requireFunction(name: unknown): DeployedFunction {
    const fn = typeof name === 'string' ? this.functions.get(name) : undefined;
    if (!fn) throw new ScfApiError('ResourceNotFound.Function', `function ${String(name)} does not exist`);
    return fn;
  }

  private createFunction(p: Params): Params {
    const name = str(p.FunctionName);
    if (!FUNCTION_NAME.test(name)) throw new ScfApiError('InvalidParameterValue.FunctionName', `FunctionName "${name}": letters, digits, - and _, a letter first, 2-60 characters`);
    if (this.functions.has(name)) throw new ScfApiError('ResourceInUse.Function', `function ${name} exists`);
    const runtime = p.Runtime === undefined ? 'Python2.7' : str(p.Runtime);
    if (!RUNTIMES.has(runtime)) throw new ScfApiError('InvalidParameterValue.Runtime', `Runtime "${runtime}" is not one of SCF's runtimes`);
    const handler = str(p.Handler);
    const parts = handler.split('.');
    if (parts.length !== 2 || !parts.every((part) => HANDLER_PART.test(part))) throw new ScfApiError('InvalidParameterValue.Handler', `Handler "${handler}" is not "file.method"`);
    const memory = p.MemorySize === undefined ? 128 : this.int(p.MemorySize, 'MemorySize');
    if (!(memory === 64 || (memory >= 128 && memory <= 3072 && memory % 128 === 0))) throw new ScfApiError('InvalidParameterValue.MemorySize', `MemorySize ${memory}: 64, or 128-3072 in steps of 128`);
    const timeout = p.Timeout === undefined ? 3 : this.int(p.Timeout, 'Timeout');
    if (timeout < 1 || timeout > 900) throw new ScfApiError('InvalidParameterValue.Timeout', `Timeout ${timeout}: 1-900 seconds`);
    const code = (p.Code ?? {}) as Params;
    if (!code.ZipFile && !(code.CosBucketName && code.CosObjectName)) throw new ScfApiError('InvalidParameterValue.Code', 'Code needs a ZipFile or a COS bucket and object');
    const fn: DeployedFunction = {
      FunctionName: name,
      Namespace: p.Namespace === undefined ? 'default' : str(p.Namespace),
      Runtime: runtime,
      Handler: handler,
      Timeout: timeout,
      MemorySize: memory,
      InstallDependency: p.InstallDependency === undefined ? 'FALSE' : str(p.InstallDependency),
      Environment: this.environment(p.Environment),
      Layers: this.boundLayers(p.Layers),
    };
    this.functions.set(name, fn);
    return { RequestId: `create-${name}` };
  }

  private environment(value: unknown): Record<string, string> {
    const variables = ((value ?? {}) as Params).Variables ?? [];
    if (!Array.isArray(variables)) throw new ScfApiError('InvalidParameterValue.Environment', 'Environment.Variables is an array');
    const env: Record<string, string> = {};
    for (const v of variables as Params[]) {
      // Variable.Key: "变量的名称，不可为空字符".
      if (typeof v.Key !== 'string' || v.Key === '') throw new ScfApiError('InvalidParameterValue.Environment', 'an environment variable has no name');
      env[v.Key] = String(v.Value);
    }
    return env;
  }

  private boundLayers(value: unknown): DeployedFunction['Layers'] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw new ScfApiError('InvalidParameterValue.Layers', 'Layers is an array');
    return (value as Params[]).map((l) => {
      const name = str(l.LayerName);
      if (l.LayerVersion === undefined) throw new ScfApiError('MissingParameter.LayerVersion', `layer ${name} has no LayerVersion`);
      const version = this.int(l.LayerVersion, 'LayerVersion');
      if (!(this.layers.get(name) ?? []).some((v) => v.version === version)) throw new ScfApiError('ResourceNotFound.Layer', `layer ${name} version ${version} does not exist`);
      return { LayerName: name, LayerVersion: version };
    });
  }

  private createTrigger(functionName: unknown, t: Params): void {
    const fn = this.requireFunction(functionName);
    const type = str(t.Type);
    if (!TRIGGER_TYPES.has(type)) throw new ScfApiError('InvalidParameterValue.Type', `trigger type "${type}" is not one of cos, cls, timer, ckafka, http`);
    const name = str(t.TriggerName);
    const desc = t.TriggerDesc === undefined ? '' : str(t.TriggerDesc);
    if (type === 'timer') {
      if (!TIMER_NAME.test(name)) throw new ScfApiError('InvalidParameterValue.TriggerName', `timer name "${name}": letters, digits, - and _, at most 100 characters`);
      // Tencent's timer cron has seven fields: second minute hour day month week year.
      if (desc.trim().split(/\s+/).length !== 7) throw new ScfApiError('InvalidParameterValue.TriggerDesc', `timer ${name}: cron "${desc}" must have 7 fields`);
    }
    if (type === 'http') {
      const url = parseJson(desc, `Function URL ${name}`);
      if (!['NONE', 'CAM'].includes(String(url.AuthType))) throw new ScfApiError('InvalidParameterValue.TriggerDesc', `Function URL ${name}: AuthType is NONE or CAM`);
    }
    if (this.triggers.some((x) => x.FunctionName === fn.FunctionName && x.Type === type && x.TriggerName === name)) throw new ScfApiError('ResourceInUse.Trigger', `trigger ${name} exists`);
    this.triggers.push({ FunctionName: fn.FunctionName, Type: type, TriggerName: name, TriggerDesc: desc, Enable: str(t.Enable ?? 'CLOSE') });
  }

  private int(value: unknown, field: string): number {
    const n = typeof value === 'number' ? value : this.transport === 'form' && /^-?\d+$/.test(String(value)) ? Number(value) : Number.NaN;
    if (!Number.isInteger(n)) throw new ScfApiError(`InvalidParameterValue.${field}`, `${field} ${JSON.stringify(value)} is not an integer`);
    return n;
  }

  private publishLayer(p: Params): number {
    const name = str(p.LayerName);
    if (!LAYER_NAME.test(name)) throw new ScfApiError('InvalidParameterValue.LayerName', `LayerName "${name}": letters, digits, - and _, a letter first, 1-64 characters`);
    const runtimes = p.CompatibleRuntimes;
    if (!Array.isArray(runtimes) || runtimes.length === 0) throw new ScfApiError('MissingParameter.CompatibleRuntimes', `layer ${name} names no runtime`);
    for (const r of runtimes) if (!RUNTIMES.has(String(r))) throw new ScfApiError('InvalidParameterValue.CompatibleRuntimes', `layer ${name}: "${String(r)}" is not one of SCF's runtimes`);
    const content = (p.Content ?? {}) as Params;
    if (!content.ZipFile && !(content.CosBucketName && content.CosObjectName)) throw new ScfApiError('InvalidParameterValue.Content', `layer ${name}: Content needs a ZipFile or a COS bucket and object`);
    const version = (this.layers.get(name)?.length ?? 0) + 1;
    this.addLayerVersion(name, version, runtimes.map(String));
    return version;
  }
}

function str(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function parseJson(text: string, what: string): Params {
  try {
    return JSON.parse(text) as Params;
  } catch {
    throw new ScfApiError('InvalidParameterValue.TriggerDesc', `${what}: TriggerDesc is not JSON`);
  }
}
