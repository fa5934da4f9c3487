import { describe, expect, it } from 'vitest';
import { classify } from '../../../shared/domain/triage';
import { normalizeText } from '../../../shared/domain/triage/normalize';
import { emergency, notEmergency, routes, urgent } from './expect-triage';

/**
 * The families of messages that held-out round 29 exposed, each tested with sentences written for this
 * file (not the held-out ones), so a rule is held to its family rather than to one sentence; and the
 * defects an independent review found in this round's own changes.
 */
describe('round 29 families: emergencies', () => {
  it.each([
    ['药我已经攒了好几瓶了，等过完年就吃，免得拖累孩子们', 'suicide'],
    ['安眠药攒了三盒，这几年谢谢你们，以后不用再麻烦你们了', 'suicide'],
  ])('a plan told calmly: the means kept ready and not being a burden: %s', (text, flag) => emergency(text, flag));

  it.each([['我個女發燒，頭先眼反白，手腳一路震，震咗三分鐘', 'seizure']])('a fit in Cantonese words: %s', (text, flag) => emergency(text, flag));
});

describe('round 29 families: what stays calm', () => {
  it('a low that was treated and measured again in Cantonese (度返) is over', () => {
    notEmergency('頭先好暈出冷汗，度咗血糖3.5，飲咗果汁，十分鐘後度返6.0，而家冇事');
  });
  it('a normal temperature with the fever word asks whether it is one', () => {
    notEmergency('宝宝一个半月，量了体温37.2℃，这算发烧吗');
  });
  it('也 is never "repaired" (我会不会也遗传 is not 不会咽)', () => {
    expect(normalizeText('我会不会也遗传')).toContain('也遗传');
    notEmergency('我爸有糖尿病，我会不会也遗传');
  });
  it('bleeding that stopped, typed with a homophone (血纸住了)', () => {
    urgent('手指切了个口子挺深的，按了五分钟血纸住了，要不要缝针');
  });
  it('年夜饭 is a meal, not leftovers', () => {
    notEmergency('昨晚吃了年夜饭，今天空腹血糖8.1');
  });
});

describe('round 29 families: a doctor today, and routing', () => {
  it('a reliever that lasts only a couple of hours, talking fine', () => urgent('哮喘这几天有点加重，喷了药能缓解两个小时，说话还行'));
  it('an old man dizzy on standing after diarrhoea, in English', () => {
    urgent('My grandpa is 80 and had diarrhea 7 times since morning, now he is dizzy when he stands up');
  });
  it('a fall onto the hip that hurts with every step', () => urgent('我妈下楼踩空，坐到地上，现在走一步痛一步'));
  it.each([
    ['Thank you so much, the check-up went well, you guys are the best', 'health_butler'],
    ['我妈前年住院那次没报销，现在还能补报吗', 'insurance_consultant'],
    ['客服怎么回事，等了一上午没得人理', 'health_butler'],
  ])('thanks, a late claim, a complaint about the service: %s', (text, role) => routes(text, role));
});

describe('defects an independent review found in this session’s changes', () => {
  it.each([
    ['ban bian shen zi wu li', 'stroke'],
    ['tui wu li, zuo bian lian wai le', 'stroke'],
  ])('a pinyin word starting with a numeral sound stays the word (wu li 无力): %s', (text, flag) => emergency(text, flag));

  it('a lone pinyin numeral before a whole unit is a number, and the unit is read whole', () => {
    expect(normalizeText('xiong kou tong wu fen zhong le')).toContain('五分钟');
    expect(normalizeText('yi ge xing qi')).toContain('一个星期');
  });

  it.each([
    ['宝宝2个月，T38.5C', 'child_fever'],
    ['sbp190mmhg, dbp120, 头痛得厉害', 'blood_pressure'],
  ])('a number before a Latin unit is a reading: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['胸口[难过]压着痛，出冷汗', 'chest_pain'],
    ['呼吸[流泪]困难', 'breathing'],
    ['胸口😣好痛，出冷汗，喘不上气', 'chest_pain'],
  ])('an emoji inside a phrase does not split it: %s', (text, flag) => emergency(text, flag));

  it.each([['没有10米高，就是从凳子上摔下来'], ['不是12楼摔的，是台阶上绊了一下']])(
    'a negated height or floor stays negated: %s',
    (text) => expect(classify(text).redFlags).not.toContain('trauma'),
  );
});
