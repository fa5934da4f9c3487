import { describe, it } from 'vitest';
import { emergency, notEmergency, routes, urgent } from './expect-triage';

/**
 * The families of rounds 216–221's first-run misses and false alarms, and of the forty-sixth and forty-seventh reviews
 * (tests/fixtures/triage/README.md). Sentences written for this file, not copied from the rounds.
 */
describe('held-out rounds 216–221 and the forty-sixth and forty-seventh reviews', () => {
  it.each([
    // Chest discomfort spreading to the left arm for twenty minutes, however mildly a relative tells it.
    ['我妈说胸口这块有点不舒服，往左边胳膊那里窜，二十多分钟了', 'chest_pain'],
    // 心口发紧 with a heart pill that has not helped.
    ['我妈心口发紧，吃了救心丸也没缓过来', 'chest_pain'],
    // A double dose of a sleeping tablet with drowsiness, in English.
    ['Mum may have taken her night tablets twice, sleeping pills included, and now she is very drowsy', 'poisoning'],
    // Dish soap swallowed by a child.
    ['宝宝喝了一口洗碗液，一直咳', 'poisoning'],
    // 留 typed for 流: waters in a pregnancy.
    ['怀孕三十三周，刚才下面留了一滩水', 'pregnancy'],
    // Two-character IME picks: 新跳 (心跳), 度子 (肚子), 出雪 (出血); a clause-final 抽出 (抽搐).
    ['我妈新跳一分钟才三十多下，站都站不稳', 'arrhythmia'],
    ['怀孕二十八周，度子好痛，下面出雪', 'pregnancy'],
    ['女儿在沙发上抽出，五分钟了还没停', 'seizure'],
    // Pills counted in 个.
    ['我爸一下吃了二十个安眠药', 'poisoning'],
    // The forty-sixth review: a bare 结果是 tells what happened; distress 烦得想自杀 is real.
    ['结果是她吃了一整瓶降压药', 'poisoning'],
    ['最近烦得想自杀，活着真没意思', 'suicide'],
    // Rounds 219–221: a finger into a socket; an old woman fallen who does not answer (不吱声); 交不醒 (叫不醒).
    ['女儿拿发卡捅进插座，手指头黑了一块', 'burns'],
    ['我妈躺沙发上，叫她也不吱声', 'unconscious'],
    ['奶奶早上交不醒', 'unconscious'],
    // English waters and a mixed-script pregnancy week.
    ['her waters just broke and she is 34 weeks', 'pregnancy'],
    ['媳妇35 weeks，突然出血好多', 'pregnancy'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // Whether a febrile fit comes back, asked about a fit last year.
    ['孩子热性惊厥以后还会再抽吗？他前年抽过一次'],
    // A rope for a tent; 84 as an age.
    ['I bought a rope for the tent this weekend'],
    ['我84岁了，眼睛进了沙子'],
    // A diagnosis found last month, asked about as a claim.
    ['我妈上个月查出是心绞痛，住了几天院，理赔要什么材料'],
    // The forty-seventh review: a chest scan is no chest felt; a puddle from an air conditioner is no waters.
    ['肩膀酸往胳膊窜，排队做胸部CT等了四十分钟'],
    ['空调外机流了一滩水'],
    // Round 220's hyperbole: laughing until breathless, a mouth twisted with anger, a dish too salty to live with.
    ['笑得我喘不过气了😂 你们太逗了'],
    ['看球把我爸嘴都气歪了哈哈'],
    ['菜咸得我都不想活了哈哈哈'],
    ['救命啊 我忘了密码 怎么登录'],
  ])('not an emergency: %s', (text) => notEmergency(text));

  it.each([
    // A broken toe that will not take a shoe; a headache the tablets have not touched for days.
    ["I think I broke my toe, it's swollen and I can't get a shoe on"],
    ['偏头痛两天了，止痛药没用'],
    // Rounds 219–221: eyes gone yellow; painful frequent water with blood (Cantonese); swelling where a stent went in.
    ['这两天眼睛有点黄，尿也黄'],
    ['屙尿好痛又好密，仲有啲血'],
    ['上周做了支架，手腕穿刺那里肿了一大块'],
  ])('a doctor today: %s', (text) => urgent(text));

  it.each([
    // Pinyin lu for lü: 绿通 is the rights consultant's.
    ['lu tong zen me yu yue', 'rights_consultant'],
    // Whether wild mushrooms are poisonous is the doctor's.
    ['山上采的野蘑菇怎么看有没有毒', 'family_doctor'],
  ])('routed: %s', (text, role) => routes(text, role));
});
