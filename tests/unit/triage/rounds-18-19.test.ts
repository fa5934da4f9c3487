import { describe, expect, it } from 'vitest';
import { emergency, urgent, notEmergency, routes } from './expect-triage';
import { findReadings } from '../../../shared/domain/triage/readings';
import { normalizeText } from '../../../shared/domain/triage/normalize';

/**
 * The families of messages that held-out rounds 18 and 19 exposed, each tested with sentences written
 * for this file (not the held-out ones), so a rule is held to its family rather than to one sentence.
 */
const groupsOf = (text: string): string[] => findReadings(normalizeText(text)).map((s) => s.group);

describe('round 18/19 families: emergencies', () => {
  it.each([
    ['BG 2.9, shaky and sweaty, had juice twice already', 'low_glucose'],
    ['bsl 3.2 吃了两回糖 还是低 人发呆', 'low_glucose'],
    ['我妈测血汤2.4，一身虚汗', 'low_glucose'],
    ['雪鸭195/118，头很痛', 'blood_pressure'],
  ])('glucose and pressure keywords as abbreviations or sound-alikes: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['孩子三岁发烧三十九度多，腿上有紫红的斑点，压下去都不会褪', 'child_fever'],
    ['兒子發燒，肚皮上冒出紫紅色的小點，用杯子按住也不會退色', 'child_fever'],
  ])('a non-blanching rash told in words: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['我怀孕三十二周了，刚刚下面突然很多水流下来', 'pregnancy'],
    ['老婆怀着二胎三十五周，裤子一下湿透了，一股水', 'pregnancy'],
  ])('a gush of fluid in a pregnancy without the word 羊水: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['心口闷，扯到左边膀子，坐倒歇了好一会都没好', 'chest_pain'],
    ['胸口好像有石头压住一样，快二十分钟了', 'chest_pain'],
  ])('chest pressure radiating or lasting, in dialect: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['我爸上午右边腿突然就没力气了，走不动，过了二十分钟又好了', 'stroke'],
    ['奶奶刚才杯子都端不住，左手突然没劲，差点摔了，现在好了', 'stroke'],
    ['我婆婆刚才突然左边眼睛什么都看不见了，站也站不稳', 'stroke'],
    ['老舅刚才走道直打晃悠，一边眼睛啥也瞅不着了', 'stroke'],
  ])('one-sided weakness or one-eye blindness today, also when it passed: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['我老公血压高，刚才后背疼，他说像有人拿刀子往里头割', 'aortic_dissection'],
  ])('tearing pain with the knife and the cut apart: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['阿拉爷叔今朝突然认勿得人了，问伊礼拜几也讲勿出', 'unconscious'],
    ['我外婆下午突然认不得人了，胡言乱语', 'unconscious'],
  ])('sudden confusion, also in Shanghainese: %s', (text, flag) => emergency(text, flag));
});

describe('round 18/19 families: not emergencies', () => {
  it('a low that is back in range after sugar is a recovered low', () => {
    urgent('血糖3.4，手抖，喝了半杯果汁，过了一刻钟测到5.6');
    urgent('早上血糖三点五出冷汗，吃了两块饼干，现在六点一了');
    expect(groupsOf('血糖3.4，喝了果汁，测到5.6')).toContain('glucose_recovered');
    expect(groupsOf('血糖3.4，喝了果汁，测到3.6')).not.toContain('glucose_recovered');
  });

  it('a drug rash whose lips and throat are stated fine', () => {
    urgent('吃了阿莫西林后身上起了疹子，很痒，嗓子和嘴唇都好好的');
  });

  it('breathless only on exertion', () => {
    notEmergency('Mum has had a cough and fever for four days, gets short of breath going upstairs but is ok at rest');
  });

  it('a fall off a bike or a chair at ground level', () => {
    notEmergency('My son fell off his bike this morning, his knee is scraped and bruised, no head injury');
  });

  it.each([
    '重急病种里有没有脑梗，心梗在不在保障范围',
    '我同事他爸上周心梗没了，我们这个年纪要查什么',
    '网上视频里说突然胸痛就是心梗，靠谱吗',
    '屋里厢老早有人中风过，我要勿要查查',
  ])('knowledge, insurance and family history: %s', (text) => notEmergency(text));
});

describe('round 18/19 families: routing', () => {
  it.each([
    ['小程序一直在加载，重装了也进不去', 'health_butler'],
    ['App keeps loading and will not open', 'health_butler'],
    ['今天被客户气死了，血压都高了哈哈', 'health_butler'],
    ['上次的用药讲座好有用，多谢你们', 'health_butler'],
    ['谢谢你们上回帮我约的专家，看得很好', 'health_butler'],
    ['Thanks for the call yesterday about mum, really appreciated', 'health_butler'],
    ['理陪什么时候能下来', 'insurance_consultant'],
    ['积分够了，另外今年住院报销额度还有多少', 'insurance_consultant'],
    ['宝宝刚出生时住过新生儿科，现在能买少儿医疗险吗', 'insurance_consultant'],
    ['我爸前年住院有两张发票没报，现在补交还行吗', 'insurance_consultant'],
    ['保单里写的轻症和重症有什么区别', 'insurance_consultant'],
    ['帮我爸预约一下会员的骨密度检查', 'rights_consultant'],
    ['今年的体检套餐能加个肠镜吗', 'rights_consultant'],
    ['心梗有什么先兆？想提前了解', 'family_doctor'],
    ["what's the difference between angina and a heart attack", 'family_doctor'],
    ['疟疾好了以后还会复发吗', 'family_doctor'],
    ['今天空腹5.9，餐后8.1，有进步吧', 'family_doctor'],
    ['any tips to sleep better when it is this hot', 'family_doctor'],
  ])('%s → %s', (text, role) => routes(text, role));
});
