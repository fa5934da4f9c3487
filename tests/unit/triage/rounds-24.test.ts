import { describe, expect, it } from 'vitest';
import { classify } from '../../../shared/domain/triage';
import { normalizeText } from '../../../shared/domain/triage/normalize';
import { emergency, notEmergency, routes, urgent } from './expect-triage';

/**
 * The families of messages that held-out round 24 exposed, each tested with sentences written for this
 * file (not the held-out ones), so a rule is held to its family rather than to one sentence.
 */
describe('round 24 families: emergencies', () => {
  it.each([
    ['刚才跟我爸开视频，他说心口像有东西压着，二十多分钟了，一头的汗', 'chest_pain'],
    ['我爸刚打电话来，他说胸口疼得厉害，出了一身冷汗', 'chest_pain'],
    ['我姐在语音里说她妈胸口闷了快一个钟头了，还冒冷汗，人在老家', 'chest_pain'],
    ['和我女儿视频的时候她说头突然很痛，是这辈子最痛的一次，还吐了', 'headache'],
    ['嗯 就是 我婆婆那边 胸口那块就是压着疼 她跟我视频说的 半个钟头了 我不在家', 'chest_pain'],
  ])('a relative on a video or phone call telling symptoms happening now: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['雪压一百八十五 一百一十二 头有点运', 'blood_pressure'],
    ['我妈刚测的学压二百零五 一百二十 说头有点运 想吐', 'blood_pressure'],
    ['学压190 118，头晕得很', 'blood_pressure'],
  ])('a homophone of 血压 with a critical reading, Chinese numerals read as a pair: %s', (text, flag) => emergency(text, flag));

  it.each([
    ["My 4 year old got into his grandpa's heart pills and swallowed 5 of them, he seems fine", 'poisoning'],
    ['Our toddler swallowed 3 of my sleeping pills an hour ago, she is acting normal', 'poisoning'],
    ["my 2 year old got into grandma's diabetes pills, we think she ate 4 of them. she seems ok", 'poisoning'],
  ])('a young child who swallowed an adult\'s pills, counted as "N of them", in English: %s', (text, flag) => emergency(text, flag));
});

describe('round 24 families: what stays calm', () => {
  it.each([
    ['看了个视频说胸口疼半小时不缓解就是心梗，是真的吗'],
    ['学压一百三十五 八十五 算正常吗'],
    ['I bought 3 of them at the pharmacy, are these vitamins safe for kids?'],
  ])('a video to learn from, a normal reading, a count that is not pills: %s', (text) => notEmergency(text));

  it.each([
    ['我個女舊年發燒抽過一次，醫生話係熱性驚厥，想問下以後仲會唔會再發'],
    ['細路上個月發高燒抽過筋，醫生話冇事，係咪要食藥預防'],
  ])('a febrile seizure in the past and a question about the future, in Cantonese: %s', (text) => routes(text, 'family_doctor'));
});

describe('round 24 families: routing', () => {
  it.each([
    ['yan jing hong le liang tian, yan shi hen duo, kan dong xi mo hu'],
    ['zuo yan hong zhong, jin tian liu nong, kan dong xi bu qing chu'],
    ['右眼红了三天，今天开始流脓，看东西有点模糊'],
  ])('a red eye with pus and blurred sight is a doctor today, in pinyin too: %s', (text) => urgent(text));

  it.each([
    ['这款安心保保不保冠脉支架手术？想给我妈买一份'],
    ['你们那个康心保，做搭桥手术能保吗，我想给我爸也买一份'],
  ])('a product by name and what it covers go to the insurance consultant, no emergency: %s', (text) => routes(text, 'insurance_consultant'));

  it.each([['小脚趾踢到床脚了 疼死'], ['刚才踢到门槛 脚趾疼死了']])(
    'a stubbed toe told as hyperbole is medical and routine: %s',
    (text) => {
      routes(text, 'family_doctor');
      expect(classify(text).disposition, text).toBe('routine');
    },
  );

  it.each([
    ['积分能换什么？还有我爸去年心梗住院的费用，理赔现在还能办吗'],
    ['想查一下积分，顺便问下我老公前年心梗放支架的发票找不到了，还能理赔吗'],
  ])('points mentioned first, a claim for a past heart attack asked: insurance wins: %s', (text) => routes(text, 'insurance_consultant'));
});

