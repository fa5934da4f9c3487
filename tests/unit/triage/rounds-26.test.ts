import { describe, it } from 'vitest';
import { emergency, notEmergency, routes, urgent } from './expect-triage';

/**
 * The families of messages that held-out round 26 exposed, each tested with sentences written for this
 * file (not the held-out ones), so a rule is held to its family rather than to one sentence.
 */
describe('round 26 families: emergencies', () => {
  it.each([
    ['My dad is wheezing badly, he can only say one or two words at a time', 'breathing'],
    ["Her asthma is bad and her lips are going grey, the puffer isn't helping", 'breathing'],
    ['my son has asthma, grey lips, cant finish his sentences', 'breathing'],
  ])('an asthma attack in English: grey lips, a few words at a time: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['他被钉子扎进胸口了，一直在流血', 'trauma'],
    ['被人用刀扎了肚子，血止不住', 'trauma'],
  ])('a stab wound to the body stays an emergency: %s', (text, flag) => emergency(text, flag));

  it('pain "like a knife" with a tearing back stays an aortic dissection', () => {
    emergency('突然后背像刀扎一样痛，一直往下撕着疼', 'aortic_dissection');
  });
});

describe('round 26 families: a doctor today, not 120', () => {
  it.each([
    ['我被图钉扎了手，扎得挺深，要不要打破伤风'],
    ['孩子踩到钉子，被铁钉扎了脚，流了点血，需要打针吗'],
  ])('a nail or pin through a hand or foot: %s', (text) => urgent(text));

  it.each([
    ['我妈血糖今天测了十五点六，没说口渴，也没喊肚子痛，要去医院吗'],
    ['空腹血糖14.8，人清醒，他没提恶心也没提肚子疼'],
  ])('a high glucose whose danger signs were reported absent (没说, 没喊, 没提): %s', (text) => urgent(text));

  it.each([
    ['我老豆落樓梯跣親，隻腳腫晒，行唔到路'],
    ['扭到脚了，脚踝肿得老高，脚不能着地'],
  ])('a sprain or fall that cannot bear weight: %s', (text) => urgent(text));

  it.each([
    ['Fever of 38.6 for four days now, coughing up green phlegm, can someone see me today?'],
    ['my husband has had a fever around 38.5 for five days with yellow sputum'],
  ])('days of fever with a chest infection, in English: %s', (text) => urgent(text));

  it.each([
    ['早上验孕是两条杠，现在有点出血，肚子不痛'],
    ['positive pregnancy test last week, now some spotting, no pain'],
  ])('bleeding early in a pregnancy told by the test: %s', (text) => urgent(text));

  it('a child with ear pain and discharge, "有点烧"', () => {
    urgent('女儿五岁，耳朵疼了一晚上，今天流脓了，有点烧');
  });
});

describe('round 26 families: routing', () => {
  it.each([
    ['能不能用积分换一次肠镜？我上个月便血住了三天院，已经好了，医生说三个月后复查'],
    ['拿积分兑一次体检可以吗，去年做过手术，现在恢复得挺好'],
  ])('paying for a service with points, after an illness that is over: %s', (text) => routes(text, 'rights_consultant'));

  it.each([
    ['Both my parents had heart attacks before 60. What screening should I get?'],
    ['My mother and aunt had breast cancer. Should I get screened, and how often?'],
  ])('a family history with a screening question, in English: %s', (text) => routes(text, 'family_doctor'));
});

describe('development-set families fixed alongside round 26', () => {
  it.each([
    ['我爸上周摔了一跤磕到头，今天一直吐，叫他反应慢', 'head_injury'],
    ['我妈前天在浴室滑倒磕到后脑勺，当时没事，今天迷迷糊糊的叫不太醒', 'head_injury'],
  ])('signs now after a knock to the head that was days ago: %s', (text, flag) => emergency(text, flag));

  it('a knock to the head that is over, with an upset stomach, is not a head injury emergency', () => {
    notEmergency('上周磕到头了现在好了，今天吃坏肚子有点恶心');
  });

  it.each([['咳嗽好几天了，今天咳出血丝'], ['我妈痰里带血，咳了两个礼拜了']])('a little blood coughed up: %s', (text) => urgent(text));

  it.each([
    ['我爸和我大伯都是心梗走的，我要做什么检查'],
    ['家里人都是脑梗，我需要注意什么'],
  ])('relatives who have the condition (都是…) are family history: %s', (text) => notEmergency(text));

  it.each([
    ['救命😭 我爸倒在地上叫不醒', 'unconscious'],
    ['胸口好痛[流泪] 出冷汗 以前有冠心病', 'chest_pain'],
  ])('an emoji ends a clause, so a past cue after it does not silence what came before: %s', (text, flag) => emergency(text, flag));

  it('a form that takes too long is a complaint, not a call for help', () => {
    routes('救命😫 这个问卷怎么这么长，能不能分几次填', 'health_butler');
  });
});

describe('an age in weeks and days', () => {
  it('reads 14周+2天 as fourteen weeks (a fever after a vaccine: not a newborn emergency)', () => {
    notEmergency('宝宝14周+2天😟 今天打完疫苗发烧37.8，吃奶正常');
  });
  it('still reads five weeks and three days as a baby under three months', () => {
    emergency('宝宝才5周+3天，发烧38.2', 'child_fever');
  });
});
