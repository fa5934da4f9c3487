import { afterEach, describe, expect, it } from 'vitest';
import type { RateLimitEvent } from '../../../shared/ports/wecom-api';
import { failure, startHarness, textTo, type Harness } from './harness';

describe('WeCom rate limits', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('backs off on 45033 (too many calls at once) and then succeeds; listeners hear every hit', async () => {
    h = await startHarness();
    await h.admin.injectFault({ path: 'message/send', kind: 'errcode', errcode: 45033, count: 2 });
    const api = h.client();
    const events: RateLimitEvent[] = [];
    api.onRateLimit((e) => events.push(e));

    await api.sendAppMessage(textTo('doctor1'));

    expect(events.map((e) => [e.api, e.errcode, e.willRetry])).toEqual([
      ['message/send', 45033, true],
      ['message/send', 45033, true],
    ]);
    // Rate-limit waits never drop below half of the step (base 10 ms, then 20 ms).
    expect(events[0]?.delayMs).toBeGreaterThanOrEqual(5);
    expect(events[1]?.delayMs).toBeGreaterThanOrEqual(10);
    expect(await h.admin.sent({ api: 'message/send' })).toHaveLength(1);
  });

  it('does not retry 45009 inside WeCom\'s 60 s block: one call, a retryable error, listeners told', async () => {
    h = await startHarness({ limits: { perApiPerMinute: 1 } });
    const api = h.client();
    const events: RateLimitEvent[] = [];
    api.onRateLimit((e) => events.push(e));
    await api.sendAppMessage(textTo('doctor1'));

    const error = await failure(api.sendAppMessage(textTo('butler1')));

    expect(error).toMatchObject({ errcode: 45009, retryable: true, outcomeUnknown: false, status: 503 });
    expect(events).toEqual([{ api: 'message/send', errcode: 45009, attempt: 1, delayMs: 0, willRetry: false }]);
    expect((await h.admin.calls('message/send')).map((c) => c.errcode)).toEqual([0, 45009]);
  });

  it('enforces the per-minute quota with a 60 s block; a batch that waits it out gets through', async () => {
    h = await startHarness({ limits: { perApiPerMinute: 2 } });
    const api = h.client();

    for (const who of ['doctor1', 'butler1', 'rights1']) {
      // The batch driver's reaction to 45009: wait out WeCom's minute, then send again.
      const blocked = await api.sendAppMessage(textTo(who)).then(() => null, (e: unknown) => e);
      if (blocked === null) continue;
      expect(blocked).toMatchObject({ errcode: 45009 });
      h.clock.advance(61_000);
      await api.sendAppMessage(textTo(who));
    }

    expect((await h.admin.calls('message/send')).map((c) => c.errcode)).toEqual([0, 0, 45009, 0]);
    expect(await h.admin.sent({ api: 'message/send' })).toHaveLength(3);
  });

  it('gives up with a retryable 45033 once the wait budget is spent', async () => {
    h = await startHarness();
    await h.admin.injectFault({ path: 'message/send', kind: 'errcode', errcode: 45033, count: 50 });
    const api = h.client({ rateLimit: { baseDelayMs: 40, maxDelayMs: 80, budgetMs: 100, maxRetries: 10 } });
    const events: RateLimitEvent[] = [];
    api.onRateLimit((e) => events.push(e));

    const error = await failure(api.sendAppMessage(textTo('doctor1')));

    expect(error).toMatchObject({ errcode: 45033, retryable: true, outcomeUnknown: false, status: 503 });
    expect(events.at(-1)).toMatchObject({ willRetry: false, delayMs: 0 });
    const waited = events.reduce((sum, e) => sum + e.delayMs, 0);
    expect(waited).toBeLessThanOrEqual(100);
  });
});
