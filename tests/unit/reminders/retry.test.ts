import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/errors';
import { classifyWecomError, retryCeilingMs, retryPlan } from '../../../shared/domain/reminders';

const now = Date.parse('2026-03-10T10:00:00+08:00');
const fixed = (value: number) => () => value;

describe('classifyWecomError', () => {
  it('treats 0 as success', () => {
    expect(classifyWecomError(0).kind).toBe('ok');
  });

  it('-1 system busy is retryable, at most 3 times as WeCom recommends', () => {
    expect(classifyWecomError(-1)).toMatchObject({ kind: 'retryable', maxAttempts: 3 });
  });

  it.each([40014, 42001])('%i asks for a token refresh and an immediate retry', (code) => {
    expect(classifyWecomError(code)).toMatchObject({ kind: 'retryable', refreshToken: true, backoffMs: 0 });
  });

  it('45009 waits out the 60 s block; 45033 is a short concurrency back-off', () => {
    expect(classifyWecomError(45009)).toMatchObject({ kind: 'rate_limited', backoffMs: 60_000 });
    expect(classifyWecomError(45033).kind).toBe('rate_limited');
  });

  it.each([95001, 95018, 43101, 84061])('%i closes this channel for the member: final, reroute', (code) => {
    expect(classifyWecomError(code)).toMatchObject({ kind: 'final', reroute: true });
  });

  it.each([41050, 41051, 60020, 81013, 40003, 48002])('%i is final without reroute', (code) => {
    const c = classifyWecomError(code);
    expect(c.kind).toBe('final');
    expect(c.reroute).toBeUndefined();
  });

  it('41096 welcome being distributed may be retried', () => {
    expect(classifyWecomError(41096).kind).toBe('retryable');
  });

  it('unknown codes are final and keep the code for the dead letter', () => {
    expect(classifyWecomError(123456)).toEqual({ kind: 'final', code: 'unknown_123456' });
  });
});

describe('retryPlan', () => {
  it('doubles the ceiling per attempt with the delay in [ceiling/2, ceiling)', () => {
    for (const attempts of [1, 2, 3, 4]) {
      const ceiling = 2_000 * 2 ** (attempts - 1);
      expect(retryCeilingMs(attempts)).toBe(ceiling);
      for (const r of [0, 0.25, 0.5, 0.999999]) {
        const plan = retryPlan(attempts, now, fixed(r));
        if (plan.action !== 'retry') throw new Error('expected a retry');
        expect(plan.delayMs).toBeGreaterThanOrEqual(ceiling / 2);
        expect(plan.delayMs).toBeLessThan(ceiling);
        expect(plan.atMs).toBe(now + plan.delayMs);
        expect(plan.attempt).toBe(attempts + 1);
      }
    }
  });

  it('spreads retries with the injected randomness', () => {
    const low = retryPlan(3, now, fixed(0));
    const high = retryPlan(3, now, fixed(0.9));
    expect(low).toMatchObject({ action: 'retry', delayMs: 4_000 });
    expect(high).toMatchObject({ action: 'retry', delayMs: 7_600 });
  });

  it('caps the delay', () => {
    const plan = retryPlan(25, now, fixed(0.999999), { maxAttempts: 30 });
    expect(plan.action === 'retry' && plan.delayMs).toBeLessThanOrEqual(10 * 60_000);
  });

  it('dead-letters after the maximum number of attempts', () => {
    expect(retryPlan(4, now, fixed(0.5)).action).toBe('retry');
    expect(retryPlan(5, now, fixed(0.5))).toEqual({ action: 'dead_letter', attempts: 5 });
    expect(retryPlan(3, now, fixed(0.5), { maxAttempts: classifyWecomError(-1).maxAttempts })).toEqual({ action: 'dead_letter', attempts: 3 });
  });

  it('honours the rate-limit floor from the classification', () => {
    const plan = retryPlan(1, now, fixed(0), { minDelayMs: classifyWecomError(45009).backoffMs });
    expect(plan).toMatchObject({ action: 'retry', delayMs: 60_000, atMs: now + 60_000 });
  });

  it('rejects nonsense input', () => {
    expect(() => retryPlan(0, now, fixed(0))).toThrow(ValidationError);
    expect(() => retryPlan(1, now, fixed(1))).toThrow(RangeError);
    expect(() => retryPlan(1, now, fixed(Number.NaN))).toThrow(RangeError);
  });
});