describe('false alarms left from rounds 22/23, fixed by family', () => {
  it.each([
    ['除颤仪怎么操作？社区刚配了一台，想先学学'],
    ['单位大厅新放了一台AED，如何使用啊'],
    ['心脏骤停的时候AED怎么用，单位发了一台'],
  ])('how to use a rescue device, nobody in trouble: knowledge for the doctor: %s', (text) => routes(text, 'family_doctor'));

  it.each([
    ['快！有人在超市倒地不动了，AED怎么用', 'unconscious'],
    ['AED怎么用 我爸没呼吸了', 'unconscious'],
    ['那个AED怎么用啊 地上那个人叫不醒', 'unconscious'],
    ['aed zen me yong, wo ba tu ran dao le', 'unconscious'],
  ])('how to use a rescue device on someone collapsing now stays an emergency: %s', (text, flag) => emergency(text, flag));

  it.each([
    ['我买的那份意外险里的猝死保险金，心梗算不算'],
    ['请问猝死责任包不包括心肌梗塞？'],
    ['Does the sudden death cover in my plan pay out for a heart attack?'],
  ])('a policy\'s sudden-death cover asked about: insurance, no emergency: %s', (text) => routes(text, 'insurance_consultant'));

  it.each([
    ['我妈吃了新开的降压药，血压掉到85/50，一站起来就头晕眼前发黑'],
    ['我爸吃了降压药以后血压降到八十五/五十，起身眼前一黑'],
  ])('pressure fallen too far on a BP drug with blackouts: a doctor today, not anaphylaxis: %s', (text) => urgent(text));

  it.each([['吃了头孢以后血压降得很低，人要晕过去了', 'anaphylaxis']])(
    'a fall in pressure after an antibiotic is still an allergy: %s',
    (text, flag) => emergency(text, flag),
  );

  it.each([
    ['孩子耳朵里流出水来，黄黄的，昨天开始发烧'],
    ['孩子中耳炎，耳朵流脓水，发烧38度5'],
  ])('an ear discharging with a fever: a doctor today, not waters breaking: %s', (text) => urgent(text));

  it.each([
    ['怀孕38周，下面突然流出黄水，止不住', 'pregnancy'],
    ['下面突然流出一大股水，裤子都湿了', 'pregnancy'],
  ])('fluid from below in a pregnancy still reads as the waters: %s', (text, flag) => emergency(text, flag));
});

describe('pinyin "toubao": 投保 (taking out a policy) or 头孢 (the antibiotic), by context', () => {
  it.each([
    ['toubao de shihou yao bu yao gaozhi gaoxueya'],
    ['wo ba you gao xue ya, hai neng toubao baoxian ma'],
    ['toubao yihou duojiu neng lipei'],
    ['toubao yao zhunbei shenme cailiao'],
  ])('with insurance words around it, the policy: %s', (text) => routes(text, 'insurance_consultant'));

  it.each([
    ['wo dui toubao guo min, chi le hou hou long jin, chuan bu shang qi', 'anaphylaxis'],
    ['da le toubao zhen hou, zui chun zhong le, chuan bu guo qi', 'anaphylaxis'],
  ])('taken, injected or an allergy to it, the antibiotic: %s', (text, flag) => emergency(text, flag));

  it('an allergy to the antibiotic in a question about buying insurance keeps both senses', () => {
    const text = 'toubao guomin de ren neng mai baoxian ma';
    expect(normalizeText(text)).toContain('头孢过敏');
    routes(text, 'insurance_consultant');
  });
});

