import { describe, expect, it } from 'vitest';
import { classify } from '../../../shared/domain/triage';

const notEmergency = (text: string): void => {
  const c = classify(text);
  expect(c.emergency, `${text} → ${c.redFlags.join(',')}`).toBe(false);
  expect(c.redFlags).toEqual([]);
};
const emergency = (text: string): void => {
  expect(classify(text).emergency, text).toBe(true);
};

describe('negation', () => {
  it.each([
    ['没有胸痛，就是嗓子有点干'],
    ['不胸闷，不气短'],
    ['没有明显胸痛'],
    ['没出现过呼吸困难'],
    ['没有胸痛、呼吸困难这些'],
    ['不胸痛也不喘不上气'],
    ['我没有想自杀，只是最近睡不好'],
    ['血压没有到180'],
    ['胸口不痛了，就是有点累'],
  ])('%s is not an emergency', notEmergency);

  it.each([
    ['没有胸痛，但是喘不上气'], // the negation covers the first symptom only
    ['不知道是不是中风，嘴有点歪'],
    ['是不是心梗啊，胸口疼'],
    ['没胸痛，就是突然说话不清楚了'],
    ['胸口疼得厉害没有力气'],
  ])('%s is still an emergency', emergency);
});

describe('past events and conditions under care', () => {
  it.each([
    ['去年中风过，现在恢复得不错'],
    ['我爸前年脑梗，现在能自己走路了'],
    ['我妈有癫痫病史，一直吃药控制'],
    ['以前晕倒过一次'],
    ['我爸心梗放了支架，出院半年了'],
    ['中风三年了，后遗症是右手不太灵活'],
    ['几年前血糖2.5住过院'],
  ])('%s is not an emergency', notEmergency);

  it.each([
    ['去年中风过，今天又说话不清楚了'],
    ['我爸以前脑梗，刚才突然嘴歪了'],
    ['我妈有癫痫，现在抽搐了叫不醒'],
  ])('a new event after a past one is an emergency: %s', emergency);
});

describe('knowledge, prevention, lectures, hypotheticals', () => {
  it.each([
    ['怎么预防心梗'],
    ['中风的早期症状有哪些'],
    ['如何判断是不是脑梗'],
    ['如果出现胸痛该怎么办'],
    ['万一家里老人晕倒了应该怎么做'],
    ['急救讲座讲了心肺复苏和海姆立克'],
    ['转发：中风识别口诀，脸歪、手臂无力、说话不清，立即打120'],
    ['家族病史那一栏要写爸爸脑出血吗'],
    ['听说喝农药特别伤肝'],
  ])('%s is not an emergency', notEmergency);

  it('a sudden event reported at a lecture is still an emergency', () => {
    emergency('讲座上有个老人突然晕倒了');
  });
});

describe('insurance talk about serious illness', () => {
  it.each([
    ['重疾险心梗能赔吗'],
    ['胸痛住院能理赔吗'],
    ['脑出血算不算重疾险的保障范围'],
    ['有心梗病史还能投保吗'],
    ['中风了能报销多少'],
    ['我想退保，心梗险太贵了'],
  ])('%s is not an emergency', (text) => {
    notEmergency(text);
    expect(classify(text).role).toBe('insurance_consultant');
  });
});

describe('slang and look-alikes', () => {
  it.each([
    ['想死你们了'],
    ['这价格跳楼价啊'],
    ['紫砂壶泡茶好不好'],
    ['吐血推荐这个降压食谱'],
    ['眼皮抽搐好几天'],
    ['小腿抽筋'],
    ['宝宝两岁说话还不清楚'],
    ['嗓子肿痛发炎'],
    ['鱼刺卡喉咙了'],
    ['游泳憋气'],
    ['食物中毒拉肚子'],
    ['左手大拇指麻'],
    ['中风险人群怎么管理'],
    ['最近偶尔胸口有点闷'],
    ['刷牙牙龈出血'],
  ])('%s is not an emergency', notEmergency);
});

describe('leans to emergency when unsure', () => {
  it.each([
    ['胸口疼'], // unqualified, present: a human should look now
    ['我爸中风了'],
    ['好像有中风的症状'],
    ['血压180'],
    ['我妈心梗了，保险能赔吗'], // the event comes first; claims can wait
  ])('%s is an emergency', emergency);
});
