import { describe, expect, it } from 'vitest';
import { DaytimeClock } from '../../../bench/daytime-clock';
import { runRemindersBench } from '../../../bench/reminders';
import { isQuietHour } from '../../../shared/domain/reminders/quiet-hours';
import { shanghaiInstant } from '../../../shared/domain/reminders/shanghai-time';

/** `npm run bench` at any hour: the time-of-day sections run at 10:00 Shanghai (bench/daytime-clock.ts). */
describe('bench clock', () => {
  it('starts at the next 10:00 Shanghai, never behind real time, and never in quiet hours', () => {
    expect(new DaytimeClock(shanghaiInstant(2026, 12, 6, 22, 0)).startMs).toBe(shanghaiInstant(2026, 12, 7, 10, 0));
    expect(new DaytimeClock(shanghaiInstant(2026, 12, 6, 7, 30)).startMs).toBe(shanghaiInstant(2026, 12, 6, 10, 0));
    for (let hour = 0; hour < 24; hour += 1) {
      const real = shanghaiInstant(2026, 12, 6, hour, 17);
      const clock = new DaytimeClock(real);
      expect(clock.startMs).toBeGreaterThanOrEqual(real);
      expect(isQuietHour(clock.nowMs()), `started at ${hour}:17`).toBe(false);
    }
  });

  it('runs the reminders crash-and-recover section started at 22:00 Shanghai: everything sent once', async () => {
    const r = await runRemindersBench({ count: 200, realNowMs: shanghaiInstant(2026, 12, 6, 22, 0) });
    expect(r).toMatchObject({ count: 200, sent: 200, duplicates: 0, lost: 0 });
    expect(r.firstRunSent).toBeGreaterThan(0);
    expect(r.secondRunSent).toBeGreaterThan(0);
  }, 60_000);
});