describe('a doctor today: urgent messages the development set found answered routine', () => {
  it.each([
    ['我老公发烧四天了，三十八度多，一直咳嗽'],
    ['烧咗五日都未退，三十八度五'],
    ['小便的时候很痛，还发烧38度'],
    ['喉咙痛，吞口水都疼，发烧38.5'],
  ])('a fever that has lasted days, or with a focus: %s', (text) => urgent(text));

  it.each([
    ['今天小便是红色的，不痛不痒'],
    ['早上起来发现尿里有血，一点都不疼'],
    ['我爸从昨晚到现在小便解不出来，小肚子胀得难受'],
  ])('painless blood in the urine, urine that will not come: %s', (text) => urgent(text));

  it.each([
    ['膝盖手术后第五天，右边小腿肿起来了，按着疼，不喘'],
    ['坐了十几个小时飞机回来，小腿又肿又痛，呼吸正常'],
  ])('a swollen calf after surgery or a long flight, breathing fine: %s', (text) => urgent(text));

  it.each([
    ['肚子右下边疼了半天，按着更疼'],
    ['宝宝七个月，今天烧到38.4，吃奶还行'],
    ['怀孕七周，今天纸上有一点粉色，不疼'],
    ['孕32周，今天血压146/94，脚有点肿'],
    ['我妈吃华法林，这几天牙龈老出血，手臂上好多青紫'],
    ['吃了新开的抗生素，身上起了红疹，很痒，呼吸正常'],
    ['被蜜蜂叮了手，整只手肿得老大，呼吸没问题'],
    ['哮喘这几天加重了，晚上咳醒，喷雾一天要用五六次'],
    ['孩子刚吞了一个硬币，现在能吃能喝不咳'],
    ['我爸心衰，这三天体重涨了三斤，脚也肿了'],
  ])('the right lower belly, a baby under one with 38 °C, spotting or 140/90 in a pregnancy, a blood thinner with easy bleeding, a rash after a new drug, a big local sting, asthma needing more puffs, a swallowed coin, heart failure gaining weight: %s', (text) => urgent(text));

  it.each([
    ['宝宝九个月，体温37.5，这算发烧吗'],
    ['小腿有点酸，是不是走路多了'],
    ['哮喘病人平时要注意什么'],
    ['孕20周，血压118/76，正常吗'],
    ['免费洗牙一年可以用几次？'],
    ["Is it normal for my 7 month old to have 37.7 the day after her vaccine? she is feeding well"],
  ])('what stays routine beside them: %s', (text) => {
    expect(classify(text).disposition, text).toBe('routine');
  });
});

describe('a doctor today, second pass: fluid loss, injuries, infections', () => {
  it.each([
    ['宝宝十个月，今天拉了六七次水样的，还吐了三回，精神一般'],
    ['我妈八十一了，今天吐了五回，拉肚子好几次，有点没精神'],
    ['my 9 month old has thrown up 5 times today and is peeing less'],
  ])('vomiting or diarrhoea again and again in a baby or an elderly person: %s', (text) => urgent(text));

  it.each([
    ['我姥姥买菜的时候滑倒了，手腕肿起来，动不了'],
    ['昨天打球摔了一跤，脚踝肿得老高，走路疼'],
  ])('a fall with swelling or a limb that will not move: %s', (text) => urgent(text));

  it.each([
    ['嗓子疼得厉害，烧到38.6'],
    ['发烧38.3，咳嗽，走几步就喘'],
    ['我爸有糖尿病，脚底的伤口两周没好，今天流脓了'],
    ['腿上被蚊子咬的包抓破了，现在红肿发烫，一天比一天大'],
    ['怀孕九周，上厕所纸上有一点点咖啡色，不疼'],
  ])('a sore throat with 38 °C, a cough with breathlessness on walking, a diabetic wound, spreading redness, spotting: %s', (text) => urgent(text));

  it.each([
    ['宝宝五个月，拉了一次稀的，精神很好'],
    ['我爸70岁，今天拉了一次肚子'],
    ['小时候摔过一跤手腕骨折过，现在阴天会酸'],
    ['嗓子有点疼，低烧37.6'],
  ])('what stays routine beside them: %s', (text) => {
    expect(classify(text).disposition, text).toBe('routine');
  });
});

describe('a time ago is not an age', () => {
  it('a child\'s fever three days ago is not a three-day-old\'s fever', () => notEmergency('孩子三天前发烧了一次，现在好了，能去上学吗'));
  it('a baby born three days ago with 38 °C is still a newborn', () => emergency('宝宝三天前出生的，今天摸着烫，38度', 'child_fever'));
});
