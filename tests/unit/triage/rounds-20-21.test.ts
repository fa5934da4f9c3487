import { describe, expect, it } from 'vitest';
import { emergency, urgent, notEmergency } from './expect-triage';
import { classify } from '../../../shared/domain/triage';
import { normalizeText } from '../../../shared/domain/triage/normalize';
import { findVitals } from '../../../shared/domain/triage/vitals';

/**
 * The families of messages that held-out rounds 20 and 21 exposed, each tested with sentences written
 * for this file (not the held-out ones), so a rule is held to its family rather than to one sentence.
 */
const vitalsOf = (text: string): string[] => findVitals(normalizeText(text)).map((s) => s.group);

describe('round 20/21 families: emergencies', () => {
  it.each([
    ['我给爸妈留了封信在抽屉里，以后你们好好的', 'suicide'],
    ['信我已经写好了放在枕头下面，今晚之后就不会再拖累你们了', 'suicide'],
    ['過咗今晚之後就唔使再麻煩大家喇', 'suicide'],
  ])('a letter left behind, or "no longer a burden after tonight": %s', (text, flag) => emergency(text, flag));

  it.each([
    ['我媳妇三十八周了，刚才床单一下湿了一大片，还在往下淌水', 'pregnancy'],
    ['36周了，裤子突然湿透，水一直流', 'pregnancy'],
  ])('a gush of fluid when only the weeks say pregnant: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['怀晕七周，左边小肚子一阵一阵剧痛，还见红了', 'pregnancy'],
    ['怀允两个月，肚子突然疼得厉害，下面出血', 'pregnancy'],
  ])('怀孕 typed as a sound-alike, with pain and bleeding: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['怀孕三十三周，晚饭后躺着数了一个多小时，宝宝只动了两下', 'pregnancy'],
    ['孕36周，今天上午才动了三次，以前很活跃', 'pregnancy'],
  ])('fetal movements counted and far fewer than usual: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['My daughter is 7, fever 39, and she cries when she bends her neck, vomited once', 'child_fever'],
    ["Son (12) has a high fever, can't touch his chin to his chest and keeps throwing up", 'child_fever'],
  ])('meningism told by what the neck does, in English: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['My son took a pill at a party and now his heart is racing and he is confused', 'poisoning'],
    ['女儿说在酒吧有人给了她一颗药，现在浑身发烫、心慌、说话颠三倒四', 'poisoning'],
  ])('a pill from someone at a party with signs: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['我爸把一个礼拜的药一次全吞了，现在有点迷糊', 'poisoning'],
    ['顺便问下积分怎么用。还有我婆婆刚才把三天的降糖药一次都吃了', 'poisoning'],
  ])('several days of medicine taken at once, also after another question: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['晚上该打长效的，我给我爸打成了速效的，打了二十个单位', 'poisoning'],
    ['I gave mum the rapid acting instead of the long acting insulin at bedtime', 'poisoning'],
    ['My toddler got into the pills on the nightstand, not sure how many he swallowed', 'poisoning'],
  ])('a wrong insulin, or a child into someone\'s pills: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['Grandma woke up this morning with her right arm and leg weak and her smile is crooked', 'stroke'],
    ["Dad can't smile properly on one side and his words are slurred", 'stroke'],
  ])('one side\'s arm and leg, a crooked smile, in English: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['姥爷八十五了，发烧两天，今天烧得不认人了', 'unconscious'],
    ['我和老伴都感冒了，她79岁，烧到三十九度多，一直说胡话', 'unconscious'],
  ])('an elderly person confused with a fever: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['我妈打了胰岛素还没吃饭，现在浑身哆嗦，一身大汗', 'low_glucose'],
    ['没吃饭就打了胰岛素，老伴现在说胡话，糖水喂不进去', 'low_glucose'],
  ])('insulin without food, then shaking or not swallowing: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['儿子足球 practice 的时候头被球砸了，现在有点 confused，还吐了一次', 'head_injury'],
  ])('sports practice is not a lecture: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['我爷爷在工地晒了一整天，现在浑身滚烫，汗也不出，叫他反应慢', 'trauma'],
    ['老伴中薯了，迷迷糊糊的，身上烫得很', 'trauma'],
  ])('heat stroke told by a day in the sun or as a sound-alike: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['孩子玩摔炮炸到手了，手心发黑起皮', 'burns'],
    ['过年放二踢脚崩到手掌心，一片焦黑', 'burns'],
  ])('a firecracker injury to the hand: %s', (text, flag) => emergency(text, flag));
});

