import { startLocalStack } from '../dev/local-stack';
import { DEFAULT_LIMITS } from '../dev/wecom-sandbox/config';
import { createReminderService } from '../shared/services/reminders/reminder-service';
import { tickSendWindow } from '../shared/services/reminders/send-window';
import { DaytimeClock } from './daytime-clock';
import { countDeliveries, seedDueReminders } from './reminders-seed';
import { peakInSpan, round } from './stats';

/** The function's time limit (serverless.yml, cloudbaserc.json) and the timer's period. */
const TIME_LIMIT_MS = 60_000;
const TICK_MS = 60_000;
const MAX_TICKS = 6;

const API_PATHS = {
  kf: '/cgi-bin/kf/send_msg',
  subscribe: '/cgi-bin/message/subscribe/send',
  massTask: '/cgi-bin/externalcontact/add_msg_template',
} as const;

/**
 * `count` reminders due at once, delivered the way production delivers them: the minute timer
 * (`runCron`, budget = the 60 s time limit minus the safety margin) fires every real minute until
 * everything arrived, against a sandbox enforcing WeCom's real limit (10 000 calls per API per
 * minute, a 60 s block after that). For each API, `share` is the time its calls needed at the
 * ceiling over the time they took (run start → its last successful call), the measure; it
 * includes the idle tail of each tick after its window. A run spends its minute's share inside its
 * 50 s window, so when the last tick ends early the share can pass 1 without any minute passing the
 * ceiling: `…PeakPerMinute` is the most calls of that API in any 60 s, which must stay under it.
 */
export async function runPacedBench(count = 30_000): Promise<Record<string, number>> {
  const clock = new DaytimeClock();
  const stack = await startLocalStack({ clock, env: { LOG_LEVEL: 'error' }, sandboxLimits: { perApiPerMinute: DEFAULT_LIMITS.perApiPerMinute } });
  try {
    const service = createReminderService({ ...stack.deps });
    const setupStarted = Date.now();
    const expected = await seedDueReminders(stack, service, count, clock.nowMs());
    const setupMs = Date.now() - setupStarted;
    stack.sandbox.state.calls.length = 0;

    const startReal = Date.now();
    const startAtMs = clock.nowMs();
    let ticks = 0;
    let released = 0;
    for (; ticks < MAX_TICKS; ticks += 1) {
      const tickAtMs = startReal + ticks * TICK_MS;
      const wait = tickAtMs - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      // As the timer handler does: the run sends inside its tick's window, on the real clock the dispatcher paces by.
      const usableMs = TIME_LIMIT_MS - service.settings.safetyMarginMs;
      const report = await service.runCron({ budgetMs: usableMs, sendWindow: tickSendWindow(tickAtMs, usableMs) });
      released += report.runs.reduce((n, r) => n + r.released, 0);
      if (countDeliveries(stack, expected).lost === 0) break;
    }
    const delivered = countDeliveries(stack, expected);
    const perApi = (path: string) => {
      const calls = stack.sandbox.state.calls.filter((c) => c.path === path);
      const ok = calls.filter((c) => c.errcode === null || c.errcode === 0);
      const lastAtMs = ok.reduce((m, c) => Math.max(m, c.atMs), startAtMs);
      const idealMs = (ok.length / DEFAULT_LIMITS.perApiPerMinute) * 60_000;
      return {
        ok: ok.length,
        rateLimited: calls.filter((c) => c.errcode === 45009).length,
        share: lastAtMs > startAtMs ? round(idealMs / (lastAtMs - startAtMs), 3) : 0,
        // Every call counts against WeCom's limit, refused ones too; any 60 s, not only the sandbox's windows.
        peakPerMinute: peakInSpan(calls.map((c) => c.atMs), 60_000),
      };
    };
    const kf = perApi(API_PATHS.kf);
    const sub = perApi(API_PATHS.subscribe);
    const mass = perApi(API_PATHS.massTask);
    return {
      count,
      sent: delivered.sent,
      duplicates: delivered.duplicates,
      lost: delivered.lost,
      wallMs: delivered.lastAtMs - startAtMs,
      ticks: ticks + 1,
      kfCalls: kf.ok,
      kfShare: kf.share,
      kfPeakPerMinute: kf.peakPerMinute,
      subscribeCalls: sub.ok,
      subscribeShare: sub.share,
      subscribePeakPerMinute: sub.peakPerMinute,
      ceilingPerMinute: DEFAULT_LIMITS.perApiPerMinute,
      massTaskCalls: mass.ok,
      rateLimitErrors: kf.rateLimited + sub.rateLimited + mass.rateLimited,
      releasedClaims: released,
      setupMs,
    };
  } finally {
    await stack.close();
  }
}
