import { describe, it } from 'vitest';
import { emergency, notEmergency } from './expect-triage';

/**
 * A twenty-seventh independent review (of rounds 98–101's and the twenty-sixth review's fixes, 208 probes written from
 * the reference). Sentences written for this file.
 */
describe('the twenty-seventh session review', () => {
  it.each([
    // 猝死 said of someone collapsing now is a cardiac arrest, whatever the word.
    ['我舅舅在广场上突然猝死倒下了，怎么办', 'chest_pain'],
    ['快来人，爸爸好像猝死了，脸都青了', 'chest_pain'],
    // A heavy sleeper who cannot be woken today, or an elder not waking while a pet barks, is not excused.
    ['我妈平常睡得沉，但今天怎么推都不醒', 'unconscious'],
    ['猫在旁边一直叫，外公怎么叫都不醒', 'unconscious'],
    ['婆婆一觉醒来嘴瓢了，口水往外流', 'stroke'],
    ['孩子有癫痫，今天抽了又抽', 'seizure'],
    ['咳嗽的时候胸口疼，还往后背窜', 'chest_pain'],
    ['外婆在楼梯上滚了好几级，站不起来', 'trauma'],
    ['刚才视频我妈讲话讲不清楚', 'stroke'],
    ['she is 33 weeks and her baby is not moving today', 'pregnancy'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['刚刚视频号刷到有人中风嘴歪，平时怎么预防'],
    ['喝汤时呛了口水，咳了好一阵'],
    ['会上讲话紧张嘴瓢了，好尴尬'],
    ['猝死责任包括哪些情况，现在投保来得及吗'],
    ['表哥前天晚上突然猝死了，明天去吊唁'],
  ])('not 120: %s', (text) => notEmergency(text));
});
