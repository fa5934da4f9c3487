import { describe, it } from 'vitest';
import { emergency, notEmergency } from './expect-triage';

/**
 * The families of messages that held-out rounds 22 and 23 exposed, each tested with sentences written
 * for this file (not the held-out ones), so a rule is held to its family rather than to one sentence.
 */
describe('round 22/23 families: emergencies', () => {
  it.each([
    ['屋企開住炭爐打邊爐，窗都閂晒，而家四個人都頭暈想嘔', 'poisoning'],
    ['我们一家在屋里用炭炉吃火锅，窗户都关着，现在几个人都头晕想吐', 'poisoning'],
    ['打边炉打到一半，两个人都头痛呕吐，门窗闩晒', 'poisoning'],
  ])('a charcoal stove indoors with the windows shut and several people ill: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['嗯那个我家宝宝现在才两个月就是刚才摸着烫量了一下三十八度三', 'child_fever'],
    ['我女儿刚刚才七周那个体温计显示三十八度二怎么办', 'child_fever'],
    ['宝宝现在只有五十天嗯体温三十八度六', 'child_fever'],
  ])('a baby under three months with 38 °C, told in a voice transcript: %s', (text, flag) => emergency(text, flag));

  it.each([
    ["my 2 year old climbed up and swallowed maybe 5 or 6 of grandpa's blood pressure tablets", 'poisoning'],
    ['Our 4 year old got into the pill organizer and swallowed perhaps 8 of her heart pills, acting normal for now', 'poisoning'],
    ['my son is 3 years old and swallowed 4 of my sleeping pills, he looks ok', 'poisoning'],
  ])('a young child named only by age who swallowed an adult\'s pills, in English: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['被黄蜂叮了😭 全身起了一大片一大片的包，喉咙感觉有点紧🥺', 'anaphylaxis'],
    ['被蜜蜂蛰了🐝 浑身起了好多红的疙瘩，头好晕[大哭]', 'anaphylaxis'],
    ['🐝蛰了手，现在全身起大片的风团，嗓子好像有点紧', 'anaphylaxis'],
  ])('a sting with hives all over and a second system, among emoji: %s', (text, flag) => emergency(text, flag));
});

describe('round 22/23 families: what stays calm', () => {
  it.each([
    ['今晚想和朋友在家打边炉，有什么健康的汤底推荐？'],
    ['我奶奶的降压药一天吃几片比较合适？'],
    ['喉咙有点痛，吞口水的时候疼，两天了'],
  ])('hot pot, a dose question, a sore throat: %s', (text) => notEmergency(text));
});
