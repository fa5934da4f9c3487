/**
 * A chat-completion model (Tencent Hunyuan in production: shared/adapters/hunyuan). Optional
 * everywhere: callers must work without it, bound every call with `signal`, and treat the answer
 * as untrusted text.
 */
export interface LlmMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LlmRequest {
  /** Optional system message first, then alternating user/assistant, ending with user. */
  messages: LlmMessage[];
  /** Aborted when the caller's time budget is spent; the implementation should stop waiting. */
  signal: AbortSignal;
  /** 0..2; low values for classification. */
  temperature?: number;
}

export interface LlmResponse {
  text: string;
}

export interface Llm {
  /** Names the model in logs and ticket events ("hunyuan-lite"). */
  readonly name: string;
  chat(request: LlmRequest): Promise<LlmResponse>;
}

/** Raised by callers (or implementations) when `signal` fired before an answer arrived. */
export class LlmTimeoutError extends Error {
  override readonly name = 'LlmTimeoutError';
  constructor(readonly budgetMs: number) {
    super(`model gave no answer within ${budgetMs} ms`);
  }
}

/**
 * Runs `call` with an AbortSignal that fires after `budgetMs`, and stops waiting at that moment
 * even when the implementation ignores the signal (Promise.race): the caller's time budget holds.
 */
export async function withTimeBudget<T>(budgetMs: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new LlmTimeoutError(budgetMs));
    }, budgetMs);
  });
  const pending = call(controller.signal);
  // A late failure after the budget expired has nobody left to hear it.
  pending.catch(() => undefined);
  try {
    return await Promise.race([pending, expired]);
  } finally {
    clearTimeout(timer);
  }
}