describe('round 20/21 families: not emergencies', () => {
  it('a pulse over 100 at rest with no other sign is a doctor today', () => {
    urgent('Resting pulse about 118 since this morning, no chest pain or dizziness');
    urgent('心率一直110左右，没有胸痛、头晕，就是有点紧张');
  });

  it('"or" carries a negation in English lists', () => {
    expect(normalizeText('no chest pain or dizziness')).toBe('没有胸痛、头晕');
  });

  it('a child who swallowed food or an object and is fine', () => {
    notEmergency('儿子两岁，刚才吞了一颗葡萄，咳了几下吐出来了，现在好好的');
    notEmergency('孙女三岁吞了一粒扣子，没咳也没喘，要不要去拍片');
  });

  it('an age of three and a half months is not under three months', () => {
    expect(vitalsOf('宝宝三个半月，发烧38.5')).not.toContain('age_infant');
    expect(vitalsOf('宝宝两个半月，发烧38.5')).toContain('age_infant');
    expect(vitalsOf('我女儿2个半月了')).toContain('age_infant');
    notEmergency('我女儿三个半月，体温38.3，吃奶正常，精神很好');
  });

  it.each([
    '重大疾病險裡的「腦中風後遺症」怎麼定義？',
    '请问重大疾病保险里急性心肌梗死符合什么条件才赔',
    'Does the stroke centre fast track come with my membership?',
    'Will my plan pay for physiotherapy after his stroke last year?',
    '我写了封感谢信给王医生，谢谢你们一直这么关心我',
  ])('insurance definitions, services, rehabilitation and thank-you letters: %s', (text) => notEmergency(text));

  it.each([
    '宝宝八个月了还不认人，谁抱都行，正常吗',
    '今天在地里晒了一下午，脖子晒黑了，有点红',
    '早上的两片降压药，我爸一次都吃了，平时是分开吃的',
  ])('the words of these families in harmless messages: %s', (text) => notEmergency(text));

  it('a double dose of long-acting insulin is a doctor today, not 120', () => {
    urgent('我妈今晚不小心把甘精胰岛素打了两次，每次八个单位');
  });
});

describe('round 20/21 families: routing', () => {
  const routes = (text: string, role: string): void => {
    const c = classify(text);
    expect([c.emergency, c.role], text).toEqual([false, role]);
  };
  it.each([
    ['The app crashed halfway through the questionnaire, is my answer saved?', 'health_butler'],
    ['填问卷的时候一直 crash，是不是要更新', 'health_butler'],
    ['报告能下载成pdf发给我吗', 'health_butler'],
    ['下礼拜那个降座还能报名吗', 'rights_consultant'],
    ['zisha tiaokuan: liang nian nei zisha bu pei shi zhen de ma', 'insurance_consultant'],
    ['我妈装过心脏支架，以后每年要做哪些检查', 'family_doctor'],
    ['我爸年轻时得过肝炎，早好了，体检还用查肝吗', 'family_doctor'],
    ['加班到半夜，头有点胀，是不是休息下就行', 'family_doctor'],
    ['天冷了，老人膝盖怎么保暖比较好', 'family_doctor'],
    ['扭到脚踝了，肿了一点，要不要拍个片子看看', 'family_doctor'],
    ['孙子去年打篮球有过脑震荡，现在能踢比赛吗', 'family_doctor'],
    ['儿子初三，最近总是哭，说不想去学校，哪里能挂号看看', 'family_doctor'],
  ])('%s → %s', (text, role) => routes(text, role));

  it('a crash on the road is still a traffic accident', () => {
    expect(classify('We were in a crash on the highway, my wife is bleeding a lot and can not stop it').emergency).toBe(true);
    expect(classify('My son crashed his scooter and his leg is bent the wrong way').emergency).toBe(true);
  });
});
