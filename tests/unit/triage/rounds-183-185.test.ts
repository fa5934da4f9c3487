import { describe, it } from 'vitest';
import { emergency, notEmergency, routes, urgent } from './expect-triage';

/**
 * The families of rounds 183–185's first-run misses and false alarms (tests/fixtures/triage/README.md). Sentences
 * written for this file, not copied from the rounds.
 */
describe('held-out rounds 183–185', () => {
  it.each([
    // A chest like a stone pressing on it, with sweat.
    ['胸口跟压块石头似的 汗直流', 'chest_pain'],
    // A thunderclap told of the back of the head.
    ['后脑突然像被人打了一棍 疼得直吐', 'headache'],
    // Called for a long time and silent.
    ['我妈喊了半天不吭声 咋回事', 'unconscious'],
    // A fit that will not stop.
    ['孩子抽筋止不住了', 'seizure'],
    // Pills stockpiled with tonight named, and charcoal burning indoors.
    ['药都攒好了 今天就吃', 'suicide'],
    ['全家都头晕 屋里点着炭', 'poisoning'],
    // Pinyin: a counter before what was swallowed, and a pronoun before a longer word with a particle after.
    ['erzi tun le yi ke putao, kazhu le, lian fazi', 'choking'],
    ['ta shuo bu chu hua le', 'stroke'],
    // An amount between the act and the blood.
    ['我爸拉了一马桶的血 站不起来', 'bleeding'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // 雪 for 血 beside a urine word.
    ['尿里有雪 有点疼'],
    // A curtain over part of the sight.
    ['右眼下边像拉了块帘子'],
    // A pad soaked every hour, in English words inside Chinese.
    ['这次 period 量好大 半小时就要换 pad'],
    // A household chemical splashed in the eye, rinsed and still sore.
    ['眼睛进了点洗洁精 洗过了还有点红'],
  ])('a doctor today: %s', (text) => urgent(text));

  it.each([
    // A leg cramp that will not stop is still a cramp.
    ['小腿抽筋停不下来 怎么缓解'],
  ])('not an emergency: %s', (text) => notEmergency(text));

  it.each([
    // News shared with a cheer or thanks and nothing asked is chat for the butler…
    ['我妈心脏搭桥出院一个月了 今天自己下楼买菜了🎉🎉', 'health_butler'],
    ['谢谢家庭医生 我爸的肺结节复查是良性的🙏', 'health_butler'],
    // …but a reading, a question or a symptom now stays the doctor's.
    ['今天空腹血糖6.1👍', 'family_doctor'],
    ['肺结节复查是良性的🙏 以后多久查一次', 'family_doctor'],
  ])('routed: %s', (text, role) => routes(text, role));
});
