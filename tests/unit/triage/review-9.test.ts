import { describe, expect, it } from 'vitest';
import { classify } from '../../../shared/domain/triage';
import { emergency, notEmergency, routes, urgent } from './expect-triage';

/**
 * A ninth independent review (of this session's first fixes, 466 probes written from the reference) and held-out
 * rounds 57–58: the families they exposed, each with sentences written for this file.
 */
describe('the ninth session review: what the first fixes cost', () => {
  it.each([
    ['宝宝才50天，刚量了体温她38了', 'child_fever'],
    ['孩子从床上一下坐到地上，后来吐了好几次', 'head_injury'],
    ['我妈坐到地上以后一直吐，人也迷迷糊糊的', 'head_injury'],
    ['开水泼到背上，起了一片水泡，差不多有三个手掌大', 'burns'],
    ['奶奶85了，早上摔了一跤，后来吐了两次', 'head_injury'],
    ['我老公说是胸口疼得厉害，一身冷汗', 'chest_pain'],
    ['保姆打电话说是我爸在厕所摔倒了叫不醒', 'unconscious'],
    ['她已经88了，刚才摔倒后脑着地', 'head_injury'],
    ['突然脑袋像炸开一样疼，这辈子没这么疼过，吐了', 'headache'],
    ['我妈晚上躺下就憋醒，要坐起来才能喘气', 'breathing'],
    ['门锁上了敲门也不开，她前两天说活着没意思', 'suicide'],
    ['手腕上有几道刀痕，她说活着没意思', 'suicide'],
    ['孩子吞了一颗纽扣电池', 'poisoning'],
    ['my dads bp is one ninety over one twenty and he has a headache', 'blood_pressure'],
    ['her sugar is two point four and she is confused', 'low_glucose'],
    ['my son has a fever and purple spots that dont fade when pressed', 'child_fever'],
    ['she took a new medicine and now her throat feels tight and lips are swelling', 'anaphylaxis'],
    ['老伴七十多岁，有糖尿病，心口下面不舒服，一直冒冷汗', 'chest_pain'],
    ['工人从三楼架子上摔下来了，腰动不了', 'trauma'],
    ['I am on the balcony and going to step off', 'suicide'],
    // The tenth review: a paperwork word beside it silenced 我爸快不行了 too; a call for help counts until a human has spoken.
    ['救救我，我爸快不行了，住院流程怎么走', 'urgent_help'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['宝宝湿疹两个多月了，今天有点低烧37.8'],
    ['I jumped off the bus and twisted my ankle'],
    ['晒完被子从楼顶下去的时候腿抽筋了'],
    ['胳膊上抽血的地方青了一块，活着真累'],
    ['奶奶有点头晕，就坐到地上歇了一会，现在好了'],
    ['喊他吃饭他没反应，在打游戏，青春期孩子怎么沟通'],
    ['嘴歪了，医生说是面瘫，针灸有用吗'],
    ['吃了新开的抗生素，身上起了一片荨麻疹，呼吸和喉咙都正常，嘴唇也没肿'],
    ['宝宝八个月，发烧38.5，精神还可以，就是有点蔫'],
    ['能不能把那篇《心梗急救指南》发我一下'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([['衣服破了要缝一下，顺便问下我的腰酸怎么办'], ['脸上长痘痘挤出脓了，伤口怎么护理'], ['这人吃什么都吐槽，我真受不了'], ['冷的时候嘴张不开说话都哆嗦'], ['尿有点红，昨天吃了火龙果']])(
    'not a doctor today: %s',
    (text) => expect(classify(text).disposition, text).toBe('routine'),
  );
});

describe('held-out rounds 57 and 58 families', () => {
  it.each([['我怀起三十二周了，今天一上午娃儿都没咋个动过，心头慌得很', 'pregnancy']])('an emergency: %s', (text, flag) => emergency(text, flag));
  it.each([['牙疼好几天了，今天半边脸肿了'], ['孕九周，这两天吃什么吐什么，水都喝不进']])('a doctor today: %s', (text) => urgent(text));
  it.each([
    ['还能报名吗，下周的健康讲座', 'rights_consultant'],
    ['那这个检查能报，还是不能报', 'insurance_consultant'],
  ])('routed: %s', (text, role) => routes(text, role));
});

describe('held-out rounds 59 and 60 families', () => {
  it.each([["Dad (80, on insulin) is confused and sweaty, the meter says 45 mg/dL", 'low_glucose']])('an emergency: %s', (text, flag) => emergency(text, flag));
  it.each([['a band of blisters across my back on one side, burning for two days']])('a doctor today: %s', (text) => urgent(text));
  it.each([['今天看喜剧笑到吐血，家人们强烈推荐'], ['耳朵疼了一晚上，今天流黄水，听东西闷闷的']])('not 120: %s', (text) => notEmergency(text));
});
