import { describe, expect, it } from 'vitest';
import { ApiBlocked, ApiPacer } from '../../../shared/services/reminders/api-pacer';
import { DeadlineReached } from '../../../shared/services/reminders/throttle';

/** A pacer on a virtual clock: sleeping moves the clock, so no test waits in real time. */
function virtualPacer(options: { share: number; workers?: number; deadlineAtMs?: number }) {
  let now = 0;
  const slept: number[] = [];
  const pacer = new ApiPacer({
    share: options.share,
    workers: options.workers ?? 1,
    deadlineAtMs: options.deadlineAtMs ?? Number.MAX_SAFE_INTEGER,
    now: () => now,
    ceilings: { 'kf/send_msg': 10_000, 'wechat/subscribe/send': 10_000 },
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  });
  return { pacer, slept, now: () => now, advance: (ms: number) => (now += ms) };
}

/** Calls granted per API in each 60 s window [k·60 s, (k+1)·60 s), taking tokens one after another. */
async function windowCounts(p: ReturnType<typeof virtualPacer>, api: string, calls: number): Promise<number[]> {
  const windows: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    await p.pacer.take(api);
    const w = Math.floor(p.now() / 60_000);
    windows[w] = (windows[w] ?? 0) + 1;
  }
  return windows;
}

describe('per-API pacing', () => {
  it('a token given back unused (the reminder was put off first) goes to the next caller without a wait', async () => {
    const p = virtualPacer({ share: 0.6 });
    // 6 000/min: the bucket starts with one second of it, 100 tokens.
    for (let i = 0; i < 100; i += 1) await p.pacer.take('kf/send_msg');
    expect(p.slept).toEqual([]);
    p.pacer.refund('kf/send_msg');
    await p.pacer.take('kf/send_msg');
    expect(p.slept).toEqual([]);
    await p.pacer.take('kf/send_msg');
    expect(p.slept).toHaveLength(1);
  });

  it('keeps every minute under the share of the ceiling, starting full, and uses nearly all of it', async () => {
    const p = virtualPacer({ share: 0.95 });
    const perWindow = await windowCounts(p, 'kf/send_msg', 25_000);
    expect(Math.max(...perWindow)).toBeLessThanOrEqual(10_000);
    // Full minutes: 95 % of 10 000, give or take the one-second burst the bucket starts with.
    expect(perWindow[1]).toBeGreaterThanOrEqual(9_400);
    expect(perWindow[0]).toBeLessThanOrEqual(9_500 + 159);
  });

  it('splits the ceiling across fan-out workers so together they stay under it', async () => {
    const workers = 4;
    const runs = Array.from({ length: workers }, () => virtualPacer({ share: 0.95, workers }));
    const perRun = await Promise.all(runs.map((r) => windowCounts(r, 'kf/send_msg', 5_000)));
    const firstMinute = perRun.reduce((sum, w) => sum + (w[0] ?? 0), 0);
    expect(firstMinute).toBeLessThanOrEqual(10_000);
    expect(firstMinute).toBeGreaterThanOrEqual(9_400);
    expect(runs[0]?.pacer.ratePerMinute('kf/send_msg')).toBe(2_375);
  });

  it('a run per tick window spends the whole minute share inside its 50 s, and no 60 s anywhere exceeds the ceiling', async () => {
    let now = 0;
    const grants: number[] = [];
    for (let tick = 0; tick < 3; tick += 1) {
      now = tick * 60_000;
      const fromMs = now;
      const pacer = new ApiPacer({ share: 0.95, workers: 1, deadlineAtMs: fromMs + 50_000, sendWindowMs: 50_000, now: () => now, sleep: async (ms) => void (now += ms) });
      for (;;) {
        try {
          await pacer.take('kf/send_msg');
        } catch (e) {
          expect(e).toBeInstanceOf(DeadlineReached);
          break;
        }
        grants.push(now);
      }
      const inTick = grants.filter((t) => t >= fromMs);
      // 9 500 for the minute plus the one-second start the bucket has; all of it inside the window.
      expect(inTick.length).toBeGreaterThanOrEqual(9_500);
      expect(inTick.length).toBeLessThanOrEqual(9_500 + 190);
      expect(Math.max(...inTick)).toBeLessThan(fromMs + 50_000);
    }
    // Every 60 s span, across tick boundaries too (two pointers over the grant times).
    let peak = 0;
    for (let i = 0, j = 0; j < grants.length; j += 1) {
      while ((grants[j] as number) - (grants[i] as number) >= 60_000) i += 1;
      peak = Math.max(peak, j - i + 1);
    }
    expect(peak).toBeLessThanOrEqual(10_000);
  });

  it('a rate-limit answer blocks only its API, until the block ends', async () => {
    const p = virtualPacer({ share: 0.95 });
    p.pacer.block('kf/send_msg', 60_000);
    await expect(p.pacer.take('kf/send_msg')).rejects.toMatchObject({ name: 'ApiBlocked', untilMs: 60_000 });
    await expect(p.pacer.take('wechat/subscribe/send')).resolves.toBeUndefined();
    p.advance(60_000);
    await expect(p.pacer.take('kf/send_msg')).resolves.toBeUndefined();
    expect(p.pacer.rateLimitSignals).toBe(1);
  });

  it('a caller already waiting for a token learns of a block that came meanwhile', async () => {
    let now = 0;
    const pacer: ApiPacer = new ApiPacer({
      share: 0.05,
      workers: 1,
      deadlineAtMs: Number.MAX_SAFE_INTEGER,
      now: () => now,
      // WeCom answers 45009 to another call while this one sleeps.
      sleep: async (ms) => {
        now += ms;
        pacer.block('kf/send_msg', now + 60_000);
      },
    });
    // 500/min holds 8.3 tokens: the ninth call waits.
    for (let i = 0; i < 8; i += 1) await pacer.take('kf/send_msg');
    await expect(pacer.take('kf/send_msg')).rejects.toBeInstanceOf(ApiBlocked);
  });

  it('never waits past the deadline: a wait that would cross it fails at once and gives its token back', async () => {
    const p = virtualPacer({ share: 0.05, deadlineAtMs: 50 });
    let granted = 0;
    const failure = await (async () => {
      for (;;) {
        try {
          await p.pacer.take('kf/send_msg');
          granted += 1;
        } catch (e) {
          return e;
        }
      }
    })();
    expect(failure).toBeInstanceOf(DeadlineReached);
    // The bucket's one-second burst (500/min → 8.3 tokens) and nothing slept.
    expect(granted).toBe(8);
    expect(p.slept).toEqual([]);
    expect(p.now()).toBe(0);
  });
});
