import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * A twenty-sixth independent review (of session 9's last fixes, 208 probes written from the reference), and the
 * families of held-out rounds 98–101. Sentences written for this file.
 */
describe('the twenty-sixth session review and rounds 98–101', () => {
  it.each([
    // Not knowing what bit him is uncertainty about now, not a knowledge question.
    ['舅舅在菜园里被蛇咬到手，不知道是什么蛇，手肿了', 'trauma'],
    ['狗把孩子胳膊咬了一口，血一直在流', 'bleeding'],
    // English words inside Chinese: coffee grounds in the vomit.
    ['我妈吐出来的东西像coffee渣，黑乎乎的', 'bleeding'],
    ['外公刚才视频的时候半边脸垂下来了', 'stroke'],
    ['她一早起来右边手脚发麻，走路老往一边偏', 'stroke'],
    ['爷爷八十五了，下午后脑碰到了桌角', 'head_injury'],
    ['he has had pain in his jaw and left arm for an hour and is in a cold sweat', 'chest_pain'],
    ['feels like somebody is standing on his chest, he is grey and sweating', 'chest_pain'],
    ['she is 34 weeks and hasnt felt the baby kick since lunch', 'pregnancy'],
    ['my mother says a curtain came down over her right eye', 'stroke'],
    ['grandpa rolled down the stairs and is not moving his leg', 'trauma'],
    ['女儿在海边呛了好几口水，回来一直咳，蔫蔫的', 'trauma'],
    ['老婆左边手脚一下子软了，坐都坐不稳', 'stroke'],
    ['有痔疮，今天拉了好多血，头晕站不住', 'bleeding'],
    ['外婆叫不大醒，嘴里嘀咕听不清', 'unconscious'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['my aunt says hi, she loved the health talk last week'],
    ['前天被电瓶车蹭了一下，拍片没事，今天还有点青'],
    ['同学的爸爸昨天心梗猝死，明天去吊唁要注意什么'],
    ['戒烟三个月又抽了，有什么办法'],
    ['I got out of the pool and my ears still feel full'],
    ['右边胳膊腿都晒伤脱皮了'],
    ['the curtain over the window is broken, can you fix the app picture'],
    ['游泳呛了一口水，咳了几下就好了'],
  ])('not 120: %s', (text) => notEmergency(text));

  it.each([
    // Chest pain the cough pulls, with fever: a chest infection, a doctor today.
    ['烧了两天，38度5，一咳起来胸口就扯着痛，呼吸还行'],
    ['老痔疮了，这两天便后滴鲜血比平时多点，人没什么不舒服'],
  ])('a doctor today: %s', (text) => urgent(text));
});
