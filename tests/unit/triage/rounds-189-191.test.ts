import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * The families of rounds 189–191's first-run misses and false alarms (tests/fixtures/triage/README.md). Sentences
 * written for this file, not copied from the rounds.
 */
describe('held-out rounds 189–191', () => {
  it.each([
    // Fresh cuts counted on a wrist, with a wish not to live, passed on by someone else.
    ['胳膊上几道新割的口子 总说活着太累', 'suicide'],
    // A fall from a bike without a helmet, then confusion.
    ['骑车摔了 没戴头盔 现在迷迷糊糊的 记不清刚才的事', 'head_injury'],
    // Tumbling down the stairs, told by the sound.
    ['我姐在楼梯上叽里咕噜滚到底 腿都弯了', 'trauma'],
    // Lips gone dark, a word or two between breaths.
    ['一直喘 嘴巴发乌', 'breathing'],
    // 勿 typed for 误 before a swallow that happened (勿喝了): no negation.
    ['奶奶勿喝了半瓶消毒液 在吐', 'poisoning'],
    // Cantonese typed in Jyutping: a chest pain with a cold sweat.
    ['ngo baa baa sam hau tung, cut laang hon', 'chest_pain'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // A baby's measured 37.6: raised, under the 38 ℃ line, a doctor today.
    ['宝宝五周大 体温37.7 吃奶还行'],
    // Kept above the 95 % urgent line: spotting when wiping in pregnancy, a baby pulling at an ear with a fever, a
    // gout toe too sore to touch.
    ['怀孕十八周 擦的时候有点褐色'],
    ['孩子八个月 老揪耳朵 低烧37.7'],
    ['痛风又犯了 大脚趾又红又肿 一碰就疼'],
  ])('a doctor today: %s', (text) => urgent(text));

  it.each([
    // 请勿 is still a "do not" (only 勿 + a swallow + 了 reads as 误).
    ['说明书写着请勿喝酒 我昨天喝了点 有事吗'],
  ])('not an emergency: %s', (text) => notEmergency(text));
});
