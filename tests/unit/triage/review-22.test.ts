import { describe, expect, it } from 'vitest';
import { classify } from '../../../shared/domain/triage';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * A twenty-second independent review (of rounds 80–83's fixes, 251 probes written from the reference). Sentences
 * written for this file.
 */
describe('the twenty-second session review', () => {
  it.each([
    // A joke needs its laugh: 输了 before a heart attack told with collapse is an event.
    ['我爸打麻将输了心梗发作了，脸色发白一身冷汗', 'chest_pain'],
    ['奶奶右脸突然耷拉下来了', 'stroke'],
    ['爷爷半边脸塌下来了，说话也不清楚', 'stroke'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['年纪大了一边脸耷拉，想问问医美提拉有没有优惠'],
    ['喝完中药吐了一口黑色的药汁，正常吗'],
    ['宝宝十个月，最近突然不认人了，只要妈妈抱'],
    ['我家狗突然不认人了，冲我叫'],
    ['孙子说话我一下子听不懂，都是网络用语'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    // Blood told with urine, but not a gum bleed beside a 糖尿病.
    ['这两天尿尿的时候有点血'],
  ])('a doctor today: %s', (text) => urgent(text));

  it.each([['我有糖尿病，今天刷牙牙龈出血了']])('糖尿病 is no urine and a gum bleed no blood in it: %s', (text) => {
    expect(classify(text).disposition).toBe('routine');
  });
});
