import type { InvocationContext } from '../../shared/adapters/triggers/call-context';
import type { TimerEvent } from '../../shared/adapters/triggers/events';
import type { AppDeps } from '../../shared/runtime/deps';
import { createInProcessInvoker, shardPayloadOf, type ShardInvoker } from '../../shared/services/reminders/fan-out';
import { tickSendWindow, type SendWindow } from '../../shared/services/reminders/send-window';
import type { CronReport, ReminderService } from '../../shared/services/reminders/reminder-service';
import { createScfInvoker } from './scf-invoker';
import { servicesOf } from './wiring';

/** SCF's documented default when the context does not say. */
const DEFAULT_TIME_LIMIT_MS = 60_000;

function invokerFor(service: ReminderService, deps: AppDeps, context: InvocationContext, budgetMs: number, sendWindow: SendWindow): ShardInvoker | undefined {
  const fanOut = service.settings.fanOut;
  if (fanOut.mode === 'in_process') return createInProcessInvoker((p) => service.runCron({ shards: p.shards, budgetMs, sendWindow: p.sendWindow ?? sendWindow }));
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
 * It sends only inside its tick's window (send-window.ts), which starts at the event's `Time`, the
 * tick's scheduled instant, not when this invocation started; a worker is handed its caller's.
 */
export async function reminderTimer(event: TimerEvent, deps: AppDeps, context: InvocationContext): Promise<CronReport> {
  const service = servicesOf(deps).reminders;
  const limitMs = context.time_limit_in_ms ?? DEFAULT_TIME_LIMIT_MS;
  const budgetMs = Math.max(1000, limitMs - service.settings.safetyMarginMs);
  const payload = shardPayloadOf(event.Message);
  const sendWindow = payload?.sendWindow ?? tickSendWindow(firedAtMs(event), limitMs - service.settings.safetyMarginMs);
  if (payload) return service.runCron({ budgetMs, sendWindow, shards: payload.shards });
  await contentStep(deps);
  const invoker = invokerFor(service, deps, context, budgetMs, sendWindow);
  return service.runCron({ budgetMs, sendWindow, ...(invoker && { invoker }) });
}

/**
 * Before the reminders go out: calendar entries whose time has come become reminders (sent in this
 * same tick), and offers whose reminder went out are recorded as shown. Neither may stop the
 * reminders, so a failure is logged and left for the next tick (both steps are idempotent).
 */
async function contentStep(deps: AppDeps): Promise<void> {
  try {
    const { contentCalendar, offerMeasures } = servicesOf(deps);
    await contentCalendar.runDue();
    await offerMeasures.sweepShown();
  } catch (err) {
    deps.log.error('content calendar or offer sweep failed; the next tick retries', { error: err instanceof Error ? err.message : 'unknown' });
  }
}

/** The event's `Time` (the platform's clock and ours are both NTP-synchronised); now if it cannot be read. */
function firedAtMs(event: TimerEvent): number {
  const ms = Date.parse(event.Time);
  return Number.isFinite(ms) ? ms : Date.now();
}
