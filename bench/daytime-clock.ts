import { nextLocalTime } from '../shared/domain/reminders/shanghai-time';
import type { Clock } from '../shared/ports/clock';

/** Inside Shanghai daytime with hours to spare: quiet hours (21:30–08:00) never hold a bench's sends. */
const BENCH_LOCAL_TIME = { hour: 10, minute: 0 };

/**
 * The bench's clock for sections whose outcome depends on the time of day: it starts at the next
 * 10:00 Shanghai (today's if still ahead, else tomorrow's) and then runs at real speed, so a run at
 * 22:00 measures what a run at 10:00 does. Never behind real time, so stores that expire documents
 * by the real clock (nedb TTL) only keep them a little longer. `offsetMs` jumps it forward (leases).
 */
export class DaytimeClock implements Clock {
  offsetMs = 0;
  private readonly startReal = Date.now();
  readonly startMs: number;

  constructor(realNowMs = Date.now()) {
    this.startMs = nextLocalTime(realNowMs, BENCH_LOCAL_TIME);
  }

  nowMs(): number {
    return this.startMs + (Date.now() - this.startReal) + this.offsetMs;
  }
}
