import { describe, it } from 'vitest';
import { emergency, notEmergency } from './expect-triage';

/**
 * A twenty-eighth independent review (of rounds 98–107's fixes, `git diff a6c7f8e 611b220`, 247 probes written from the
 * reference). Sentences written for this file.
 */
describe('the twenty-eighth session review', () => {
  it.each([
    ['刚视频完，外公嘴巴歪了，讲话也不清楚', 'stroke'],
    // 幺 as the first digit, and a pressure read before the hotline 一一零.
    ['刚量血压幺八零幺一零，头疼', 'blood_pressure'],
    ['我妈华法林今天吃了两次，牙龈一直出血', 'poisoning'],
    ['外婆抽了几十秒停了，以前没这毛病，现在还迷迷糊糊', 'seizure'],
    ['宝宝两天没吃奶了，一直昏睡', 'unconscious'],
    ['老爷子跌在路边台阶上，回来以后一直想睡', 'head_injury'],
    ['我爸刚才端碗端不住，握不住杯子，右手发麻', 'stroke'],
    ['已经决定了，活不过这个月，谢谢你们一直照顾', 'suicide'],
    ["I won't be alive by next week, I've written the letters", 'suicide'],
    ['油锅起火，她手烧到了，起了很大的水泡', 'burns'],
    ['奶奶下楼一脚踩空一路滚到底', 'trauma'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['加班加得快猝死了哈哈'],
    ['验证码一八五一一五，怎么登录不了'],
    ['吃饭时筷子掉了一根，老人说有客人来'],
    ['问他去哪了，他回得很含糊'],
    ['楼梯上滚了个皮球下来'],
    ['跑步机买回来就没动过'],
    ['我背稿子老嘴瓢'],
    ['咳嗽去放射科拍了胸片，说是支气管炎'],
  ])('not 120: %s', (text) => notEmergency(text));
});
