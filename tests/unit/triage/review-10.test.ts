import { describe, expect, it } from 'vitest';
import { classify } from '../../../shared/domain/triage';
import { emergency, notEmergency } from './expect-triage';

/**
 * A tenth independent review (of the ninth review's fixes, 450 probes written from the reference): what those fixes
 * cost, each family with sentences written for this file.
 */
describe('the tenth session review', () => {
  it.each([
    ['我爸叫不醒，呼吸也不正常', 'unconscious'],
    ['人叫不醒、心跳正常', 'unconscious'],
    ['孩子抽搐、体温正常', 'seizure'],
    ['胸口剧痛、血压正常', 'chest_pain'],
    ['胸口剧痛正常？', 'chest_pain'],
    ['老妈突然话讲不清了', 'stroke'],
    ['他讲不了话了，嘴也歪了', 'stroke'],
    ['宝宝发烧39度5，蔫儿了', 'child_fever'],
    ['孩子发烧四十度，打蔫，不吃不喝', 'child_fever'],
    ['奶奶一屁股坐到地上，之后一直重复问同样的问题', 'head_injury'],
    ['宝宝吃奶少，才45天，发烧38.5度', 'child_fever'],
    ['宝宝已经两个月了，今天发烧38.5', 'child_fever'],
    ['我妈三年前医生说是面瘫，今天突然又嘴歪了', 'stroke'],
    ['我想从楼顶下去，这样就不痛苦了', 'suicide'],
    ['i am on the 20th floor balcony and i want to step off', 'suicide'],
    ['急急急 我爸快不行了 住院流程怎么走', 'urgent_help'],
    ['glucose twenty two point five, vomiting, breathing fast', 'high_glucose'],
    ['物业说是老人摔在楼道里叫不醒', 'unconscious'],
    ['保姆打电话说是我爸脑梗了', 'stroke'],
    ['头痛欲裂，吐了两次', 'headache'],
    ['手臂上划了好多口子，活着没意思', 'suicide'],
    ['孩子摔了一跤，之后一直想睡，叫不太醒', 'head_injury'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['嘴歪和说话都没问题了，复查一下'],
    ['看摔跤比赛看得犯困'],
    ['宝宝玩累了坐到地上就想睡觉'],
    ['孩子仰头鼻子流血，是上火吗'],
    ['the kids love to jump off the sofa'],
    ['我快被这个保险条款绕晕了，头都要炸了'],
    ['感冒了嗓子哑得讲不了话，吃什么药'],
    ['我妈有点老糊涂了，前几天摔了一跤，膝盖青了，问下买什么保险'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([['伤口化脓了，脸上也长了几颗痘'], ['刀口红肿流脓，我平时爱长痘']])('a doctor today: %s', (text) => expect(classify(text).disposition, text).toBe('urgent'));
});
