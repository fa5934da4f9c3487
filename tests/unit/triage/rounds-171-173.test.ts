import { describe, it } from 'vitest';
import { emergency, notEmergency, urgent } from './expect-triage';

/**
 * The families of rounds 171–173's first-run misses, false alarms and urgent messages answered routine
 * (tests/fixtures/triage/README.md). Sentences written for this file, not copied from the rounds.
 */
describe('held-out rounds 171–173', () => {
  it.each([
    // English household corrosives by name.
    ['my daughter swallowed some dish soap and she keeps drooling', 'poisoning'],
    // A child shut in a hot car: hot, dry, dazed, hardly answering (north-eastern 迷瞪, 不咋应).
    ['孩子被锁在车里半个多小时，身上滚烫，迷迷瞪瞪的，叫他也不咋应', 'unconscious'],
    // Cantonese hives all over after an injection, short of breath.
    ['打完针成身起晒风癞，有啲喘', 'anaphylaxis'],
    // No plan to go on living, said beside a policy question.
    ['受益人帮我改成我儿子吧，过完年我也不打算继续活了', 'suicide'],
    // The knife at hand with despair (north-eastern 整不了了).
    ['我是真整不了了 刀就在手边', 'suicide'],
  ])('an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    // Folic acid is a vitamin.
    ['Is 0.4mg of folic acid enough in early pregnancy?'],
    // A panic attack is not a fit, however many times it came.
    ['最近惊恐发作了好几次，心跳快，手麻，医生说是焦虑'],
    ['had two panic attacks this week, heart racing, hands tingling'],
    // A head about to burst, with a laugh.
    ['今天开了一天会，脑袋都要炸了哈哈，周末有什么放松的活动'],
    // A face swollen lopsided by a tooth.
    ['智齿发炎，肿得脸都歪了'],
    // A pencil point broken off in a palm is a doctor today, not 120.
    ['儿子被铅笔扎到手心，笔芯断在里面了'],
    // A meeting that made someone "want to die".
    ['这个会开得我想死，好在明天放假'],
  ])('not an emergency: %s', (text) => notEmergency(text));

  it.each([
    ['宝宝五个月，感冒三天了，今天呼吸比平时快，还能吃奶'],
    ['孩子咳了一个多星期，今天开始发烧38.6'],
    ['奶奶吃着华法林，刷牙牙龈出血，按了十分钟才止住'],
    ['靶向药吃了三周，手脚起水泡，走路疼'],
    ['化疗后白细胞2.0，医生让打升白针'],
    ['我爸透析病人，今天漏了一次透析'],
    ['内瘘今天摸不到震动了'],
    ['我是肾病四期，这几天小便特别少'],
    ['转氨酶一周内从80升到了400'],
    ['我妈自从老伴走了就不吃不喝，整天躺着不说话'],
    ['最近上楼一走快就胸口闷，歇一会就好'],
    ['小孙子今天拉了六七回稀水，人有点蔫'],
  ])('urgent, a doctor today: %s', (text) => urgent(text));

  describe('the thirty-sixth review: what the second batch cost', () => {
    it.each([
      // A film's plot, then someone real: the telling has moved to real life.
      ['看了个电影里有人心梗 然后我爷爷突然倒地叫不醒', 'unconscious'],
      // A reading first doubted, then confirmed: no misread.
      ['以为血压210/125是机器坏了 换了个机器一看还是这么高', 'blood_pressure'],
      // A fit named as one, whatever cramps are mentioned besides.
      ['我爸抽搐了全身抖 五分钟了 他平时腿抽筋', 'seizure'],
      // A person who does not respond, whatever app the message names.
      ['小程序上找不到医生 我奶奶叫着没啥反应', 'unconscious'],
      // 'Better off without her', passed on by a relative, beside a divorce.
      ['我妹离婚以后天天哭 说孩子没有她会更好', 'suicide'],
      // An unknown number of tablets with the drug's signs, at any age.
      ['我爸不知道吃了多少安眠药 现在迷糊', 'poisoning'],
    ])('an emergency: %s', (text, flag) => emergency(text, flag));

    it.each([
      // Waiting for an ambulance long ago is no present.
      ['前年我妈中风 等救护车等了四十分钟 现在想买份保险'],
      // A drug only asked about.
      ['牙龈发炎脸肿了 能吃什么消炎药'],
      // A night outdoors with nothing wrong.
      ['周末露营在外面睡了一宿 挺好玩的'],
    ])('not an emergency: %s', (text) => notEmergency(text));
  });
});
