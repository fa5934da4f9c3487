import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * The families of rounds 204–206's first-run misses and false alarms, and of the forty-third review
 * (tests/fixtures/triage/README.md). Sentences written for this file, not copied from the rounds.
 */
describe('held-out rounds 204–206 and the forty-third review', () => {
  it.each([
    // Cantonese 薄血丸 is a blood thinner: a knock on the head on one is an emergency.
    ['阿媽頭先跌親撞到個頭，佢一直食緊薄血丸', 'head_injury'],
    // The forty-third review: a deep wound of the belly, a socket bleeding for hours on a blood thinner, and a blink for an
    // answer after an ordinary evening.
    ['肚子上被划了一刀 伤口很深 能看到肠子', 'trauma'],
    ['拔了牙三个小时还在流血 我在吃华法林', 'bleeding'],
    ['刚才还在看电视 突然叫她就只眨眨眼', 'unconscious'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // 救命 about an exam or a cat, said in fun.
    ['救命啊 下周考试还没复习'],
    ['救命 我家狗把遥控器咬烂了'],
    // The day's peak heart rate on a run.
    ['爬山心率最高一百六，现在歇着八十'],
    // Sichuan 电视剧头 is inside a drama.
    ['那个电视剧头，有个人喝农药遭救回来了，真的救得回来哦'],
    // …and the mother's own inactivity, a throat spray, a dose given, a tic.
    ['孕29周 我最近不咋运动'],
    ['西瓜霜喷剂也没用 嗓子还是疼'],
    ['给宝宝喂了半片退烧药吃了'],
    ['孩子第一次抽动症发作 眨眼耸肩'],
  ])('not an emergency: %s', (text) => notEmergency(text));

  it.each([
    // A diabetic's toe gone black, whatever the years of diabetes told beside it.
    ['脚趾头黑了一块糖尿病十多年了也不太痛'],
  ])('a doctor today: %s', (text) => urgent(text));
});
