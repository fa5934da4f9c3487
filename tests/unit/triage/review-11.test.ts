import { describe, it } from 'vitest';
import { emergency, notEmergency } from './expect-triage';

/**
 * An eleventh independent review (of the tenth review's fixes, 373 probes written from the reference): what those
 * fixes cost, and the hearsay and all-fine gaps it found in both trees. Sentences written for this file.
 */
describe('the eleventh session review', () => {
  it.each([
    ['我爸打电话来，电话里讲话讲不清楚了，手也麻', 'stroke'],
    ['我妈早上起来讲话含糊，喉咙里有痰', 'stroke'],
    ['老婆摔了一跤以后一直犯困', 'head_injury'],
    ['孩子从床上掉下来了，后来吐了一次，一直想睡', 'head_injury'],
    ['老人摔倒后耳朵流血', 'head_injury'],
    ['我爸80了摔了一跤鼻子磕破了流血', 'head_injury'],
    ['宝宝出生了两个月，今天发烧38.5', 'child_fever'],
    ['my son says he wants to jump off his balcony', 'suicide'],
    ['我姐说是我妈叫不醒了', 'unconscious'],
    ['班主任说是孩子晕倒了叫不醒', 'unconscious'],
    ['我嫂子说是我哥嘴歪了说话不清楚', 'stroke'],
    ['我妈嘴歪了、手脚都好好的，要紧吗', 'stroke'],
    ['我爸看东西重影、走路都正常', 'stroke'],
    ['我爸今天突然讲不清楚了', 'stroke'],
    ['门卫说是老人倒在门口没反应', 'unconscious'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['I wanna jump on the trampoline with my kid this weekend'],
    ['尿酸 7.5 mg/dL，血糖正常，要紧吗'],
    ['甘油三酯 350 mg/dL，血糖6'],
    ['孩子发烧才一天，38.5度，三岁了'],
    ['孩子咳嗽刚3天，今天38.5度，4岁'],
    ['骨头卡在嗓子里了，咳嗽能说话，咽东西疼'],
    ['医生说面瘫，嘴歪眼睛闭不上，在针灸'],
    ['确诊面瘫，嘴角歪，在吃药'],
    ['摔了一下鼻子流血，已经止住了'],
    ['血糖正常，手机显示步数25000'],
  ])('not 120: %s', (text) => notEmergency(text));
});
