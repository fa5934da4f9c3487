import { describe, it } from 'vitest';
import { emergency, notEmergency, routes, urgent } from './expect-triage';

/**
 * The families of held-out rounds 132–139's first-run misses, false alarms, urgent messages answered routine and
 * misrouted chat (tests/fixtures/triage/README.md). Sentences written for this file, not copied from the rounds.
 */
describe('rounds 132–139', () => {
  it.each([
    // Farewells without a named method: affairs handed on, joining the dead, no more worry after tonight.
    ['保单受益人帮我改成我儿子。我把家里的事都交代好了，明天以后就不用你们操心了', 'suicide'],
    ['我把存折和金项链都给了外孙女 老头子走了五年我也该去找他了 安眠药我攒了两瓶', 'suicide'],
    ['please stop the reminders, I gave my dog to my sister and wrote letters to my family. I won\'t need any of this after tonight', 'suicide'],
    ['寿险的自杀条款两年后是不是就赔了？我已经想好了，药都存够了', 'suicide'],
    // Pills tipped out and taken at once; a hedged English count; a basket of mushrooms.
    ['我妈把药盒里的药全倒出来一次吃了，现在叫她没什么反应', 'poisoning'],
    ['my brother swallowed like 25 paracetamol two hours ago', 'poisoning'],
    ['上山捡了一篮子蘑菇炒着吃了，现在全家都在吐', 'poisoning'],
    // Stroke: sudden word-finding loss, a weak side dated to today, one eye gone black today.
    ['我爸突然叫不出东西的名字，指着碗说是杯子', 'stroke'],
    ['我妈从早上开始右手一直没劲，已经四个小时了', 'stroke'],
    ['今天下午左眼突然黑了几分钟，现在又看得见了', 'stroke'],
    ['my mum had a stroke three years ago and today her face is drooping again', 'stroke'],
    // Infants said to be under an age, fits and glucose in English.
    ['宝宝还不到三个月，今天烧到38.2', 'child_fever'],
    ['BB未满三个月，发烧三十八度', 'child_fever'],
    ['my daughter is 3 and she has been shaking and jerking for 7 minutes', 'seizure'],
    ['sugar 24 mmol and he is very drowsy', 'high_glucose'],
    // Pregnancy typed with a homophone.
    ['怀孕九周见红了，肚子一阵一阵的同', 'pregnancy'],
    // Head injuries: a face that hit the ground, a fall with vomiting on a blood thinner, the forehead.
    ['外婆下午摔了，脸先着的地，她在吃华法林，现在有点头疼', 'head_injury'],
    ['我爸刚才在楼道摔了一下，一直说想吐，他天天吃阿司匹林', 'head_injury'],
    ['爷爷刚才晕倒了两次，脑门磕破了，现在迷迷糊糊的', 'head_injury'],
    // Burns: oil and fuel, caustic soda in the eye, electric shocks in English.
    ['我奶奶炒菜被油锅喷到脸，满脸红肿睁不开眼', 'burns'],
    ['他用汽油点火，脸和手全是泡', 'burns'],
    ['工友眼睛溅进去烧碱了，冲了水还是睁不开', 'burns'],
    ['my son touched the wall socket and there is a white burn mark on his palm', 'burns'],
    // Trauma: a fall over a balcony, a bare crash, heat in the fields.
    ['我爸在四楼阳台晒被子翻出去了，掉在楼下的雨棚上', 'trauma'],
    ['出车祸了', 'trauma'],
    ['阿公喺田里做嘢，而家成身好热，唔出汗，仲乱讲嘢', 'trauma'],
    // Bleeding on warfarin still pouring; a chest said apart from its tightness in a voice run-on.
    ['我老伴鼻子出血捂了二十来分钟还哗哗淌，他吃着华法林', 'bleeding'],
    ['嗯那个我这个胸口啊 从中午就开始闷 闷到现在一个多钟头 往左边膀子上窜', 'chest_pain'],
    // Calls for help in Cantonese.
    ['快啲嚟人呀', 'urgent_help'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // Fiction, song lyrics and a demonstration are not happening.
    ['昨晚看的电视剧里男主心脏病发作倒在地上，演得好真'],
    ['追剧看到女主吞安眠药那一集，哭得不行'],
    ['Watched a movie where the hero has a heart attack on a train, so sad'],
    ['这首歌里唱“我想一个人消失”，好好听'],
    ['下个月社区有心肺复苏的演示活动，会员能去吗'],
    // Jokes, the suicide clause in English, a past stroke, a bleed that stopped.
    ['笑死我了🤣 我要晕过去了'],
    ['我老公说今天的菜好吃到要晕倒了哈哈'],
    ['老板再让我加班我就要心梗了hhh'],
    ['Does my life policy pay out for suicide after two years?'],
    ['My father had a TIA two years ago, he is fine now, what should he eat?'],
    ['切菜划了个小口子，按了一分钟就不流血了'],
    ['我妈年轻时候生我哥大出血，这个会遗传吗'],
    ['TIA系咩嚟㗎？报告上有写'],
    ['出车祸了，撞坏了保险杠，人没事，车险怎么报'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    ['我妈这几天越来越糊涂，晚上不睡'],
    ['摔了一跤屁股着地，大腿根疼，我七十二了'],
    ['我爸八十了，夜里摔了一下，膝盖流了点血'],
    ['最近走几步就喘，脚踝也肿了'],
    ['肾绞痛'],
    ['我妈把降血糖的药吃了两次'],
    ['小腿又红又烫，肿起来了'],
    ['糖尿病十几年，脚上的口子一个月没好，今天周围发红'],
    ['被邻居家的小狗挠了一下，破皮出血了'],
    ['孩子晚上咳嗽像狗叫，嗓子哑了'],
  ])('a doctor today: %s', (text) => urgent(text));

  it.each([
    ['今天爬山累死了 腿酸得很', 'health_butler'],
    ['笑死，我家狗把血压计的袖带咬坏了', 'health_butler'],
    ['昨晚看的电影里女主病倒了，哭死我了', 'health_butler'],
    ['血糖仪的单位变成mg/dL了怎么调回来', 'health_butler'],
    ['血压计要不要校准', 'health_butler'],
    // A laugh with a question still asks the doctor.
    ['今天跑步累死了 腿酸 正常不', 'family_doctor'],
    ['笑死 我妈说吃洋葱能降血糖，真的假的', 'family_doctor'],
  ])('routed: %s', (text, role) => routes(text, role));
});
