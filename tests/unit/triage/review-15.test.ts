import { describe, it } from 'vitest';
import { emergency, notEmergency } from './expect-triage';

/**
 * A fifteenth independent review (of the fourteenth review's fixes, 202 probes written from the reference). Sentences
 * written for this file.
 */
describe('the fifteenth session review', () => {
  it.each([
    // A time of day after 今天 keeps 今天 in the cue window; "the same as last time" describes now.
    ['我妈今天下午跟上次一样嘴歪了，说话也不清楚', 'stroke'],
    ['老伴今天中午和去年那回一样胸口压着疼，出了一身冷汗', 'chest_pain'],
    ['孩子今天上午像小时候那样又抽搐了，五分钟了还没停', 'seizure'],
    // A dream ends where waking or what came next is told, at a new clause about the member, or when the pain lasts.
    ['昨晚梦见我爸了，早上起来我妈嘴就歪了，右手也抬不起来', 'stroke'],
    ['梦里都是他，我不想活了，药已经攒够了今晚就吃', 'suicide'],
    ['我妈说梦里心口疼，一直疼到现在，满头大汗', 'chest_pain'],
    ['宝宝在睡梦里抽搐，眼睛往上翻，叫不醒', 'seizure'],
    // Falls from a high chair, a windowsill or an arm, told with the person right before 从.
    ['宝宝从餐椅上掉下来，吐了两次', 'head_injury'],
    ['儿子从窗台上掉下来，刚才吐了两回', 'head_injury'],
    ['宝宝从床上掉下来后一直干呕，眼神发直', 'head_injury'],
    // 才两个月 with no age in years is the baby's age, whatever 没 follows.
    ['宝宝发烧38.5度，她才两个月没什么精神', 'child_fever'],
    // 米饭 after a reading is rice, not metres.
    ['血糖2.1米饭也咽不下去，人迷迷糊糊的', 'low_glucose'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['三年前有一次中午我爸突然晕倒了，住了一周院，现在好好的'],
    ['如何判断早上起来嘴歪是不是中风'],
    ['血糖有点高，早餐吃了50克燕麦，可以吗'],
    ['血糖3.5，吃了20克葡萄糖，现在5.2了'],
    ['血糖高，今天只吃了1200卡'],
    ['我的手机从桌上掉下来摔坏了，屏幕花了看不清东西'],
    ['昨晚梦到我爸中风了，吓死我了，他其实好好的'],
  ])('not 120: %s', (text) => notEmergency(text));
});
