import { describe, it } from 'vitest';
import { emergency, notEmergency } from './expect-triage';

/**
 * A twelfth independent review (of the tenth and eleventh reviews' fixes, 379 probes written from the reference): who
 * says 说是 decides whether it is a diagnosis, and the fall, throat, glucose and age rules those fixes bent. Sentences
 * written for this file.
 */
describe('the twelfth session review', () => {
  it.each([
    ['医生你好我爸说是胸口压着疼出冷汗', 'chest_pain'],
    ['大夫我老公说是胸口闷得喘不上气', 'breathing'],
    ['结果护工说是我爸叫不醒', 'unconscious'],
    ['去医院的路上他说是胸口剧痛出冷汗', 'chest_pain'],
    ['我爸说他是胸口压着疼，还出冷汗', 'chest_pain'],
    ['化验血糖700mg/dL，人迷迷糊糊', 'high_glucose'],
    ['查了血脂血糖22.3还吐', 'high_glucose'],
    ['他突然像哑了一样说不出话', 'stroke'],
    ['奶奶说话不清楚，嗓子也有点疼', 'stroke'],
    ['老人摔倒后一直问同样的问题', 'head_injury'],
    ['宝宝从床上掉下来，吐了', 'head_injury'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['我摔了一跤，顺便吐槽一下你们的理赔'],
    ['头发掉下来好多，今天还吐了'],
    ['孩子撞到鼻子流鼻血了，已经止住'],
    ['孩子上幼儿园才两个月，昨天开始发烧38.6'],
    ['宝宝吃奶粉才两周，发烧38.2'],
  ])('not 120: %s', (text) => notEmergency(text));
});

describe('held-out rounds 61 and 62 families', () => {
  it.each([
    ['我妈今天土血了，土了半碗，还有咖啡渣样的东西', 'bleeding'],
    ['我爸吐出来的东西跟卡飞渣一样黑乎乎的，人没精神', 'bleeding'],
    ['屋里烧着煤炉子，我跟我爸都脑瓜子晕，我妈喊半天才应一声', 'poisoning'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));
  it.each([['咳嗽好几天了，发烧38度5，右边胸口一咳就疼，说话不喘']])('not 120: %s', (text) => notEmergency(text));
});
