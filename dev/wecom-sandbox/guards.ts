import { wxError, type Reply, type SandboxContext } from './reply';
import type { Fault } from './state';

/** Takes the next armed fault for this path, if any. */
export function takeFault(ctx: SandboxContext, path: string): Fault | undefined {
  const fault = ctx.state.faults.find((f) => f.path === path && f.remaining > 0);
  if (!fault) return undefined;
  fault.remaining--;
  ctx.state.faults = ctx.state.faults.filter((f) => f.remaining > 0);
  return fault;
}

/**
 * Per-path, per-minute quota for the whole corp; once exceeded the path is blocked for `blockMs`
 * ("按分钟拦截则被屏蔽60秒"). Every call counts, failed ones too.
 */
export function rateLimit(ctx: SandboxContext, path: string): Reply | undefined {
  const { limits, rateWindows } = ctx.state;
  const now = ctx.nowMs();
  let window = rateWindows.get(path);
  if (window && now < window.blockedUntilMs) return wxError(45009);
  if (!window || now - window.windowStartMs >= 60_000) rateWindows.set(path, (window = { windowStartMs: now, count: 0, blockedUntilMs: 0 }));
  window.count++;
  if (window.count > limits.perApiPerMinute) {
    window.blockedUntilMs = now + limits.blockMs;
    return wxError(45009);
  }
  return undefined;
}

export const normalizePath = (path: string): string => {
  const trimmed = path.replace(/^\/+/, '').replace(/^cgi-bin\//, '');
  return `/cgi-bin/${trimmed}`;
};
