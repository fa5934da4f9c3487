import { describe, expect, it } from 'vitest';
import { classify, RED_FLAGS } from '../../../shared/domain/triage';
import { loadFixture, measure, printMetrics } from './fixture-metrics';

const messages = loadFixture('messages.jsonl');
const holdout = loadFixture('holdout.jsonl');

describe('labelled set tests/fixtures/triage/messages.jsonl', () => {
  it('is big and varied enough to mean something', () => {
    expect(messages.length).toBeGreaterThanOrEqual(200);
    expect(messages.filter((m) => m.emergency).length).toBeGreaterThanOrEqual(40);
    expect(messages.filter((m) => m.tag === 'harmless_mention').length).toBeGreaterThanOrEqual(20);
    for (const flag of RED_FLAGS) {
      expect(messages.filter((m) => m.redFlag === flag).length, flag).toBeGreaterThanOrEqual(3);
    }
    for (const intent of ['medical', 'service', 'rights', 'insurance', 'other'] as const) {
      expect(messages.filter((m) => !m.emergency && m.intent === intent).length, intent).toBeGreaterThanOrEqual(10);
    }
    // Labels are consistent with the routing table: every emergency is medical → family doctor.
    for (const m of messages.filter((x) => x.emergency)) expect([m.intent, m.role]).toEqual(['medical', 'family_doctor']);
  });

  it('meets the targets: recall 100 %, false alarms ≤ 5 %, role accuracy ≥ 90 %', () => {
    const m = measure(messages);
    printMetrics('messages.jsonl', m);
    expect(m.missedEmergencies).toEqual([]);
    expect(m.emergencyRecall).toBe(1);
    expect(m.falseAlarmRate).toBeLessThanOrEqual(0.05);
    expect(m.roleAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('reports the expected red-flag category for each labelled emergency', () => {
    const wrong = messages
      .filter((m) => m.redFlag !== undefined)
      .map((m) => ({ text: m.text, want: m.redFlag, got: classify(m.text).redFlags }))
      .filter(({ want, got }) => !got.includes(want as (typeof got)[number]));
    expect(wrong).toEqual([]);
  });
});

describe('holdout tests/fixtures/triage/holdout.jsonl (written after tuning, reported separately)', () => {
  it('is reported separately, not asserted against the targets', () => {
    expect(holdout.length).toBeGreaterThanOrEqual(30);
    expect(holdout.some((m) => m.emergency)).toBe(true);
    printMetrics('holdout.jsonl', measure(holdout));
  });
});
