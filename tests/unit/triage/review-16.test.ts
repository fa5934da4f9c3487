import { describe, it } from 'vitest';
import { emergency, notEmergency } from './expect-triage';

/**
 * A sixteenth independent review (of the fifteenth review's fixes and rounds 65–67, 211 probes written from the
 * reference). Sentences written for this file.
 */
describe('the sixteenth session review', () => {
  it.each([
    // 头闷闷的 is no chest only when 头 is right before it, never across 晕胸口.
    ['我爸头晕胸口闷闷的，出了一身冷汗', 'chest_pain'],
    // A past fact before a bare part of the day dates it only when joined to it (三年前的一个下午), not across a new story.
    ['老伴前年放过支架下午胸口压着疼出冷汗', 'chest_pain'],
    ['我妈以前中风过早上起来嘴歪了', 'stroke'],
    // A policy or a lecture before the time of day is left behind by a story about someone.
    ['买了重疾险下午我爸嘴歪了说话不清楚', 'stroke'],
    // 早好了 says only the thing right before it is over.
    ['发烧早好了，可是现在宝宝抽搐口吐白沫', 'seizure'],
    // A laugh emoji is not a joke: elderly members send it for tears.
    ['心梗发作😂 我爸倒在地上捂着胸口', 'chest_pain'],
    // A reliever that worked before does not silence one that fails now.
    ['哮喘犯了，以前吸药就能缓过来，这次吸了三次还是喘', 'breathing'],
    // A dream ends where now is told.
    ['昨晚梦见我爸了，现在我胸口剧痛一身冷汗', 'chest_pain'],
    // 也没 反应 said with spaces is still no response.
    ['我爸倒了 拍他 也没 反应', 'unconscious'],
    // A limb that will not do what it should, however the 不 is said.
    ['外公右胳膊突然不带劲了，抬也抬不高', 'stroke'],
    ['妈妈左手突然握不了杯子，杯子掉地上了', 'stroke'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['我老公说他打游戏再输一把就要心梗了 哈哈哈'],
    ['三年前的一个下午我爸突然晕倒了，住了一周院，现在好好的'],
    ['如何判断早上起来嘴歪是不是中风'],
    ['孩子上个月发烧抽过一次，医院说是热性惊厥，现在早好了，以后再发烧要注意啥'],
  ])('not 120: %s', (text) => notEmergency(text));
});
