import type { Llm, LlmRequest, LlmResponse } from '../../ports/llm';
import { onceUntilFailure } from '../../once-until-failure';

/**
 * Tencent Hunyuan ChatCompletions (hunyuan.tencentcloudapi.com, Version 2023-09-01) through
 * tencentcloud-sdk-nodejs-hunyuan. The SDK is imported on the first call, not at cold start: it
 * lives in the deps layer and most invocations never need it.
 */

/** The slice of the SDK client this adapter uses (lets tests hand in a stand-in without the SDK). */
export interface HunyuanChatClient {
  ChatCompletions(req: {
    Model: string;
    Messages: { Role: string; Content: string }[];
    Stream?: boolean;
    Temperature?: number;
  }): Promise<{ Choices?: { Message?: { Content?: string } | null; FinishReason?: string }[] | null; ErrorMsg?: { Msg?: string; Code?: number } | null }>;
}

export interface HunyuanOptions {
  model: string;
  region: string;
  /** SCF injects the run role's temporary credentials as TENCENTCLOUD_SECRETID/SECRETKEY/SESSIONTOKEN. */
  credential: { secretId?: string; secretKey?: string; token?: string };
  /** The SDK's own request timeout; the caller's AbortSignal is the real bound. */
  timeoutMs: number;
  endpoint?: string;
  /** Builds the SDK client; defaults to a lazy import of tencentcloud-sdk-nodejs-hunyuan. */
  createClient?: (options: HunyuanOptions) => Promise<HunyuanChatClient>;
}

async function sdkClient(o: HunyuanOptions): Promise<HunyuanChatClient> {
  const { hunyuan } = await import('tencentcloud-sdk-nodejs-hunyuan');
  return new hunyuan.v20230901.Client({
    credential: { secretId: o.credential.secretId, secretKey: o.credential.secretKey, token: o.credential.token },
    region: o.region,
    profile: { httpProfile: { endpoint: o.endpoint ?? 'hunyuan.tencentcloudapi.com', reqTimeout: Math.max(1, Math.ceil(o.timeoutMs / 1000)) } },
  }) as unknown as HunyuanChatClient;
}

export class HunyuanError extends Error {
  override readonly name = 'HunyuanError';
}

export function createHunyuanLlm(options: HunyuanOptions): Llm {
  const clientOnce = onceUntilFailure((): Promise<HunyuanChatClient> => (options.createClient ?? sdkClient)(options));

  return {
    name: options.model,
    async chat(request: LlmRequest): Promise<LlmResponse> {
      if (request.signal.aborted) throw new HunyuanError('aborted before the call');
      const c = await clientOnce();
      // The SDK takes no AbortSignal: the caller races the signal (withTimeBudget) and stops waiting.
      const res = await c.ChatCompletions({
        Model: options.model,
        Messages: request.messages.map((m) => ({ Role: m.role, Content: m.content })),
        Stream: false,
        ...(request.temperature !== undefined && { Temperature: request.temperature }),
      });
      if (res.ErrorMsg?.Msg) throw new HunyuanError(`hunyuan error ${res.ErrorMsg.Code ?? ''}`.trim());
      const text = res.Choices?.[0]?.Message?.Content;
      if (typeof text !== 'string') throw new HunyuanError('hunyuan answered without content');
      return { text };
    },
  };
}
