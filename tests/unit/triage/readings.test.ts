import Nzh from 'nzh';
import { describe, expect, it } from 'vitest';
import { classify, type Disposition } from '../../../shared/domain/triage';
import { parseChineseInteger, scanNumbers } from '../../../shared/domain/triage/numbers';

const READING_KINDS = ['blood_pressure', 'high_glucose', 'low_glucose'] as const;
/** What a reading alone decides: emergency (120), urgent (a doctor today) or routine. */
function readingLevel(text: string): Disposition {
  const c = classify(text);
  if (c.emergency) return READING_KINDS.some((k) => c.redFlags.includes(k)) ? 'emergency' : 'routine';
  if (c.disposition === 'urgent') return READING_KINDS.some((k) => c.watchFor.includes(k)) ? 'urgent' : 'routine';
  return 'routine';
}
const critical = (text: string): boolean => readingLevel(text) === 'emergency';

describe('blood pressure thresholds (SBP ≥ 180 or DBP ≥ 110)', () => {
  it.each([
    ['血压180/90', true],
    ['血压179/109', false],
    ['血压150/110', true],
    ['血压 178 108', false],
    ['高压180', true],
    ['高压179', false],
    ['低压110', true],
    ['低压105', false],
    ['收缩压195', true],
    ['舒张压112', true],
    ['血压120/80', false],
    ['刚量的 190/100', true], // a bare pair reads as blood pressure
    ['3/15号复诊', false],
    ['血压一百九', true],
    ['高压两百', true],
    ['血压180多', true],
    ['血压不到180', false],
    ['血压没超过180', false],
    ['血压超过180了', true],
    ['血压测了3次都是150', false],
  ])('%s → %s', (text, want) => {
    expect(critical(text)).toBe(want);
  });
});

describe('glucose thresholds (≥ 16.7 or ≤ 3.9 mmol/L)', () => {
  it.each([
    ['血糖16.7', true],
    ['血糖16.6', false],
    ['血糖3.9', false], // ≤ 3.9 alone is urgent; with symptoms an emergency (below)
    ['血糖4.0', false],
    ['空腹血糖 2.8', true],
    ['餐后血糖22', true],
    ['血糖 三点二', false],
    ['血糖 二点五', true],
    ['血糖十七点五', true],
    ['血糖二十几', true],
    ['血糖2点多', true],
    ['血糖 300 mg/dl', true],
    ['血糖 100 mg/dl', false],
    ['血糖仪显示HI', true],
    ['血糖测了2次，都是6.5', false],
    ['早上7点测的血糖6.1', false],
    ['餐后2小时血糖9.8', false],
    ['血糖不到2.5', true],
    ['血糖 50 mg/dl', true],
    ['血糖 69 mg/dl', false],
    ['血糖 299 mg/dl', false],
  ])('%s → %s', (text, want) => {
    expect(critical(text)).toBe(want);
  });
});

describe('the reference levels below the emergency line (a doctor today)', () => {
  it.each([
    ['血压170/105', 'urgent'],
    ['血压160/90', 'urgent'],
    ['血压150/95', 'routine'],
    ['血糖15.2', 'urgent'],
    ['血糖13', 'routine'],
    ['血糖3.6', 'urgent'],
    ['血糖3.6，手抖出冷汗', 'emergency'],
    ['低血糖，吃了两次糖还是低', 'emergency'],
    ['血糖3.1 人迷糊说胡话', 'emergency'],
  ] as const)('%s → %s', (text, want) => {
    expect(readingLevel(text)).toBe(want);
  });
});

describe('context applies to readings too', () => {
  it.each([
    ['去年血压200，现在吃药控制在130', false],
    ['如果血压到了180怎么办', false],
    ['以前血糖二十多', false],
    ['刚才血压200/120，头晕', true],
  ])('%s → %s', (text, want) => {
    expect(classify(text).emergency).toBe(want);
  });
});

describe('numbers', () => {
  it.each([
    ['一百九', 190],
    ['一百九十五', 195],
    ['两百一', 210],
    ['一百零五', 105],
    ['十七', 17],
    ['二十五', 25],
    ['两百', 200],
  ])('parses %s as %d', (s, n) => {
    expect(parseChineseInteger(s)).toBe(n);
  });

  it('agrees with nzh (a kept Chinese-numeral library) on every standard numeral up to 300', () => {
    const disagreements: string[] = [];
    for (let n = 1; n <= 300; n++) {
      const written = Nzh.cn.encodeS(n, { tenMin: true });
      if (parseChineseInteger(written) !== n) disagreements.push(`${written} → ${parseChineseInteger(written)} (want ${n})`);
    }
    expect(disagreements).toEqual([]);
  });

  it('scans Arabic and Chinese numbers with decimals and "多/几"', () => {
    expect(scanNumbers('血糖2.8').map((n) => n.value)).toEqual([2.8]);
    expect(scanNumbers('7点2和三点八').map((n) => n.value)).toEqual([7.2, 3.8]);
    expect(scanNumbers('20多').map((n) => [n.value, n.approx])).toEqual([[20, true]]);
    // single Chinese digits and clock times are not readings
    expect(scanNumbers('量了一下，7点测的')).toEqual([]);
  });
});
