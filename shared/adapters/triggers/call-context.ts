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

/**
 * Whether a WeChat client made this call (what `miniProgramCaller` would report as an OPENID or a
 * wx_client / wx_devtools source), read without the app id: every invocation asks this first.
 */
export function fromMiniProgramClient(context: InvocationContext | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (context?.environment) {
    const caller = miniProgramCaller(context, env);
    return !!caller.openId || caller.source === 'wx_client' || caller.source === 'wx_devtools';
  }
  if (env.WX_OPENID) return true;
  const source = env.TCB_SOURCE;
  return source === 'wx_client' || source === 'wx_devtools';
}
