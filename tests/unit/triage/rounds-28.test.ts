import { describe, it } from 'vitest';
import { emergency, notEmergency, routes, urgent } from './expect-triage';

/**
 * The families of messages that held-out round 28 exposed, each tested with sentences written for this
 * file (not the held-out ones), so a rule is held to its family rather than to one sentence.
 */
describe('round 28 families: emergencies', () => {
  it.each([
    ['wǒ mā tūrán kàn dōngxi chóngyǐng, zhàn bù wěn', 'stroke'],
    ['wo ba gang cai tu ran kan dong xi chong ying, zou lu wang you bian wai', 'stroke'],
  ])('double vision (重影) in pinyin, with or without tones: %s', (text, flag) => emergency(text, flag));
});

describe('round 28 families: a doctor today, not 120', () => {
  it.each([
    ['被邻居家的狗咬了一口，破皮出血了，狗打没打疫苗不知道'],
    ['家里的猫把我手抓破了，流了点血，要打狂犬疫苗吗'],
  ])('a dog or cat bite or scratch that broke the skin: %s', (text) => urgent(text));

  it.each([['I keep seeing flashes of light and lots of new floaters in my left eye since this morning']])(
    'flashes and new floaters in English: %s',
    (text) => urgent(text),
  );

  it('bleeding more than before on a blood thinner (比以前多 describes now)', () => {
    urgent('我妈吃华法林，最近刷牙出血比以前多，身上好几块淤青');
  });

  it.each([['baobao si ge yue, fa shao 38.6 du'], ['haizi liang sui, fashao sanshijiu du']])(
    'a lone pinyin numeral before a unit is a number (si ge yue, liang sui): %s',
    (text) => urgent(text),
  );

  it.each([
    ['最近一个月整夜睡不着，总想哭，感觉快撑不住了，但没想过伤害自己'],
    ['生完孩子一个月，老是想哭，情绪很低落'],
  ])('low mood near the end of one’s strength, or after a birth: %s', (text) => urgent(text));

  it('a reliever needed again within hours', () => {
    urgent('孩子哮喘，这两天两三个小时就得再喷一次沙丁胺醇');
  });
});

describe('round 28 families: what stays calm, and routing', () => {
  it('an insurance question about a stomach pumped years ago', () => {
    routes('我去年吃错药洗过一次胃，现在还能买你们的医疗险吗', 'insurance_consultant');
  });

  it('a heart patient asking whether they may travel to altitude is a question for the doctor', () => {
    routes('积分兑换的礼品收到了，谢谢。另外我爸前年心梗放了支架，现在挺好的，想去西藏，那么高的海拔能去吗', 'family_doctor');
  });

  it('a word that reads other than by its characters, typed in pinyin, is still read when it is not a symptom', () => {
    notEmergency('wo xiang chong fu yi xia wen ti');
  });
});
