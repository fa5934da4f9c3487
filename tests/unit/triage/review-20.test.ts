import { describe, it } from 'vitest';
import { emergency, notEmergency } from './expect-triage';

/**
 * A twentieth independent review (of rounds 76–77's and the nineteenth review's fixes, 149 probes written from the
 * reference). Sentences written for this file.
 */
describe('the twentieth session review', () => {
  it.each([
    // Only talk about people who took their lives is knowledge; a member who is one is not.
    ['我就是那个想自杀的人，药已经准备好了', 'suicide'],
    // A thesis in the sentence silences only its own clause.
    ['论文写不完，我现在胸口撕裂样痛到后背，动不了', 'aortic_dissection'],
    // A cough before the pain does not excuse a pain that spreads with sweat.
    ['我爸咳得胸口疼，但是现在疼到左臂和下巴，一身冷汗', 'chest_pain'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['自杀的人事先会有什么征兆？我在写一篇关于心理健康的论文'],
    ['我是糖友，最近有点焦虑，一紧张就出汗手抖，血糖都正常'],
  ])('not 120: %s', (text) => notEmergency(text));
});
