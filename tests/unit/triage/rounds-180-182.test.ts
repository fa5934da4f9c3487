import { describe, it } from 'vitest';
import { emergency, notEmergency } from './expect-triage';

/**
 * The families of rounds 180–182's first-run misses and false alarms (tests/fixtures/triage/README.md). Sentences
 * written for this file, not copied from the rounds.
 */
describe('held-out rounds 180–182', () => {
  it.each([
    // Pills kept ready beside a wish not to live: a plan.
    ['活着真没什么意思，药我都已经攒好了', 'suicide'],
    // Bleeding that will not stop, said as 停不下来.
    ['手被玻璃划了个大口子，血一直停不下来', 'bleeding'],
    // A caregiver on a video call tells what is happening now, not a video someone watched.
    ['护工视频里说我妈把开水打翻了，两条腿都烫起泡了', 'burns'],
    // Where in the chest, between the chest and how it feels, with pain spreading.
    ['胸口中间一直发闷，往左肩膀窜，半个小时了', 'chest_pain'],
    // More than a period, in pregnancy.
    ['怀孕八周 出血比例假还多', 'pregnancy'],
    // English: weedkiller as one word, and a burn on both arms.
    ['My uncle swallowed some weedkiller and keeps throwing up', 'poisoning'],
    ['My dad got scalded by the kettle, both arms', 'burns'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // 挺 is typed on purpose (胎动挺好): never mended into 停.
    ['怀孕三十周，胎动挺多的，就是晚上睡不好'],
    // A bill read as a blow: a figure of speech, for the heart and the brain.
    ['这个月花呗账单看得我心梗'],
    ['我老婆说看到刷卡帐单快要中风了'],
    // Whether a kind of event is claimable.
    ['买了意外险，孩子烫伤这种能报吗'],
    // What generally causes a thing, asked after a colleague's episode that is over.
    ['同事以前晕倒过，想问问晕倒一般什么原因'],
    // English: a scare that turned out to be a strained muscle, and the doctor's all-clear.
    ['The chest pain last Monday turned out to be a strained muscle, doctor cleared me'],
  ])('not an emergency: %s', (text) => notEmergency(text));
});
