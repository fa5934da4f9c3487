import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/** The families of held-out rounds 102–103's first-run misses. Sentences written for this file. */
describe('rounds 102–103', () => {
  it.each([
    // A hand that drops what it holds, speech a little slurred, a mouth a little crooked, all over in ten minutes: a TIA.
    ['奶奶吃饭时碗拿不住掉了，说话也有点含糊，嘴角好像有一点歪，现在又好了', 'stroke'],
    ['我爸回话含含糊糊的，筷子掉了地上两次', 'stroke'],
    ['老头子上山执了些野菌炒来吃，现在又吐又拉', 'poisoning'],
    ['怀孕八个月，今天一整天都没觉着孩子动', 'pregnancy'],
    // A digit before a counted unit in run-together pinyin is a number, not the tone of the syllable before it.
    ['baobao1geyue fashao38du2', 'child_fever'],
    ['她说左边胸口连着后背一直疼，出了一身汗', 'chest_pain'],
    ['姥爷吃着华法林，椅子坏了摔了一下，后脑勺鼓了个包', 'head_injury'],
    ['俺爸说看东西都是俩影儿，走道儿老往一边儿倒', 'stroke'],
    ['胸口像被一只手攥着，含了硝酸甘油十分钟还没好', 'chest_pain'],
    ['他打电话说着说着我就听不懂了，词都对不上', 'stroke'],
    ['my toddler swallowed a button battery from the remote', 'poisoning'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['电动车的电池能带上高铁吗'],
    ['觉着最近孩子动得挺欢的，正常吧'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    ['怀孕九周，从昨晚一直吐，喝水都吐'],
    ['肾结石又犯了，腰疼得在床上打滚'],
    ['右下腹从早上开始疼，走路更疼'],
    ['拉肚子带血，一天四五次'],
    ['女儿肚子疼了一上午，现在疼到右下边了'],
  ])('a doctor today: %s', (text) => urgent(text));
});
