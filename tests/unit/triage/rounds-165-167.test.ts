import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * The families of rounds 165–167's first-run misses, false alarms and urgent messages answered routine
 * (tests/fixtures/triage/README.md). Sentences written for this file, not copied from the rounds.
 */
describe('held-out rounds 165–167', () => {
  it.each([
    // A swallowed button battery burns through the gullet within hours, however well the child looks.
    ['女儿把遥控器里的纽扣电池吞下去了 看着跟没事人一样 挺好的', 'poisoning'],
    // A topic put aside ends its sentence: the policy talk before it does not colour the chest pain after it.
    ['续保的事回头再说 我老公胸口压着疼二十分钟了 一身冷汗', 'chest_pain'],
    // Fits with no waking between them are fits, even when the family calls them 抽筋.
    ['孩子抽筋抽了好几分钟，中间一直没醒', 'seizure'],
    ['佢抽筋抽咗好耐 中間冇醒過', 'seizure'],
    // Confused today, unlike how she always is, whatever 一直 says of the day.
    ['我外婆今天一直迷迷糊糊，问她几点了都答不上来，平时很精神的', 'unconscious'],
    // The family better off without her, in tears or after a birth.
    ['她生完孩子一个月了，天天哭，说孩子没有她会更好', 'suicide'],
    // A farewell that puts affairs in order, with the means ready.
    ['走之前想把这些事安排清楚 安眠药都买好了', 'suicide'],
    // Called with no reaction, however it is worded.
    ['我爸在阳台上躺着 喊了半天没什么反应', 'unconscious'],
    // A cracked helmet is a knock to the head; with vomiting and a daze, a head injury.
    ['骑电动车摔了，头盔都碎了，人有点懵，吐了一次', 'head_injury'],
    // Sunstroke written with the Cantonese 嗮 for 晒.
    ['阿爷喺田度嗮晕咗 身上好烫 讲嘢糊涂', 'trauma'],
    // English: slumped and not responding; passing out with a racing heart; not knowing the year.
    ['my husband slumped over on the sofa and is not responding to us', 'unconscious'],
    ['heart racing at 190 and I feel like passing out', 'arrhythmia'],
    // Pinyin of a blue face after something stuck.
    ['er zi bei tang ka zhu le, lian dou qing le', 'choking'],
    // A heart attack today in its own clause, after a death long past.
    ['我妈前年走了，现在我爸又心梗了，在抢救', 'chest_pain'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // A heart attack long past and recovered from, said with a policy question.
    ['我舅舅前年心梗 现在好了 能不能给他买份保险'],
    // A grandparent who died of a heart attack last year, remembered on his birthday.
    ['我爷爷去年走了，是心梗，今天是他的忌日，有点难过'],
    // Night cramps that wake one up are cramps.
    ['半夜小腿抽筋，醒了又抽，要补钙吗'],
    // Better off without an ex-husband is no death wish.
    ['离婚后孩子没有他反而更好，我们过得挺开心'],
    // A wasp sting swollen but otherwise fine is a doctor today, not 120.
    ['I got stung by a wasp on my arm, it is swollen but I feel fine otherwise'],
  ])('not an emergency: %s', (text) => notEmergency(text));

  it.each([
    // A headache with a fever that ibuprofen has not touched.
    ['头疼三天了，吃了布洛芬也不管用，还低烧'],
    // A scald that blistered, on the forearm (on the hand it would be an emergency: the reference's face/hands/genitals).
    ['炒菜被热油溅到小臂上，起了好几个水泡'],
    // An old man vomiting who cannot keep water down.
    ['我爷爷90了，昨晚开始吐，今天水都喝不下'],
    // Forgetting more, unlike last month.
    ['我妈这几天老忘事，说话比平时慢，跟上个月不一样'],
    // The doctor asked for a recheck soon.
    ['体检说肌酐高，医生让我尽快复查，今天能约吗'],
    // An animal scratch that broke the skin: rabies shots today.
    ['被流浪猫抓了一下，破了点皮'],
    // A fall in the elderly with hip pain and not walking, told in pinyin.
    ['nai nai shuai dao le, kua bu teng, zou bu liao lu'],
  ])('urgent, a doctor today: %s', (text) => urgent(text));
});
