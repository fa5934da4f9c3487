import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * A twenty-fourth independent review (of rounds 88–91's fixes, 252 probes written from the reference), and the
 * families of rounds 92–93. Sentences written for this file.
 */
describe('the twenty-fourth session review and rounds 92–93', () => {
  it.each([
    // "Not even a little" is none at all; a question whether it still moves is no reassurance.
    ['怀孕34周，今天胎动一点点都没有', 'pregnancy'],
    ['胎动少了好多，现在还在动吗？我摸不到了', 'pregnancy'],
    ['my dad had an old stroke, and now his right arm went weak suddenly', 'stroke'],
    ['我爸突然看东西变成两个，走路也不稳', 'stroke'],
    ['My mother just tried to talk and her words came out all jumbled', 'stroke'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['刚拔完牙，脸有点麻，正常吗'],
    ['儿子周末睡懒觉，怎么叫都不醒'],
    ['我们湖北这边，从锅里把饺子捞起来的时候烫到手指，起了个小泡'],
    ['药盒空了，要去哪里开药'],
    ['电动车被车刮了一下，裤子豁了个口子，人没事'],
    ['我阿爷中风咗两年，而家做紧物理治疗，有冇运动可以喺屋企做'],
    ['我们小区有人心梗猝死了，我这个保险有没有猝死责任'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    ['我爸这几天小便越来越少，脚也肿了，他有肾病'],
    ['吃了他汀以后全身肌肉酸痛'],
    ['脖子后面长了个疖子，红肿一大片，发烧了'],
  ])('a doctor today: %s', (text) => urgent(text));
});
