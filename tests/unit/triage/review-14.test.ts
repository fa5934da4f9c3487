import { describe, it } from 'vitest';
import { emergency, notEmergency } from './expect-triage';

/**
 * A fourteenth independent review (of the thirteenth review's and the speed commits, 270 probes written from the
 * reference). Sentences written for this file.
 */
describe('the fourteenth session review', () => {
  it.each([
    ['老公有冠心病好几年了下午开始胸口压着疼一个小时了还出冷汗', 'chest_pain'],
    ['我爸高血压十几年了今天早上起来嘴歪了说话不清楚', 'stroke'],
    ['血糖一直18卡着不降，口渴呕吐', 'high_glucose'],
    ['血糖2.5克服了半天还是手抖出冷汗', 'low_glucose'],
    ['做梦惊醒后胸口剧痛出冷汗', 'chest_pain'],
    ['醒来以为在做梦，我爸半边身子不能动了', 'stroke'],
    ['孩子摔倒了，之后看不清楚东西', 'head_injury'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['梦到我爸中风了，吓死我了，他其实好好的'],
    ['昨晚梦见孩子抽搐了，吓醒了'],
    ['摔倒了，眼镜摔坏了看不清，配眼镜能报销吗'],
    ['我摔了一下，腿抽筋了'],
    ['手机从桌上掉下来摔坏了，今天早上吐了一次，可能吃坏了'],
    ['我家孩子五岁了，她才两个月没生病，今天又烧到38.5'],
  ])('not 120: %s', (text) => notEmergency(text));
});
