import { describe, it } from 'vitest';
import { emergency, notEmergency, routes, urgent } from './expect-triage';

/**
 * The families of rounds 210–215's first-run misses and false alarms, and of the forty-fifth review
 * (tests/fixtures/triage/README.md). Sentences written for this file, not copied from the rounds.
 */
describe('held-out rounds 210–215 and the forty-fifth review', () => {
  it.each([
    // Pills set aside "enough", beside a calm goodbye; a knife made ready and 了结自个儿.
    ['等孩子放学我就放心走了，药我都备够了', 'suicide'],
    ['刀都磨好了，今晚就了结自个儿', 'suicide'],
    // 无 (wu) typed for 误 before a poison.
    ['我孙子刚才无喝了半口农药', 'poisoning'],
    // Cantonese 大肚 with a month count is a pregnancy: a headache and a high pressure in it.
    ['我老婆大肚八个月，头痛到爆，量血压一百七', 'pregnancy'],
    // A child choking who can make no sound at all.
    ['女儿吃果冻卡住了，声音都发不出来', 'choking'],
    // A low sugar that can no longer swallow, and 糊图 typed for 糊涂.
    ['我爸打了胰岛素没吃饭，血糖2.9，喂他糖水都不会吞', 'low_glucose'],
    ['我妈打了胰岛素没吃饭，人有点糊图', 'low_glucose'],
    // Heat after working the fields, with a hot dry skin and confusion.
    ['在地里干活回来，身上烫得很，也不出汗了，有点糊涂', 'trauma'],
    // A deep bite bleeding in quantity, not said to have stopped.
    ['被大狗咬了，腿上两个很深的口子，流很多血', 'bleeding'],
    // A strong chemical in the eye.
    ['眼睛被84消毒液溅到了，冲了水还是很红', 'burns'],
    // A small child under a kettle knocked over, skin scalded off.
    ['两岁的儿子碰翻了开水，腿上烫掉一块皮', 'burns'],
    // Two IME picks in one head injury: 脑带 (脑袋), 装到 (撞到).
    ['奶奶脑带装到柜子角，现在一直吐', 'head_injury'],
    // The forty-fifth review: 流个不停 typed 六个不停; 九命 for 救命; a battery pushed up a nose; a bleed back in quantity.
    ['手指切了个口子 血一直六个不停', 'bleeding'],
    ['九命 我妈倒在厨房了', 'urgent_help'],
    ['弟弟把纽扣电池塞进鼻孔里了', 'poisoning'],
    ['按住以后血止了一阵，现在又开始流很多', 'bleeding'],
    // An English plan beside the suicide clause.
    ['Does my policy pay out for suicide? I already bought the rope.', 'suicide'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // A number stays a number (六点几), and a scar kept is no bleeding.
    ['血糖一直六点几，要不要吃药'],
    ['小时候被玻璃划过，手上一直留着疤'],
    // A diagnosis found last month, asked about as a claim; a pulled muscle named anywhere.
    ['上个月住院查出来是心绞痛，放了支架，现在报销要什么材料'],
    ['我老公说胸口疼，其实是健身拉伤了肌肉，按着疼'],
    // Snoring and cooking hyperbole.
    ['他打呼噜吵得我想自杀哈哈，有啥办法'],
    // A missed dose in Hokkien (无 = 没), and a blocked nose.
    ['我阿公昨天无吃了降压药'],
    ['鼻子塞了两天了'],
    // 放心走了 with nothing else is a trip home.
    ['看完病医生说没事，我就放心走了'],
  ])('not an emergency: %s', (text) => notEmergency(text));

  it.each([
    // Doctor today: a hand burn that blistered; an object in the ear; gout that stops walking; an old person barely eating.
    ['炒菜手背烫起了个泡'],
    ['孩子把一颗豆子塞进耳朵里了'],
    ['老头痛风犯了，脚趾肿得走不得路'],
    ['我奶奶八十五了，三天没咋吃东西'],
    // Swelling and a headache in pregnancy; earache with yellow fluid; pain after a polyp was cut; a back put out with a numb leg.
    ['怀孕二十六周，脚肿，头有点疼'],
    ['耳朵疼了两天，早上枕头上有黄水'],
    ['昨天做肠镜切了个息肉，今天肚子胀痛'],
    ['搬东西把腰闪了，腿有点麻'],
    // Right lower belly pain, tender; little urine with swollen legs; a headache the tablets have not touched for days.
    ['右下腹疼了一上午，按着更疼'],
    ['这两天尿很少，脚也肿了'],
    ['头痛三天了，布洛芬没用'],
    // English: keeps no water down in pregnancy; a bead in an ear; a red swollen patch with a fever.
    ["I'm 9 weeks pregnant and haven't been able to keep any water down today"],
    ['My daughter pushed a bead into her ear and we cannot get it out'],
    ['I have a swollen red patch on my calf and a fever of 38.4'],
  ])('a doctor today: %s', (text) => urgent(text));

  it.each([
    // When a check-up's report comes out is the rights consultant's; an upload, the butler's.
    ['体检报告什么时候出来', 'rights_consultant'],
    ['体检报告怎么上穿到小程序', 'health_butler'],
    // A reading asked about after a service matter is the doctor's.
    ['积分换的血压计收到了，顺便问下，刚量了135/85，正常吗', 'family_doctor'],
  ])('routed: %s', (text, role) => routes(text, role));
});
