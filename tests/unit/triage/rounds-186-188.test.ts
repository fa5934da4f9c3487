import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * The families of rounds 186–188's first-run misses and false alarms (tests/fixtures/triage/README.md). Sentences
 * written for this file, not copied from the rounds.
 */
describe('held-out rounds 186–188', () => {
  it.each([
    // A child's stolen swallow of a medicine syrup.
    ['女儿两岁 把退烧药糖浆偷喝了小半瓶', 'poisoning'],
    // An acid by its formula: an English filler word inside a formula is no filler (H2SO4 keeps its SO).
    ['浓H2SO4洒到手臂上了 皮肤发白', 'burns'],
    // Hypothermia in English: shivering with a muddled mind.
    ['Found my aunt (81) in her freezing flat, shivering and mumbling', 'trauma'],
    // Bleeding in pregnancy typed 流学, mended by the homophone repair.
    ['怀孕八周 下面流学 肚子疼', 'pregnancy'],
    // A heart too fast to count, with a near-faint.
    ['心里咚咚跳 摸着快得数不过来 刚才眼前一黑', 'arrhythmia'],
    // A sensor and a finger-prick reading.
    ['CGM报警 扎手指测了22 一直吐', 'high_glucose'],
    // A nut a friend gave, then a tight throat.
    ['吃了同事给的花生 嗓子发紧 嘴唇肿了', 'anaphylaxis'],
    // A belly hard as stone late in pregnancy.
    ['怀孕36周 肚子突然硬得像石头 一直疼', 'pregnancy'],
    // The thirty-eighth review: a pronoun standing alone must not turn xiang si into 像撕, and a HI stands when what was
    // measured again was another vital sign.
    ['ta shuo ta xiang si', 'suicide'],
    ['血糖仪显示HI，重新量了血压150/90', 'high_glucose'],
    // Struck as by a club, then vomiting: a thunderclap told by its onset.
    ['脑袋像被打了一棍 吐了两回', 'headache'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // What a film showed, asked about as real life.
    ['看电视剧里有人心梗倒地，现实中真是这样吗'],
  ])('not an emergency: %s', (text) => notEmergency(text));

  it.each([
    // English: a pad soaked through every hour.
    ['I soak through a pad every hour since this morning'],
  ])('a doctor today: %s', (text) => urgent(text));
});
