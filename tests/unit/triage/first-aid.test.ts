import { describe, expect, it } from 'vitest';
import { classify, composeFirstAid, firstAidFor, RED_FLAGS, type RedFlag } from '../../../shared/domain/triage';
import { CONFLICTING_ACTIONS } from '../../../shared/domain/triage/lexicon/first-aid';

/**
 * Instructions that cannot both be given to one helper, written from the texts a member reads (not from
 * the action tags the composer uses), so this check does not trust the composer's own bookkeeping.
 */
const CONTRADICTORY_WORDING: readonly (readonly [string, string])[] = [
  ['嚼服', '不要喂水喂药'],
  ['嚼服', '不吃不喝'],
  ['嚼服', '不要吃止痛药或阿司匹林'],
  ['吃15克糖', '不要喂水喂药'],
  ['吃15克糖', '不吃不喝'],
  ['吃15克糖', '不要喂水喂食'],
  ['坐起', '平躺'],
  ['坐起', '侧躺'],
  ['坐下或半躺', '躺着别动'],
  ['坐下或半躺', '侧躺'],
  ['平躺', '侧躺'],
  ['把人移到', '不要随意搬动'],
  ['把人移到', '躺着别动'],
];

function contradictions(flags: readonly RedFlag[]): string[] {
  const lines = firstAidFor(flags);
  const found: string[] = [];
  for (const [a, b] of CONTRADICTORY_WORDING) {
    const withA = lines.findIndex((l) => l.includes(a));
    const withB = lines.findIndex((l) => l.includes(b));
    if (withA >= 0 && withB >= 0 && withA !== withB) found.push(`${flags.join('+')}: "${a}" and "${b}"`);
  }
  const plan = composeFirstAid(flags);
  for (const [winner, loser] of CONFLICTING_ACTIONS) {
    if (plan.lines.some((l) => l.actions.includes(winner)) && plan.lines.some((l) => l.actions.includes(loser))) {
      found.push(`${flags.join('+')}: actions ${winner} and ${loser}`);
    }
  }
  return found;
}

describe('first aid for several red flags at once', () => {
  it('never contradicts itself for any pair or triple of red-flag kinds', () => {
    const found: string[] = [];
    for (let i = 0; i < RED_FLAGS.length; i++) {
      for (let j = i; j < RED_FLAGS.length; j++) {
        found.push(...contradictions([RED_FLAGS[i] as RedFlag, RED_FLAGS[j] as RedFlag]));
        for (let k = j + 1; k < RED_FLAGS.length; k++) {
          found.push(...contradictions([RED_FLAGS[i] as RedFlag, RED_FLAGS[j] as RedFlag, RED_FLAGS[k] as RedFlag]));
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('gives every kind a call to make and at least one instruction of its own', () => {
    for (const flag of RED_FLAGS) {
      const plan = composeFirstAid([flag]);
      expect(plan.call, flag).toMatch(/120/);
      expect(plan.lines.length, flag).toBeGreaterThan(0);
    }
  });

  it('a numb left arm with chest pain is the pain radiating, not a stroke', () => {
    expect(classify('我爸突然胸口疼得厉害，一直冒冷汗，左胳膊也麻').redFlags).toEqual(['chest_pain']);
  });

  it('chest pain with a face that droops gets no aspirin next to "nothing by mouth"', () => {
    const c = classify('我爸胸口剧痛，左边胳膊也麻了，说话也不太清楚，嘴也歪了');
    expect(c.redFlags).toEqual(expect.arrayContaining(['chest_pain', 'stroke']));
    const text = firstAidFor(c.redFlags).join('\n');
    expect(text).toContain('不要喂水喂药');
    expect(text).not.toContain('阿司匹林');
  });

  it('self-harm gets the crisis line: 12356, and 120 or 110 when an act is under way, with someone staying', () => {
    const [call, ...lines] = firstAidFor(['suicide']);
    expect(call).toContain('12356');
    expect(call).toMatch(/120.*110|110.*120/);
    expect(lines.join('')).toContain('陪着你');
  });

  it('puts the safe common part first: the call, then the person who kills fastest', () => {
    const [call, first] = firstAidFor(['chest_pain', 'unconscious']);
    expect(call).toContain('120');
    expect(first).toContain('胸外按压');
  });
});
