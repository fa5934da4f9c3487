import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * A twenty-fifth independent review (of the last tuning rounds, 169 probes written from the reference), and the
 * families of rounds 96–97. Sentences written for this file.
 */
describe('the twenty-fifth session review and rounds 96–97', () => {
  it.each([
    // Anger excuses not answering, never not waking.
    ['他跟我赌气，现在倒在床上怎么叫都不醒', 'unconscious'],
    // 猝死 told with a now is a collapse under way.
    ['我爸刚才心梗猝死了，我正在给他按胸口', 'chest_pain'],
    ['奶奶从楼梯上一路滚下来，腿动不了', 'trauma'],
    ['爷爷喝多了在雪地里躺了半夜，叫也叫不太醒', 'unconscious'],
    ['we just pulled my son out of the pool, he is coughing and very sleepy', 'trauma'],
    ['喘得说不完一句话，喷雾也没用', 'breathing'],
    ['老公四十多岁，上腹堵得慌，一直出冷汗，快半小时了', 'chest_pain'],
    ['俺爹左边胳膊腿突然抬不起来，嘴也瓢了', 'stroke'],
    ['儿子刚抽完一次还没醒过来，又开始抽了', 'seizure'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['舅舅心梗猝死，今天出殡'],
    ['重疾险里急性心肌梗塞是按哪个标准赔的？'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    ['喉咙痛到张不开口，一边扁桃体肿得老大'],
    ['吐了一整天了'],
    ['奶奶这几天老是头晕，走路有点飘'],
  ])('a doctor today: %s', (text) => urgent(text));
});
