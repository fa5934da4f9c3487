import { describe, it } from 'vitest';
import { emergency, notEmergency, routes, urgent } from './expect-triage';

/**
 * An eighth independent review (of the seventh review's fixes) and held-out rounds 53–54: the families
 * they exposed, each with sentences written for this file, so a rule is held to its family.
 */
describe('sitting down hard, and a head that bleeds after a fall', () => {
  it.each([
    ['我外婆81岁，下楼梯时腿一软就坐到地上了，后来吐了三次', 'head_injury'],
    ['我妈吃着华法林，刚才就坐到地上了，现在有点迷迷糊糊的', 'head_injury'],
    ['公公78了，一屁股就坐倒地上了，之后一直犯困', 'head_injury'],
    ['我老爸76了 摔了个屁墩 然后一直吐', 'head_injury'],
    ['my grandpa is 84, he sat down hard on the kitchen floor and keeps throwing up', 'head_injury'],
    ['我爸刚才滑了一跤坐到地上了，现在一直吐', 'head_injury'],
    ['姥爷摔倒后头皮一直在流血，他八十二岁', 'head_injury'],
    ['我婆婆摔了一跤，头顶出血了，她吃阿司匹林', 'head_injury'],
    ['奶奶摔倒了头部出血，83岁', 'head_injury'],
    ['my mum is 80 and tripped, her head is bleeding', 'head_injury'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['打完疫苗有点晕，我就坐到地上缓了一会儿，现在没事了'],
    ['孩子坐车晕车吐了，下车以后坐到地上哭了半天'],
    ['跑完步太累了直接坐到地上，有点想吐'],
    ['宝宝一个月，喂奶的时候乳头出血了，还能继续喂吗'],
    ['我妈七十八了，拔完针头出血了一点，按住就好了'],
    ['我妈80岁头晕，流了点鼻血，已经止住了'],
    ['我有身体检查的报告，想问下胆固醇高怎么办'],
    ['我爸心梗过了一百天了，想问复查挂什么科'],
    ['我妈脑梗过了一年了，现在在做康复，能报销吗'],
  ])('not 120: %s', (text) => notEmergency(text));
});

describe('other families', () => {
  it.each([
    ['救救我老婆', 'urgent_help'],
    ['快救救我儿子', 'urgent_help'],
    ['我爸刚才吃饭的时候突然讲话讲不清楚了，过了几分钟又好了', 'stroke'],
    ['今天上午我爸嘴歪过，半个小时后又好了', 'stroke'],
    ['我爸心率40都不到，人没劲', 'arrhythmia'],
    ['我爷爷脉搏不到40，人没精神', 'arrhythmia'],
    ['她说活着没意思，我看到她手臂上有新的刀口', 'suicide'],
    ['i dont see the point anymore, im on the roof and thinking of stepping off', 'suicide'],
    ['wo ma tu ran jiu bu shuo hua le, jiao ta ye mei fan ying', 'unconscious'],
    ['我爸有心衰，今天喘不上气，一躺下就憋醒，嘴唇发紫', 'breathing'],
    ['我奶奶嘴纯发紫，喘不上气', 'breathing'],
    ['我儿媳妇也有身子了，今天肚子疼还出血了', 'pregnancy'],
    ['我29岁，娃出生才七个星期，今天发烧38度2', 'child_fever'],
    ['宝宝七周大，腋下38.3', 'child_fever'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['救救我的发际线吧哈哈，有没有防脱的推荐'],
    ['我爸说话说不完整是因为他有口吃，从小就这样'],
    ['今天想问一下，我爸以前中风过，康复训练怎么做'],
  ])('not 120: %s', (text) => notEmergency(text));
});

describe('held-out rounds 53 and 54 families', () => {
  it.each([
    ['宝宝两个多月，今天发烧38.3', 'child_fever'],
    ['我外婆有心衰，这两天一躺下就憋醒，只能坐着睡，嘴唇发乌', 'breathing'],
    ['wo ye ye tu ran bu li ren le, jiao ta ye mei fan ying', 'unconscious'],
    ['I am on the bridge and I keep thinking about jumping off', 'suicide'],
    ['孩子被开水烫到胳膊，起了一片水泡，巴掌大', 'burns'],
    ['开水洒到腿上，起了一片水泡，疼得厉害', 'burns'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['我闺女五个多月，发烧38.4，精神还行'],
    ['我在喂奶，右边乳房有个硬块，红红的，今天发烧38.6'],
    ['我爸上周做的阑尾手术，伤口这两天变红了，还有黄色的脓'],
    ['切割机的铁渣崩进眼睛里了，眼睛红得睁不开'],
    ['以前有肾结石，今天腰又痛了，尿有点红'],
    ['开水洒在我手臂上，起了一片水泡，差不多巴掌大小'],
  ])('a doctor today: %s', (text) => urgent(text));

  it.each([['怀起娃儿两个多月了，想问下孕检套餐能不能用积分换'], ['她晚上打呼噜偶尔会憋醒，要不要去查睡眠呼吸暂停']])('not 120: %s', (text) => notEmergency(text));
});

describe('held-out rounds 55 and 56 families', () => {
  it.each([
    ['我爸左手突然拿不稳碗，嘴也有点歪，他说是没睡好，明天再看行吗', 'stroke'],
    ['女儿给我留言说爸爸对不起，以后不会再给你们添麻烦了，房门锁上了敲门也不开', 'suicide'],
    ['my pulse is one hundred and sixty five and I feel faint', 'arrhythmia'],
    ['我都想好了，今晚就从天台下去，保险受益人写的是我儿子', 'suicide'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['我妈做完手术回家第三天，刀口周围红了，往外渗黄水'],
    ['磨刀的时候铁屑崩眼睛里了，眼睛红肿流眼泪'],
    ['怀孕九周，这两天喝水都吐，一天只尿一次'],
    ['切肉切到手了，口子挺深的，一松手伤口就张开，要去缝针吗'],
    ['started a new antibiotic two days ago and now I have red itchy spots all over my arms'],
    ['右边🦵小腿肿得比左边粗一圈，上周刚做完髋关节手术'],
    ['智齿疼了好几天，现在半边脸肿了，嘴张不开'],
  ])('a doctor today: %s', (text) => urgent(text));

  it.each([
    ['下周六的亲子运动会还能报名吗', 'rights_consultant'],
    ['I asked about my reminder times this morning and no one has replied yet', 'health_butler'],
  ])('routed: %s', (text, role) => routes(text, role));
});
