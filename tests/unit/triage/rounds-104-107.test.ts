import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/** The families of held-out rounds 104–107's first-run misses and false alarms. Sentences written for this file. */
describe('rounds 104–107', () => {
  it.each([
    // 活过 a time to come is no experiential 过: not planning to live through the month is a plan.
    ['保单的事麻烦尽快办，我也不打算活过今年了', 'suicide'],
    // A pressure read out digit by digit.
    ['量了两次都是一九二一一八，头痛', 'blood_pressure'],
    ['BB噎亲咗，喊唔出声，面发紫', 'choking'],
    // 上 + 回来 is no "last time".
    ['孩子头磕到桌角上回来就吐了，一直想睡', 'head_injury'],
    ['煤气灶喷火，脸被烧到，皮肤发白', 'burns'],
    ['奶奶今天吃了三次地高辛，现在恶心，看东西发黄', 'poisoning'],
    ['家里没开空调，外公热得迷迷糊糊的，叫他也不怎么应', 'trauma'],
    ['小的那个发烧，身上有紫红色小点，按下去不褪色', 'child_fever'],
    ['怀孕八个月，从早上到现在基本就没动过', 'pregnancy'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['刚才有人发的那个救命我的狗又胖了，笑死'],
    ['那个蛇虫叮咬的防护包积分能换吗'],
    ['多吃了一片降糖药，现在没什么感觉'],
    ['我弟有癫痫，刚才抽了不到一分钟，醒了，说话正常'],
    ['重疾险的病种里面有没有急性心梗'],
    ['昨天胸口疼了一下，几秒钟就好了'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    ['新开了降血压药，站起来眼前发黑，量了92/58'],
    ['怀孕三十周，发烧38.5'],
    ['宝宝十一个月，拉肚子吐，精神差一点'],
    ['脚肿了，按下去一个坑，走快了就气短'],
    ['这个星期低血糖三次了，最低3.4'],
    ['我妈摔了一跤，屁股疼，能走就是疼'],
    ['我爸多吃了一片二甲双胍，要紧吗'],
  ])('a doctor today: %s', (text) => urgent(text));
});
