import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/** The families of held-out rounds 108–111's first-run misses and false alarms. Sentences written for this file. */
describe('rounds 108–111', () => {
  it.each([
    ['我家老头后背疼得厉害，说像有刀子在里面划，血压一直高', 'aortic_dissection'],
    // Affairs put in order in an insurance question, then a decision and a high place.
    ['受益人那边麻烦帮我确认好，我已经决定了，天台上风挺大', 'suicide'],
    ['my 10 month old rolled off the sofa, threw up twice and is very sleepy', 'head_injury'],
    ['佢整插头畀电电亲，依家手仲麻', 'trauma'],
    ['grandpa fell in the bathroom, we call him he dont answer, eyes closed', 'unconscious'],
    ['谢谢你们一直以来的照顾，帮我跟我儿子说声对不起', 'suicide'],
    ['my toddler got into the pill box and swallowed 6 of her amlodipine', 'poisoning'],
    ['my daughter pulled a pot of hot soup onto herself, her tummy is blistering, bigger than my hand', 'burns'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['erzi dalanqiu shouzhi bei za le, zhong le'],
    ['想提前了解一下心梗的早期信号'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    ['老妈咳了一个多星期，今天发烧38.6'],
    ['外公老年痴呆，今天发烧38.3'],
    ["I'm 30 weeks, feet very swollen, BP 144/93"],
  ])('a doctor today: %s', (text) => urgent(text));
});
