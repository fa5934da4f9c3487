import type { Env } from '../../config';
import type { Llm } from '../../ports/llm';
import { createHunyuanLlm } from './hunyuan-llm';

/** The configured model, or undefined when HUNYUAN_ENABLED is off (the default). Builds no client. */
export function llmFromConfig(cfg: Env): Llm | undefined {
  if (!cfg.HUNYUAN_ENABLED) return undefined;
  return createHunyuanLlm({
    model: cfg.HUNYUAN_MODEL,
    region: cfg.TENCENTCLOUD_REGION,
    credential: { secretId: cfg.TENCENTCLOUD_SECRETID, secretKey: cfg.TENCENTCLOUD_SECRETKEY, token: cfg.TENCENTCLOUD_SESSIONTOKEN },
    timeoutMs: cfg.HUNYUAN_TIMEOUT_MS,
  });
}
