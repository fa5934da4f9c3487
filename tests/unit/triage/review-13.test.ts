import { describe, it } from 'vitest';
import { emergency, notEmergency } from './expect-triage';

/**
 * A thirteenth independent review (of the twelfth review's fixes, 268 probes written from the reference): neighbours
 * report, dreams end on waking, and the fall, nose, age, cough and speech rules those fixes narrowed. Sentences written
 * for this file.
 */
describe('the thirteenth session review', () => {
  it.each([
    ['邻居说是我爸脑梗了，你们快派人来', 'stroke'],
    ['同事说是我老公心梗了，刚倒在办公室', 'chest_pain'],
    ['我妈刚做梦醒来就说不出话了，嘴歪了', 'stroke'],
    ['我妈摔了一跤以后站不稳了', 'head_injury'],
    ['孩子从秋千上掉下来，后来呕了', 'head_injury'],
    ['宝宝两个月，鼻子撞到了', 'head_injury'],
    ['宝宝发烧38.3度，她才两个月', 'child_fever'],
    ['咳嗽的时候胸口疼，但不咳也一直闷痛，出冷汗手臂麻', 'chest_pain'],
    ['我爸突然连普通话都讲不清了', 'stroke'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['医生看了说是心绞痛，开了药回家了'],
    ['血糖7.2，今天吃了1200大卡'],
    ['去年我爸下午突然晕倒过一次住院检查说是心律失常后来装了起搏器现在想问问保险理赔怎么办'],
    ['我奶奶普通话讲不清楚，只会说方言'],
  ])('not 120: %s', (text) => notEmergency(text));
});
