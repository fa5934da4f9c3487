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
    // …but HI again, or a critical number on the second try, stays an emergency.
    ['血糖仪显示HI，人迷迷糊糊的，重新测了还是HI', 'high_glucose'],
    ['血糖仪显示HI，再测是33', 'high_glucose'],
    // The thirty-seventh review: a frame that silences talk never hides an event told before it in its clause.
    ['我老公一直抽搐叫不醒一般什么原因', 'seizure'],
    ['孩子刚烫伤了一大片这种能报吗', 'burns'],
    ['我爸胸口痛得厉害出冷汗这种情况可以报120吗', 'chest_pain'],
    ['我爸看股票突然心梗了', 'chest_pain'],
    ['交房贷时脑梗了半边不能动', 'stroke'],
    ['宝宝胎动挺了一天了 怀孕32周', 'pregnancy'],
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
    // A meter's HI measured again with a number: the number is judged, the HI was the strip.
    ['血糖仪显示HI，试纸受潮了，重新测是6.8'],
    // …and the raising frames stay narrow: a caregiver's forwarded lesson, a cough that will not stop beside a small cut.
    ['幼儿园视频里讲了孩子烫伤怎么处理'],
    ['手指划了个小口子，咳嗽停不下来'],
  ])('not an emergency: %s', (text) => notEmergency(text));
});
