import type { InvocationContext } from '../../shared/adapters/triggers/call-context';
import type { TimerEvent } from '../../shared/adapters/triggers/events';
import type { AppDeps } from '../../shared/runtime/deps';
import { createInProcessInvoker, shardPayloadOf, type ShardInvoker } from '../../shared/services/reminders/fan-out';
import type { CronReport, ReminderService } from '../../shared/services/reminders/reminder-service';
import { createScfInvoker } from './scf-invoker';
import { reminderServiceFor } from './service';

/** SCF's documented default when the context does not say. */
const DEFAULT_TIME_LIMIT_MS = 60_000;

function invokerFor(service: ReminderService, deps: AppDeps, context: InvocationContext, budgetMs: number): ShardInvoker | undefined {
  const fanOut = service.settings.fanOut;
  if (fanOut.mode === 'in_process') return createInProcessInvoker((p) => service.runCron({ shards: p.shards, budgetMs }));
  if (fanOut.mode !== 'scf') return undefined;
  const functionName = fanOut.functionName ?? context.function_name;
  if (!functionName) {
    deps.log.error('reminder fan-out needs REMINDER_FUNCTION_NAME or context.function_name; running unsharded');
    return undefined;
  }
  const cfg = deps.config;
  return createScfInvoker({
    functionName,
    namespace: fanOut.namespace,
    region: cfg.TENCENTCLOUD_REGION,
    credential: { secretId: cfg.TENCENTCLOUD_SECRETID, secretKey: cfg.TENCENTCLOUD_SECRETKEY, token: cfg.TENCENTCLOUD_SESSIONTOKEN },
    nowMs: () => deps.clock.nowMs(),
  });
}

/**
 * The every-minute timer, and fan-out workers (same event shape, `Message` names the shards). A run
 * stops `safetyMarginMs` before the function's time limit and leaves the rest for the next tick.
 */
export async function reminderTimer(event: TimerEvent, deps: AppDeps, context: InvocationContext): Promise<CronReport> {
  const service = reminderServiceFor(deps);
  const limitMs = context.time_limit_in_ms ?? DEFAULT_TIME_LIMIT_MS;
  const budgetMs = Math.max(1000, limitMs - service.settings.safetyMarginMs);
  const payload = shardPayloadOf(event.Message);
  if (payload) return service.runCron({ budgetMs, shards: payload.shards });
  const invoker = invokerFor(service, deps, context, budgetMs);
  return service.runCron({ budgetMs, ...(invoker && { invoker }) });
}
