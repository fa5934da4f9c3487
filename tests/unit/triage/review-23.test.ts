import { describe, it } from 'vitest';
import { emergency, notEmergency } from './expect-triage';

/**
 * A twenty-third independent review (of rounds 84–87's fixes, 220 probes written from the reference). Sentences
 * written for this file.
 */
describe('the twenty-third session review', () => {
  it.each([
    // A guess word beside a pressure that was measured is a feeling about a real reading.
    ['我感觉血压高了，刚量了是195/118，头很胀', 'blood_pressure'],
    // A neighbour's story that calls the member to help now is happening.
    ['听楼下说隔壁张阿姨倒在门口叫不醒，叫我过去看看，我们怎么办', 'unconscious'],
    // A full date stamps the message; it is no past.
    ['2026年12月7日 我妈胸口压着痛半小时了，一身冷汗', 'chest_pain'],
    ['大便颜色变得很黑，站起来就头晕', 'bleeding'],
    ['在美容院做脸的时候突然嘴歪了，说话也不清楚', 'stroke'],
    ['SpO2 87%, my dad is short of breath', 'breathing'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['血氧仪显示心率72，血氧97，正常吧'],
    ['血氧90多，算正常吗'],
    ['他是电工，天天跟高压电打交道，能买意外险吗'],
    ['我爸抽了好一阵烟了，咳得厉害'],
    ['sorry this is my last question today, thanks'],
  ])('not 120: %s', (text) => notEmergency(text));
});
