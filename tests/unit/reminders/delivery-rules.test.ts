import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/errors';
import { checkDeliveryRules, type DeliveryRulesInput } from '../../../shared/domain/reminders';

const sh = (local: string): number => Date.parse(`${local}+08:00`);
const HOUR = 3_600_000;

const base = (over: Partial<DeliveryRulesInput> = {}): DeliveryRulesInput => ({
  sentToday: 0,
  cap: 3,
  recentContentHashes: [],
  contentHash: 'bp-measure',
  windowMs: 6 * HOUR,
  nowMs: sh('2026-03-10T15:00'),
  ...over,
});

describe('daily cap per Shanghai day', () => {
  it('allows the push below the cap', () => {
    expect(checkDeliveryRules(base({ sentToday: 2 }))).toEqual({ ok: true });
  });

  it('defers to 08:00 the next Shanghai day once the cap is reached', () => {
    expect(checkDeliveryRules(base({ sentToday: 3 }))).toEqual({ ok: false, reason: 'daily_cap', retryAtMs: sh('2026-03-11T08:00') });
  });

  it('uses the Shanghai day even when UTC is still on the previous date', () => {
    // 00:30 on the 10th in Shanghai is 16:30Z on the 9th: the cap is for the 10th, retry on the 11th.
    const decision = checkDeliveryRules(base({ sentToday: 3, nowMs: Date.parse('2026-03-09T16:30:00Z') }));
    expect(decision).toEqual({ ok: false, reason: 'daily_cap', retryAtMs: sh('2026-03-11T08:00') });
  });

  it('a cap of zero blocks every push', () => {
    expect(checkDeliveryRules(base({ cap: 0 }))).toMatchObject({ ok: false, reason: 'daily_cap' });
  });

  it('rejects a negative or fractional count', () => {
    expect(() => checkDeliveryRules(base({ sentToday: -1 }))).toThrow(ValidationError);
    expect(() => checkDeliveryRules(base({ cap: 1.5 }))).toThrow(ValidationError);
  });
});

describe('duplicate content window', () => {
  const now = sh('2026-03-10T15:00');

  it('holds back the same content sent inside the window until the window has passed', () => {
    const decision = checkDeliveryRules(base({ recentContentHashes: [{ contentHash: 'bp-measure', sentAtMs: now - 2 * HOUR }] }));
    expect(decision).toEqual({ ok: false, reason: 'duplicate_content', retryAtMs: now + 4 * HOUR });
  });

  it('allows it again exactly when the window ends', () => {
    const decision = checkDeliveryRules(base({ recentContentHashes: [{ contentHash: 'bp-measure', sentAtMs: now - 6 * HOUR }] }));
    expect(decision).toEqual({ ok: true });
  });

  it('ignores different content', () => {
    const decision = checkDeliveryRules(base({ recentContentHashes: [{ contentHash: 'take-metformin', sentAtMs: now - 1 }] }));
    expect(decision).toEqual({ ok: true });
  });

  it('waits for the latest identical push', () => {
    const decision = checkDeliveryRules(
      base({
        recentContentHashes: [
          { contentHash: 'bp-measure', sentAtMs: now - 5 * HOUR },
          { contentHash: 'bp-measure', sentAtMs: now - 1 * HOUR },
          { contentHash: 'bp-measure', sentAtMs: now - 3 * HOUR },
        ],
      }),
    );
    expect(decision).toEqual({ ok: false, reason: 'duplicate_content', retryAtMs: now + 5 * HOUR });
  });

  it('reports the cap when both apply, retrying at the later instant', () => {
    const late = sh('2026-03-10T21:00');
    const decision = checkDeliveryRules(
      base({ sentToday: 3, nowMs: late, windowMs: 24 * HOUR, recentContentHashes: [{ contentHash: 'bp-measure', sentAtMs: late - HOUR }] }),
    );
    expect(decision).toEqual({ ok: false, reason: 'daily_cap', retryAtMs: late + 23 * HOUR });
  });
});
