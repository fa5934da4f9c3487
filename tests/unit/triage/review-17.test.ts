import { describe, it } from 'vitest';
import { emergency, notEmergency } from './expect-triage';

/**
 * A seventeenth independent review (of rounds 66–71's and the sixteenth review's fixes, 243 probes written from the
 * reference). Sentences written for this file.
 */
describe('the seventeenth session review', () => {
  it.each([
    // 现在 before a reading is still now; only 现在都/已经…了 tells an age.
    ['我爸以前血压正常，现在血压200了，头很痛', 'blood_pressure'],
    // A pet in the clause is not the one fitting unless said so.
    ['我妈喂猫的时候突然全身抽搐', 'seizure'],
    // Still low after juice twice, and in English.
    ['喝了两杯果汁了，测了还是3.5，人直冒汗', 'low_glucose'],
    // A dream ends at a clause about someone else when no waking follows.
    ['我妈说她梦见我姥姥了，她嘴歪了说话不清楚', 'stroke'],
    // Pushed and called with no response, typed with spaces.
    ['推他都没 睁眼 喊也不应', 'unconscious'],
    // A spoken range as an age is its younger end: two or three months may be under three.
    ['宝宝两三个月，发烧38.5', 'child_fever'],
    // Four or five minutes reaches the five-minute fit.
    ['孩子抽了四五分钟了还在抽', 'seizure'],
    // "Not joking" is no joke.
    ['我没跟你开玩笑的，我爸心梗了，捂着胸口出冷汗', 'chest_pain'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['请问跳楼身故保险赔不赔'],
    ['动物园里那头大象坐在地上不动了，孩子问为什么'],
    ['我家狗抽搐了五分钟，宠物医院在哪'],
  ])('not 120: %s', (text) => notEmergency(text));
});
