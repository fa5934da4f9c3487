import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * The families of rounds 88–91's first-run misses, false alarms and urgent messages answered routine
 * (tests/fixtures/triage/README.md). Sentences written for this file, not copied from the rounds.
 */
describe('held-out rounds 88–91', () => {
  it.each([
    ['活着真没意思 拜拜了', 'suicide'],
    ['我爸打胰岛素的，刚才怎么喊都不醒', 'unconscious'],
    ['婆婆刚才土了一大口咖啡色的东西', 'bleeding'],
    ['奶奶有点糊涂，把一整周的药都吞了，药盒全空了', 'poisoning'],
    ['我爸骑车让车撞了，腿上一个大口子', 'trauma'],
    ['厂里有人手上溅到了硫酸 皮肤发白了 怎么急救', 'burns'],
    ['我妈左边脸有点麻，手也抬不起来，过了一会又好了', 'stroke'],
    ['爷爷坐在沙发上，怎么叫都不吱声', 'unconscious'],
    ['手指割破了，按住十几分钟血还在飙，毛巾都湿透了', 'bleeding'],
    ['今日成日冇觉到bb踢，而家三十六周', 'pregnancy'],
    ['孩子在河边玩水呛到了，刚捞起来', 'trauma'],
    ['🐍咬咗我阿爸只脚', 'trauma'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['我妈说她梦见自己中风了，醒来照镜子看嘴歪没歪，哈哈'],
    ['重疾包唔包心梗？'],
    ["How can I book the green channel? My mum needs a check-up for her old stroke."],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    ['怀孕31周，胎动好像比昨天少一点点，但还在动'],
    ['化验单上血钾6.1'],
    ['血红蛋白65，最近老是没力气'],
    ['我妈头晕，天旋地转，一动就吐'],
    ['我爸八十二了，头晕，走路不稳'],
    ['孩子两岁，咳嗽像狗叫一样'],
    ['老慢支又犯了，痰变黄了，走几步就喘'],
    ['腰上起了一圈带状的水泡，疼得睡不着'],
    ['孩子手指被门夹了，指甲发紫，肿了'],
  ])('a doctor today: %s', (text) => urgent(text));
});
