import { describe, it } from 'vitest';
import { emergency, notEmergency } from './expect-triage';

/** The families of held-out rounds 124–127's first-run misses and false alarms. Sentences written for this file. */
describe('rounds 124–127', () => {
  it.each([
    ['俺妈摔了一跤脑袋磕了，现在一句话翻来覆去地问', 'head_injury'],
    ['hot oil splashed on his cheek and that side of his face has gone white', 'burns'],
    ['今天是最后一天了，谢谢你们，药都吃下去了', 'suicide'],
    ['呼吸不了', 'breathing'],
    ['阿嫲头先有阵右眼睇唔到嘢，而家又睇到返', 'stroke'],
    ['这些年给大家添麻烦了，对不起，以后不用再联系我了', 'suicide'],
    ['ta ba bei kaishui tang le, liang tiao tui quan shi pao', 'burns'],
    ['bao bao 20 tian, fa shao 38.2 du', 'child_fever'],
    ['爷爷把半瓶降压药都吃了', 'poisoning'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['猫把我的药推到地上了，还能吃吗'],
    ['特药清单里中风、心梗都算吗'],
    ['wo3 de xue4ya1 jin1tian1 138/85'],
  ])('not 120: %s', (text) => notEmergency(text));
});
