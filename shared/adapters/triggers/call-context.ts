import type { MiniProgramCaller } from '../../ports/mini-program-caller';

/** What SCF/CloudBase pass as the second handler argument (fields we read). */
export interface InvocationContext {
  request_id?: string;
  function_name?: string;
  time_limit_in_ms?: number;
  /** CloudBase: a JSON string of the caller's context (WX_OPENID, WX_APPID, TCB_SOURCE…). */
  environment?: string;
  callbackWaitsForEmptyEventLoop?: boolean;
}

export type { MiniProgramCaller } from '../../ports/mini-program-caller';

/**
 * The caller of a callFunction. Only the platform sets these (context.environment, or process env
 * inside CloudBase); the event body is caller-controlled and never trusted for identity.
 */
export function miniProgramCaller(context: InvocationContext | undefined, env: NodeJS.ProcessEnv = process.env): MiniProgramCaller {
  let fromContext: Record<string, string> = {};
  if (context?.environment) {
    try {
      fromContext = JSON.parse(context.environment) as Record<string, string>;
    } catch {
      fromContext = {};
    }
  }
  return { openId: pick(fromContext, env, 'WX_OPENID'), appId: pick(fromContext, env, 'WX_APPID'), source: pick(fromContext, env, 'TCB_SOURCE') };
}

/** Module-level rather than a closure per call: every invocation asks who the caller is. */
function pick(fromContext: Record<string, string>, env: NodeJS.ProcessEnv, key: string): string | undefined {
  return fromContext[key] || env[key] || undefined;
}
