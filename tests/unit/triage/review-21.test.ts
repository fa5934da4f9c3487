import { describe, it } from 'vitest';
import { emergency, notEmergency } from './expect-triage';

/**
 * A twenty-first independent review (of rounds 78–79's fixes, 197 probes written from the reference), and the
 * hearsay false alarms of rounds 78–81. Sentences written for this file.
 */
describe('the twenty-first session review', () => {
  it.each([
    // "Slight" is how a low in someone on insulin is often told; only a recurring pattern is no low now.
    ['我婆婆打完胰岛素有点糊涂了，满头大汗', 'low_glucose'],
    // Cold sweat with jaw or shoulder pain in someone older is the heart until shown otherwise, "a bit" or not.
    ['我爸七十了，左肩膀有点痛，一直冒冷汗', 'chest_pain'],
    ['想好今晚从哪里跳了，别找我', 'suicide'],
    ['外公右侧身体突然动不了了', 'stroke'],
    // Stiff all over with a fit's sign (just now, unresponsive) is a seizure.
    ['头先阿妈全身硬晒，叫佢都冇反应', 'seizure'],
    ['拉了黑色的大便，一站起来眼前一阵发黑', 'bleeding'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // Directions, not a plan.
    ['想好今晚怎么走去高铁站了吗，要不要打车'],
    // Cramps and soreness that make someone stiff.
    ['晚上小腿抽筋抽得整个人都僵了，要补钙吗'],
    ['行完山全身硬晒，点算好'],
    // Shoulder pain after work with the sweat of work.
    ['我妈六十八了，搬了一下午花盆肩膀痛，出了一身汗'],
    // A measured glucose in range explains the sweat.
    ['我是糖尿病，夏天动不动就出汗，头有点晕，刚测血糖6.9'],
    // Another household's story, and a claim about causes.
    ['听同事说她老公熬夜打游戏就脑梗了，真吓人'],
    ['网上说天天吃腌菜会中风，是真的吗'],
  ])('not 120: %s', (text) => notEmergency(text));
});
