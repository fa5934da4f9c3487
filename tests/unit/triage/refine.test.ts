import { describe, expect, it } from 'vitest';
import { classify, mergeRefinement, type Classification } from '../../../shared/domain/triage';

describe('mergeRefinement', () => {
  it('never lowers an emergency, whatever the model says', () => {
    const local = classify('我爸胸口疼得厉害，出冷汗');
    expect(local.emergency).toBe(true);
    for (const intent of ['insurance', 'rights', 'service', 'other', 'medical']) {
      expect(mergeRefinement(local, intent, 0.99)).toEqual(local);
    }
  });

  it('lets the model re-route a routine message and moves the role with it', () => {
    const local = classify('这个怎么弄');
    const refined = mergeRefinement(local, 'insurance', 0.82);
    expect(refined).toEqual({
      intent: 'insurance',
      role: 'insurance_consultant',
      emergency: false,
      redFlags: [],
      confidence: 0.82,
    } satisfies Classification);
  });

  it('ignores answers that are not a known intent', () => {
    const local = classify('积分怎么兑换');
    expect(mergeRefinement(local, 'emergency')).toEqual(local);
    expect(mergeRefinement(local, undefined)).toEqual(local);
    expect(mergeRefinement(local, { intent: 'medical' })).toEqual(local);
  });

  it('keeps the local result when the model agrees, and clamps confidence', () => {
    const local = classify('积分怎么兑换');
    expect(mergeRefinement(local, local.intent, 0.1)).toEqual(local);
    expect(mergeRefinement(local, 'medical', 7).confidence).toBe(1);
  });
});
