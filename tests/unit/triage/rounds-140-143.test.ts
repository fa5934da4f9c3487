import { describe, it } from 'vitest';
import { emergency, notEmergency, routes, urgent } from './expect-triage';

/**
 * The families of held-out rounds 140–143's first-run misses and false alarms (tests/fixtures/triage/README.md).
 * Sentences written for this file, not copied from the rounds.
 */
describe('rounds 140–143', () => {
  it.each([
    // Farewells and plans with no method named, or with the means bought.
    ['对不起，谢谢你们这两年一直提醒我，以后不用再提醒了，我要走了', 'suicide'],
    ['这是最后一次跟你们聊天了，谢谢管家，以后不用再提醒了', 'suicide'],
    ['我把炭买好了，今晚在车里烧，别劝我', 'suicide'],
    ['受益人改成我儿子吧，改完我就放心了，明天就不在了', 'suicide'],
    ['我女儿把自己反锁在房间里，地上有血，她喊让我们别管她', 'suicide'],
    ["I keep thinking about ending it, the pills are lined up next to my bed", 'suicide'],
    // Overdose in Cantonese and in non-native English.
    ['個仔飲咗成樽止咳水，佢三歲，而家好眼瞓', 'poisoning'],
    ['my 3 year old maybe swallow many of grandpa heart tablets', 'poisoning'],
    // Chest pain a heart pill did not ease; stroke in English and with homophones.
    ['我爸捂着胸口，速效救心丸含了两粒还是疼，脸发白', 'chest_pain'],
    ['my mum suddenly lost vision in her right eye and her words are coming out wrong', 'stroke'],
    ['我妈右边眼睛一片黑，过了几分钟又好了', 'stroke'],
    // Cantonese head injury and shock; heat in a field; English fits, DKA and a still baby.
    ['阿爷跌亲个头，佢食紧薄血药，而家好晕', 'head_injury'],
    ['老公喺工地触咗电，而家手好痹', 'trauma'],
    ['我爸在玉米地干活，现在浑身滚烫一点汗没有，说话都糊涂了', 'trauma'],
    ['my daughter is shaking whole body and her eyes roll up, more than 5 minutes', 'seizure'],
    ["grandpa's meter only says HI, he is vomiting and his breath smell like nail polish", 'high_glucose'],
    ['I am 35 weeks pregnant and baby has not moved since yesterday', 'pregnancy'],
    // "will give you a call" is no figure of speech: only a heart attack given by cooking or children is.
    ['my dad will give you a call, he has chest pain and is sweating', 'chest_pain'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['冬天被静电打了一下，手麻了一下'],
    ['打雷的时候在树下会被雷劈吗'],
    ['中风的BE-FAST分别代表什么'],
    ['My wife says the kids will give her a heart attack haha'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    ['我奶奶八十了，这几天吃不下饭，没什么精神'],
  ])('a doctor today: %s', (text) => urgent(text));

  it.each([
    ['今天看小品笑得我肚子疼 哈哈 跟你唠唠', 'health_butler'],
  ])('routed: %s', (text, role) => routes(text, role));
});
