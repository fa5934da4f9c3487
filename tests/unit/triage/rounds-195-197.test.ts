import { describe, it } from 'vitest';
import { emergency, notEmergency, routes, urgent } from './expect-triage';

/**
 * The families of rounds 195–197's first-run misses, false alarms and misroutes (tests/fixtures/triage/README.md).
 * Sentences written for this file, not copied from the rounds.
 */
describe('held-out rounds 195–197', () => {
  it.each([
    // The left arm and the jaw aching together, sweating: a heart attack without the chest.
    ['我妈说左胳膊疼 下巴也跟着疼 一直在出汗', 'chest_pain'],
    // A chest bound tight like a rope round it.
    ['我爸爬楼梯 胸口像被绳子勒住一样 脸煞白', 'chest_pain'],
    // English: an old woman's heavy stomach under the ribs with a cold sweat.
    ['Grandma is 81, her stomach feels heavy and she is clammy', 'chest_pain'],
    // A blood-pressure tablet taken twice, the pressure now low and the legs unsteady.
    ['我妈降压药忘了又吃了一次 现在量血压85/50 头晕站不稳', 'poisoning'],
    // A whole blister strip of a painkiller eaten by a small child.
    ['三岁的女儿把一板对乙酰氨基酚都吃了', 'poisoning'],
    // One button battery found and another unaccounted for.
    ['地上捡到一颗纽扣电池 还有一颗找不到了 孙子刚在这玩', 'poisoning'],
    // A late period with a sudden severe low belly pain: an ectopic until shown otherwise.
    ['大姨妈推迟了十天 刚才右下腹突然剧痛 出冷汗', 'pregnancy'],
    // Tightening every few minutes before 37 weeks: labour come early.
    ['怀孕三十二周 肚子一阵一阵发硬 五分钟一次', 'pregnancy'],
    // A sting, a swollen face and a wheeze.
    ['我老汉儿遭蜂子叮了，嘴巴脸都肿了，出气呼呼地响', 'anaphylaxis'],
    // A hot day told by the thermometer, someone down with a hot dry skin.
    ['今天气温三十九度 我舅舅在工地晕倒了 身上烫得很', 'trauma'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // A chest muscle strained lifting, or sore after the gym.
    ['搬冰箱的时候闪了一下 左边胸口肌肉疼 一动就疼'],
    ['健身房练了胸 今天胸口肌肉酸痛'],
    // How to tell one pain from another, and how a poisoning works: knowledge questions.
    ['心绞痛和胃痛怎么鉴别'],
    ['一氧化碳中毒的原理是什么'],
    // A heart rate counted while running.
    ['跑步的时候心率一百六 正常吗'],
    // Gums that bleed at each brushing on a blood thinner: a doctor today, not 120.
    ['吃着华法林 刷牙牙龈总是流血'],
    // "Scolded until I want to die", said with a laugh and dinner plans.
    ['今天被领导训得想死hhh 晚上去撸串'],
    // A cough with pain on a breath in, in English.
    ['coughing for a week and my chest hurts when I breathe in'],
    // Menopause is no pregnancy.
    ['我停经三年了 最近肚子有点疼'],
  ])('not an emergency: %s', (text) => notEmergency(text));

  it.each([
    // A stent and a chest felt now, however briefly.
    ['放了支架一年，最近胸口偶尔扎一下'],
    // New breathlessness on a short walk, in English.
    ['Mum gets short of breath walking to the car now, never used to'],
    // A calf swollen more than the other one.
    ['右边小腿疼了三天 比左边肿一圈'],
    // Pregnancy sickness that has dried her out.
    ['孕吐太厉害 感觉脱水了'],
    // Diarrhoea five times with dizziness.
    ['拉了五次了 头晕'],
    // A small child both vomiting and with diarrhoea.
    ['宝宝拉肚子 今天又吐了'],
    // Blood under a nail after a crush.
    ['手指被车门夹了 指甲下面全是血'],
  ])('a doctor today: %s', (text) => urgent(text));

  it.each([
    // 危险 is danger, not insurance (险); after a birth and teething are the doctor's.
    ['怀孕期间哪些危险信号要去医院', 'family_doctor'],
    ['产后多久能游泳', 'family_doctor'],
    ['宝宝长牙发烧正常吗', 'family_doctor'],
  ])('routed: %s', (text, role) => routes(text, role));
});
