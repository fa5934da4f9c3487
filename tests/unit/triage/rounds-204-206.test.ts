import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * The families of rounds 204–206's first-run misses and false alarms (tests/fixtures/triage/README.md). Sentences written
 * for this file, not copied from the rounds.
 */
describe('held-out rounds 204–206', () => {
  it.each([
    // Cantonese 薄血丸 is a blood thinner: a knock on the head on one is an emergency.
    ['阿媽頭先跌親撞到個頭，佢一直食緊薄血丸', 'head_injury'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // 救命 about an exam or a cat, said in fun.
    ['救命啊 下周考试还没复习'],
    ['救命 我家狗把遥控器咬烂了'],
    // The day's peak heart rate on a run.
    ['爬山心率最高一百六，现在歇着八十'],
    // Sichuan 电视剧头 is inside a drama.
    ['那个电视剧头，有个人喝农药遭救回来了，真的救得回来哦'],
  ])('not an emergency: %s', (text) => notEmergency(text));

  it.each([
    // A diabetic's toe gone black, whatever the years of diabetes told beside it.
    ['脚趾头黑了一块糖尿病十多年了也不太痛'],
  ])('a doctor today: %s', (text) => urgent(text));
});
